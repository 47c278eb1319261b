import type { DuckDBConnection } from '@duckdb/node-api';
import type { FilterDimension, Filters } from '../filters/filters.ts';
import type { SqlParams } from '../db/sql-params.ts';
import { DIMENSION_COLUMNS, filterSql } from '../filters/filter-sql.ts';

/**
 * The levels of rate_cells (see rate-cells-sql.ts): order counts are distinct within each cell of a level; `all` is
 * per day, the others per month.
 */
export type CellLevel = 'all' | 'category' | 'supplier' | 'product' | 'sku';

/** What an answer is grouped by: a level's key, an order attribute, a variant, or nothing (one total). */
export type RateGrouping = 'total' | 'category' | 'supplier' | 'product' | 'sku' | 'variant' | 'channel' | 'country';

/**
 * The filters a level's cells can apply without splitting an order's lines across the cells summed:
 * its own key, what that key determines (a product's category and supplier), and, for the levels
 * kept per channel and country, those.
 */
const CELL_FILTERS: Record<CellLevel, readonly FilterDimension[]> = {
	all: ['channel', 'country'],
	category: ['category', 'channel', 'country'],
	supplier: ['supplier', 'channel', 'country'],
	product: ['product', 'category', 'supplier'],
	sku: ['sku', 'product', 'category', 'supplier']
};

const LEVEL_KEY: Record<Exclude<CellLevel, 'all'>, FilterDimension> = {
	category: 'category',
	supplier: 'supplier',
	product: 'product',
	sku: 'sku'
};

/** The columns each level's cells are grouped by, besides the month. */
const GRAIN: Record<CellLevel, readonly string[]> = {
	all: ['channel', 'country'],
	category: ['channel', 'country', 'category'],
	supplier: ['channel', 'country', 'supplier'],
	product: ['product_id', 'category', 'supplier'],
	sku: ['sku', 'product_id', 'variant', 'category', 'supplier']
};

const CELL_COLUMNS = ['channel', 'country', 'category', 'supplier', 'product_id', 'sku', 'variant'] as const;

/** A CellTable's columns, in the order buildCellTableSql writes them. */
export const cellColumns = (cells: CellTable): string[] => [
	'level',
	'day',
	'month',
	...CELL_COLUMNS,
	...cells.grain,
	...Object.keys(cells.measures)
];

/**
 * The level of rate_cells whose order counts add up exactly for this grouping and these filters, or
 * null when only line_facts can answer. Summing cells is exact when no order has lines in two of the
 * cells that end up in one group: so the grouping is the level's key (or an order attribute the level
 * keeps, or the total of one value of its key), and every filter is one the level can apply.
 */
export function cellLevel(grouping: RateGrouping, filters: Filters): CellLevel | null {
	const active = (Object.keys(DIMENSION_COLUMNS) as FilterDimension[]).filter((d) => filters[d]?.length);
	const applies = (level: CellLevel) => active.every((d) => CELL_FILTERS[level].includes(d));
	if (grouping === 'variant') return null;
	if (grouping !== 'total' && grouping !== 'channel' && grouping !== 'country')
		return applies(grouping) ? grouping : null;
	const candidates: CellLevel[] = ['all', 'category', 'supplier', 'product', 'sku'];
	return (
		candidates.find(
			(level) =>
				applies(level) &&
				(level === 'all' || filters[LEVEL_KEY[level]]?.length === 1) &&
				(grouping === 'total' || CELL_FILTERS[level].includes(grouping))
		) ?? null
	);
}

/** Whether ingestion found rate_cells exact for this data (rate-cells-sql.ts). */
export async function cellsExact(connection: DuckDBConnection): Promise<boolean> {
	const reader = await connection.runAndReadAll('SELECT exact FROM rate_cells_exact');
	return reader.getRows()[0]?.[0] === true;
}

const DAY_MS = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthStart = (ms: number) => iso(Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), 1));

/**
 * A date range as whole months (read from the cells) and the days at its edges that do not fill a
 * month (read from the lines). Bounds are ISO dates, the upper ones exclusive; undefined is open.
 */
