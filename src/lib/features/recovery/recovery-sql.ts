import { CONDITIONS, DISPOSITIONS } from '../../core/contract/entities.ts';
import type { SqlParams } from '../../core/db/sql-params.ts';
import type { Statement } from '../../core/db/transaction.ts';
import type { Filters } from '../../core/filters/filters.ts';
import { filterSql, wholeScope } from '../../core/filters/filter-sql.ts';
import { AS_OF_SQL } from '../../core/cells/as-of-sql.ts';
import { linesSource, sumsSource, type CellTable } from '../../core/cells/rate-source-sql.ts';
import { rate } from '../../core/sql/rate-sql.ts';
import { RESELLABLE, type RecoveryDimension } from './recovery.ts';

/** Inspected return lines, narrow and sorted, stored at ingest (recovery-store.ts). */
export const RECOVERY_LINES = 'recovery_lines';

/**
 * One row per inspected return line: what the cells sum and the medians read. Sorted by category, then
 * by inspection date, so a view filtered by a category or a period (or both) reads only their blocks:
 * on 10 M order lines a quarter's medians and edge days take about half the time they take over rows
 * sorted by product. The seconds from receipt to inspection are held within INTEGER (±68 years), which
 * sorts faster in a median than BIGINT.
 */
export function recoveryLinesSql(): Statement {
	const seconds = `date_diff('second', received_at, inspected_at)`;
	return {
		sql: `SELECT inspected_at, channel, country, category, supplier, product_id, sku, variant, product_name,
  disposition, condition, reason_group, returned_units AS inspected_units, returned_value,
  CAST(refunded AS DECIMAL(18, 2)) AS refunded, recovery_value,
  CAST(CASE WHEN ${seconds} > 2147483647 THEN 2147483647 WHEN ${seconds} < -2147483647 THEN -2147483647
    ELSE ${seconds} END AS INTEGER) AS seconds_receipt_to_inspection
FROM return_lines WHERE inspection_id IS NOT NULL
ORDER BY category, inspected_at`
	};
}

/** Inspected return lines per disposition and condition, by the day or month of inspection. */
export const RECOVERY_CELLS: CellTable = {
	table: 'recovery_cells',
	rows: RECOVERY_LINES,
	date: 'inspected_at',
	grain: ['disposition', 'condition'],
	measures: {
		product_name: 'any_value(product_name)',
		inspected_lines: 'count(*)::BIGINT',
		inspected_units: 'sum(inspected_units)::BIGINT',
		returned_value: 'sum(returned_value)::DECIMAL(18, 2)',
		refunded: 'sum(refunded)::DECIMAL(18, 2)',
		recovery_value: 'sum(recovery_value)::DECIMAL(18, 2)'
	},
	rowColumns: '1::BIGINT AS inspected_lines'
};

/**
 * How one grouping reads its source: the columns it needs beyond the cells' grain, its key (given the
 * source's month expression) and the category each group belongs to, where that means something.
 */
interface GroupKey {
	columns: string[];
	key: (month: string) => string;
	category: string | null;
}

const column = (name: string, category: string | null = null): GroupKey => ({
	columns: category && category !== name ? [name, category] : [name],
	key: () => name,
	category
});
const grain = (name: string): GroupKey => ({ columns: [], key: () => name, category: null });

const DIMENSIONS: Record<RecoveryDimension, GroupKey> = {
	disposition: grain('disposition'),
	condition: grain('condition'),
	category: column('category', 'category'),
	product: column('product_id', 'category'),
	supplier: column('supplier'),
	reason_group: column('reason_group'),
	// The month of inspection, as every recovery figure is dated.
	month: { columns: [], key: (month) => `strftime(${month}, '%Y-%m-%d')`, category: null }
};

const TOTAL: GroupKey = { columns: [], key: () => `'total'`, category: null };

const money = (expression: string) => `CAST(${expression} AS DECIMAL(18, 2))`;
const groupKey = (expression: string) => `coalesce(CAST(${expression} AS VARCHAR), '(none)')`;

/**
 * The figures per group: sums from the cells where a level keeps the grouping and the filters (else
 * from the lines), the median days from receipt to inspection from the lines. One row per group with
 * an inspected line in scope, unordered.
 */