export function splitMonths(
	from?: string,
	to?: string
): { months: { from?: string; until?: string }; edges: { from: string; until: string }[] } {
	const until = to ? iso(day(to) + DAY_MS) : undefined;
	const monthsFrom =
		from && monthStart(day(from)) !== from ? monthStart(Date.UTC(+from.slice(0, 4), +from.slice(5, 7), 1)) : from;
	const monthsUntil = until ? monthStart(day(until)) : undefined;
	if (monthsFrom && monthsUntil && monthsFrom >= monthsUntil)
		return { months: { from: monthsUntil, until: monthsUntil }, edges: [{ from: from!, until: until! }] };
	const edges: { from: string; until: string }[] = [];
	if (from && monthsFrom && from < monthsFrom) edges.push({ from, until: monthsFrom });
	if (until && monthsUntil && monthsUntil < until) edges.push({ from: monthsUntil, until });
	return { months: { from: monthsFrom, until: monthsUntil }, edges };
}

/**
 * Where a rate query reads its rows: an expression for the order month and aggregates for the orders
 * and returned orders of a group (of order lines and rate cells). Cells have their rows' measure and
 * dimension columns.
 */
export interface RateSource {
	sql: string;
	month: string;
	orders: string;
	returnedOrders: string;
}

/**
 * A table pre-aggregated at the levels of rate_cells (rate-cells-sql.ts), the rows it sums and how: each
 * cell column's aggregate over those rows, for the days at the edges of a range.
 */
export interface CellTable {
	table: string;
	rows: string;
	/** The rows' date: the period filters it, and the cells are per its day (`all`) or month. */
	date: string;
	/** Grain columns besides the level's own. */
	grain: readonly string[];
	measures: Record<string, string>;
	/** Columns the rows lack that the cells have, as the rows give them (a count is a 1 per row). */
	rowColumns?: string;
	/** The measure that counts a cell's rows or orders: a cell where it is 0 holds nothing. */
	counts?: string;
	/** The rows as `rows` gives them, read from another table of the same columns (the delta's old and new rows). */
	rowsOf?: (table: string) => string;
}

export const RATE_CELLS = {
	table: 'rate_cells',
	rows: 'line_facts',
	date: 'ordered_at',
	grain: [],
	measures: {
		product_name: 'any_value(product_name)',
		sold_units: 'sum(sold_units)::BIGINT',
		returned_units: 'sum(returned_units)::BIGINT',
		sold_value: 'sum(sold_value)::DECIMAL(18, 2)',
		returned_value: 'sum(returned_value)::DECIMAL(18, 2)',
		defect_returned_units: 'sum(defect_returned_units)::BIGINT',
		fit_returned_units: 'sum(fit_returned_units)::BIGINT',
		orders: 'count(DISTINCT order_key)::BIGINT',
		returned_orders: '(count(DISTINCT order_key) FILTER (WHERE returned_units > 0))::BIGINT'
	},
	counts: 'orders'
} satisfies CellTable;

/**
 * Return lines per stated reason: their count, units (not capped at the units sold), value and defects
 * inspection confirmed.
 */
export const REASON_CELLS = {
	table: 'reason_cells',
	rows: 'return_lines',
	date: 'ordered_at',
	grain: ['reason_group', 'reason_code'],
	measures: {
		rma_lines: 'count(*)::BIGINT',
		returned_units: 'sum(returned_units)::BIGINT',
		returned_value: 'sum(returned_value)::DECIMAL(18, 2)',
		confirmed_defects: '(count(*) FILTER (WHERE defect_confirmed))::BIGINT'
	},
	rowColumns: '1::BIGINT AS rma_lines, (defect_confirmed IS TRUE)::BIGINT AS confirmed_defects',
	counts: 'rma_lines'
} satisfies CellTable;

/** Refund bookings per method and reason group, by the day or month they were issued: counts and money. */
export const REFUND_CELLS = {
	table: 'refund_cells',
	rows: 'refund_facts',
	date: 'issued_at',
	grain: ['method', 'reason_group'],
	measures: {
		product_name: 'any_value(product_name)',
		refunds: 'count(*)::BIGINT',
		amount: 'sum(amount)::DECIMAL(18, 2)',
		return_shipping_cost: 'sum(return_shipping_cost)::DECIMAL(18, 2)',
		handling_cost: 'sum(handling_cost)::DECIMAL(18, 2)',
		restocking_fee: 'sum(restocking_fee)::DECIMAL(18, 2)'
	},
	rowColumns: '1::BIGINT AS refunds',
	counts: 'refunds'
} satisfies CellTable;

function lossRows(table: string): string {
	return `(SELECT *, returned_value - recovery_value AS value_lost FROM ${table} WHERE inspection_id IS NOT NULL)`;
}

/** Inspected return lines per reason group, by the day or month of inspection: their count and the value lost. */
export const LOSS_CELLS = {
	table: 'loss_cells',
	rows: lossRows('return_lines'),
	rowsOf: lossRows,
	date: 'inspected_at',
	grain: ['reason_group'],
	measures: {
		product_name: 'any_value(product_name)',
		inspected_lines: 'count(*)::BIGINT',
		value_lost: 'sum(value_lost)::DECIMAL(18, 2)'
	},
	rowColumns: '1::BIGINT AS inspected_lines',
	counts: 'inspected_lines'
} satisfies CellTable;

/**
 * Builds a CellTable's cells at every level (rate-cells-sql.ts explains the levels): its measures over its
 * rows, grouped by each level's grain and the table's own, per day for `all` and per month otherwise.
 * Sorted by level and category, so a request skips the blocks of other levels and categories.
 */
export function buildCellTableSql(cells: CellTable): string {
	return `CREATE OR REPLACE TABLE ${cells.table} AS
${cellsSelect(cells, cells.rows)}
ORDER BY level, category`;
}

/**
 * The cells of some rows at every level. A product's name is kept at the levels of a product (any one of
 * its lines' names); the other levels span products and keep none.
 */
export function cellsSelect(cells: CellTable, rows: string): string {
	const sets = (Object.keys(GRAIN) as CellLevel[]).map(
		(level) => `(${[...(level === 'all' ? ['day'] : []), 'month', ...GRAIN[level], ...cells.grain].join(', ')})`
	);
	return `SELECT
  CASE WHEN grouping(sku) = 0 THEN 'sku' WHEN grouping(product_id) = 0 THEN 'product'
       WHEN grouping(category) = 0 THEN 'category' WHEN grouping(supplier) = 0 THEN 'supplier' ELSE 'all' END AS level,
  day, month, ${[...CELL_COLUMNS, ...cells.grain].join(', ')},
  ${Object.entries(cells.measures)
		.map(([name, aggregate]) =>
			name === 'product_name'
				? `CASE WHEN grouping(product_id) = 0 THEN ${aggregate} END AS ${name}`
				: `${aggregate} AS ${name}`
		)
		.join(',\n  ')}
FROM (SELECT *, CAST(${cells.date} AS DATE) AS day, CAST(date_trunc('month', ${cells.date}) AS DATE) AS month
  FROM ${rows})
GROUP BY GROUPING SETS (${sets.join(', ')})`;
}

/** The columns that name a cell of a CellTable. */
export const cellKey = (cells: CellTable): string[] => ['level', 'day', 'month', ...CELL_COLUMNS, ...cells.grain];

/**
 * The cells of a CellTable computed level by level with plain groupings instead of grouping sets: what
 * the stored-equals-live test compares the built cells with. A name that is no level's grain column
 * (product_name above the product level) is left empty on both sides.
 */
export function liveCellsSql(cells: CellTable): { stored: string; live: string } {
	const named = (level: CellLevel) => level === 'product' || level === 'sku';
	const levels = (Object.keys(GRAIN) as CellLevel[]).map((level) => {
		const columns = CELL_COLUMNS.map((c) => (GRAIN[level].includes(c) ? c : `NULL AS ${c}`));
		const measures = Object.entries(cells.measures).map(([name, aggregate]) =>
			name === 'product_name' && !named(level) ? 'NULL AS product_name' : `${aggregate} AS ${name}`
		);
		return `SELECT '${level}' AS level, ${level === 'all' ? 'day' : 'NULL::DATE AS day'}, month,
  ${[...columns, ...cells.grain, ...measures].join(', ')}
FROM (SELECT *, CAST(${cells.date} AS DATE) AS day, CAST(date_trunc('month', ${cells.date}) AS DATE) AS month
  FROM ${cells.rows})
GROUP BY ${[...(level === 'all' ? ['day'] : []), 'month', ...GRAIN[level], ...cells.grain].join(', ')}`;
	});
	const keep = Object.keys(cells.measures).includes('product_name')
		? ` REPLACE (CASE WHEN level IN ('product', 'sku') THEN product_name END AS product_name)`
		: '';
	return { stored: `SELECT *${keep} FROM ${cells.table}`, live: levels.join('\nUNION ALL\n') };
}