function figuresSql(group: GroupKey, productLabel: boolean, filters: Filters, params: SqlParams): string {
	const source = sumsSource(group.columns, filters, params, RECOVERY_CELLS);
	const lines = linesSource(filters, params, RECOVERY_CELLS);
	const units = (column: string, values: readonly string[]) =>
		`coalesce(sum(units) FILTER (WHERE ${column} IN (${values.map((v) => params.add(v)).join(', ')})), 0)`;
	const category = group.category ?? 'NULL::VARCHAR';
	const categoryShares = group.category
		? `,
category_shares AS (
  SELECT category, ${rate(units('disposition', RESELLABLE), 'sum(units)')} AS share FROM pairs GROUP BY category
)`
		: '';
	const categoryJoin = group.category
		? '\nLEFT JOIN category_shares c ON c.category IS NOT DISTINCT FROM g.category'
		: '';
	return `
WITH pairs AS (
  -- Summed per key, disposition and condition first: the shares then pivot a handful of rows per group.
  SELECT ${groupKey(group.key(source.month))} AS key, disposition, condition, any_value(${category}) AS category,
    ${productLabel ? 'any_value(product_name)' : 'NULL::VARCHAR'} AS name,
    sum(inspected_lines) AS lines, sum(inspected_units) AS units, sum(returned_value) AS returned_value,
    sum(refunded) AS refunded, sum(recovery_value) AS recovery_value
  FROM (${source.sql}) GROUP BY 1, 2, 3
),
grouped AS (
  SELECT key, any_value(category) AS category, any_value(name) AS name, sum(lines) AS lines, sum(units) AS units,
    sum(returned_value) AS returned_value, sum(refunded) AS refunded, sum(recovery_value) AS recovery_value,
    ${DISPOSITIONS.map((d) => `${units('disposition', [d])} AS units_${d}`).join(', ')},
    ${CONDITIONS.map((c) => `${units('condition', [c])} AS units_${c}`).join(', ')},
    ${units('disposition', RESELLABLE)} AS units_resellable
  FROM pairs GROUP BY key
)${categoryShares},
timing AS (
  SELECT ${groupKey(group.key(lines.month))} AS key,
    quantile_cont(seconds_receipt_to_inspection, 0.5) AS median_seconds
  FROM (${lines.sql}) GROUP BY 1
)
SELECT g.key, ${productLabel ? 'coalesce(g.name, g.key)' : 'g.key'} AS label, g.category,
  g.lines::INTEGER AS inspected_lines, g.units::INTEGER AS inspected_units,
  ${money('g.returned_value')} AS returned_value, ${money('g.refunded')} AS refunded,
  ${money('g.recovery_value')} AS recovery_value, ${rate('g.recovery_value', 'g.refunded')} AS recovery_rate,
  ${money('g.returned_value - g.recovery_value')} AS value_lost,
  ${rate('g.units_resellable', 'g.units')} AS resellable_share,
  ${group.category ? 'c.share' : 'NULL::DOUBLE'} AS category_resellable_share,
  ${DISPOSITIONS.map((d) => `${rate(`g.units_${d}`, 'g.units')} AS ${d}_share`).join(', ')},
  ${CONDITIONS.map((c) => `${rate(`g.units_${c}`, 'g.units')} AS condition_${c}_share`).join(', ')},
  t.median_seconds / 86400.0 AS median_days_receipt_to_inspection
FROM grouped g
LEFT JOIN timing t ON t.key = g.key${categoryJoin}`;
}

/** The live figures per group of one dimension. */
export const perGroup = (by: RecoveryDimension, filters: Filters, params: SqlParams) =>
	figuresSql(DIMENSIONS[by], by === 'product', filters, params);

/** The live figures over the whole scope: one row keyed `total`, none when nothing was inspected. */
export const overall = (filters: Filters, params: SqlParams) => figuresSql(TOTAL, false, filters, params);

/** Every grouping's rows and the totals over everything, stored at ingest (recovery-store.ts). */
export const RECOVERY_VIEWS = 'recovery_views';

/** The rows of RECOVERY_VIEWS: each grouping's figures over the whole scope, tagged by the grouping. */
export function recoveryViewsSql(params: SqlParams): string {
	const parts = [
		...Object.keys(DIMENSIONS).map(
			(by) => `SELECT ${params.add(by)} AS grouping, * FROM (${perGroup(by as RecoveryDimension, {}, params)})`
		),
		`SELECT ${params.add('total')} AS grouping, * FROM (${overall({}, params)})`
	];
	return parts.join('\nUNION ALL\n');
}

const storedView = (grouping: string, params: SqlParams) =>
	`SELECT * EXCLUDE (grouping) FROM ${RECOVERY_VIEWS} WHERE grouping = ${params.add(grouping)}`;

/** The recovery figures per group of one dimension, stored for the whole scope, else live. */
export function buildRecoverySql(by: RecoveryDimension, filters: Filters, params: SqlParams): string {
	return wholeScope(filters) ? storedView(by, params) : perGroup(by, filters, params);
}

/** The same figures over the whole scope, for the answer's meta: one row, zeros when nothing was inspected. */
export function buildRecoveryTotalsSql(filters: Filters, params: SqlParams): string {
	const figures = wholeScope(filters) ? storedView('total', params) : overall(filters, params);
	const zero = (name: string) => `coalesce(f.${name}, 0) AS ${name}`;
	return `SELECT f.* EXCLUDE (key, label, category, category_resellable_share)
  REPLACE (${['inspected_lines', 'inspected_units', 'returned_value', 'refunded', 'recovery_value', 'value_lost']
		.map(zero)
		.join(', ')})
FROM (SELECT 1) LEFT JOIN (${figures}) f ON TRUE`;
}

/** Return lines received by the warehouse and not inspected yet, from the stored open lines. */
export function buildBacklogSql(filters: Filters, params: SqlParams): string {
	return `
SELECT rma_id, line_id, product_id, product_name, sku, category, supplier,
  strftime(received, '%Y-%m-%dT%H:%M:%SZ') AS received_at,
  -- A status may change after the newest order, RMA or refund: such a line is 0 days old, not less.
  greatest(0, floor(date_diff('second', received, ${AS_OF_SQL}) / 86400.0))::INTEGER AS age_days,
  returned_units::INTEGER AS units, returned_value, ${money('refunded')} AS refunded
FROM (
  SELECT *, coalesce(status_at, created_at) AS received FROM open_return_lines
  WHERE status = ${params.add('received')} AND inspection_id IS NULL
)
WHERE ${filterSql(filters, params, 'received')}`;
}

/** The backlog's totals, summed over every listed line in the query that pages it (ListSpec.totals). */
export const BACKLOG_TOTALS = {
	units: 'coalesce(sum(units), 0)::INTEGER',
	returned_value: money('coalesce(sum(returned_value), 0)'),
	refunded: money('coalesce(sum(refunded), 0)'),
	max_age_days: 'max(age_days)'
};