/** The rows in scope (order lines unless other cells' rows are asked for), for what the cells cannot answer. */
export function linesSource(filters: Filters, params: SqlParams, cells: CellTable = RATE_CELLS): RateSource {
	return {
		sql: `SELECT *${cells.rowColumns ? `, ${cells.rowColumns}` : ''} FROM ${cells.rows}
WHERE ${filterSql(filters, params, cells.date)}`,
		month: `CAST(date_trunc('month', ${cells.date}) AS DATE)`,
		orders: 'count(DISTINCT order_key)',
		returnedOrders: 'count(DISTINCT order_key) FILTER (WHERE returned_units > 0)'
	};
}

/**
 * The cells of one level in scope: whole months from the cells, the days at the edges of the range
 * grouped the same way from their rows (orders lie in one day, so the two never share an order).
 */
export function cellsSource(
	level: CellLevel,
	filters: Filters,
	params: SqlParams,
	cells: CellTable = RATE_CELLS
): RateSource {
	// The `all` level is kept per day: any range reads from its cells alone.
	const { months, edges } = level === 'all' ? { months: {}, edges: [] } : splitMonths(filters.from, filters.to);
	const range =
		level === 'all'
			? [
					filters.from ? `day >= CAST(${params.add(filters.from)} AS DATE)` : 'TRUE',
					filters.to ? `day <= CAST(${params.add(filters.to)} AS DATE)` : 'TRUE'
				]
			: [
					months.from ? `month >= CAST(${params.add(months.from)} AS DATE)` : 'TRUE',
					months.until ? `month < CAST(${params.add(months.until)} AS DATE)` : 'TRUE'
				];
	const columns = [...CELL_COLUMNS.map((c) => (GRAIN[level].includes(c) ? c : `NULL AS ${c}`)), ...cells.grain].join(
		', '
	);
	const measures = Object.keys(cells.measures);
	const parts = [
		`SELECT month, ${columns}, ${measures.join(', ')} FROM ${cells.table}
WHERE level = ${params.add(level)} AND ${range.join(' AND ')} AND ${filterSql(filters, params, null)}`
	];
	if (edges.length) {
		const date = cells.date;
		const inEdges = edges
			.map(
				(e) =>
					`(${date} >= CAST(${params.add(e.from)} AS DATE)
  AND ${date} < CAST(${params.add(e.until)} AS DATE))`
			)
			.join(' OR ');
		parts.push(`SELECT CAST(date_trunc('month', ${date}) AS DATE) AS month, ${columns},
  ${measures.map((m) => `${cells.measures[m]} AS ${m}`).join(', ')}
FROM ${cells.rows} WHERE (${inEdges}) AND ${filterSql(filters, params, null)}
GROUP BY ALL`);
	}
	return {
		sql: parts.join('\nUNION ALL\n'),
		month: 'month',
		orders: 'sum(orders)',
		returnedOrders: 'sum(returned_orders)'
	};
}

/**
 * The cheapest source of sums (units and values, not orders) grouped by `columns`: the smallest level
 * of the cells that keeps those columns and every filtered one, else their rows. Sums add up whatever
 * the level.
 */
export function sumsSource(
	columns: readonly string[],
	filters: Filters,
	params: SqlParams,
	cells: CellTable = RATE_CELLS
): RateSource {
	const needed = [
		...columns,
		...(Object.keys(DIMENSION_COLUMNS) as FilterDimension[])
			.filter((d) => filters[d]?.length)
			.map((d) => DIMENSION_COLUMNS[d])
	];
	const keeps = (level: CellLevel) => needed.every((c) => GRAIN[level].includes(c) || cells.grain.includes(c));
	// The `all` level is kept per day for ranges with edge days; over whole months the monthly
	// category level keeps the same columns in a fraction of the cells.
	const wholeMonths = splitMonths(filters.from, filters.to).edges.length === 0;
	const level = wholeMonths && keeps('category') ? 'category' : (Object.keys(GRAIN) as CellLevel[]).find(keeps);
	return level ? cellsSource(level, filters, params, cells) : linesSource(filters, params, cells);
}

/** The cheapest exact source for a grouping: a level of the cells when one answers it, else the lines. */
export function rateSource(grouping: RateGrouping, filters: Filters, exact: boolean, params: SqlParams): RateSource {
	const level = exact ? cellLevel(grouping, filters) : null;
	return level ? cellsSource(level, filters, params) : linesSource(filters, params);
}
