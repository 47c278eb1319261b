import { listValue } from '@duckdb/node-api';
import { CONDITIONS, DISPOSITIONS } from '../../core/contract/entities.ts';
import { boundStatement, type SqlParams } from '../../core/db/sql-params.ts';
import type { Statement } from '../../core/db/transaction.ts';
import type { Filters } from '../../core/filters/filters.ts';
import { filterSql, wholeScope } from '../../core/filters/filter-sql.ts';
import { AS_OF_SQL } from '../../core/cells/as-of-sql.ts';
import { buildCellDeltaSql } from '../../core/cells/cell-delta-sql.ts';
import { linesSource, sumsSource, type CellTable } from '../../core/cells/rate-source-sql.ts';
import {
	bucketOf,
	histogramDeltaSql,
	histogramSql,
	quantileBucketsSql,
	quantilesSql
} from '../../core/sql/quantile-sql.ts';
import { replaceDeltaRows } from '../../core/store/return-tables.ts';
import { rate } from '../../core/sql/rate-sql.ts';
import { RESELLABLE, type RecoveryDimension } from './recovery.ts';

/** Inspected return lines, narrow and sorted, stored at ingest (recovery-store.ts). */
export const RECOVERY_LINES = 'recovery_lines';

/**
 * One row per inspected return line of `lines` (return lines, or the delta's old or new ones): what the
 * cells sum and the medians read, and its order, by which a delta replaces its orders' lines. Sorted by
 * category, then by inspection date, so a view filtered by a category or a period (or both) reads only
 * their blocks: on 10 M order lines a quarter's medians and edge days take about half the time they
 * take over rows sorted by product. The seconds from receipt to inspection are held within INTEGER
 * (±68 years), which sorts faster in a median than BIGINT.
 */
export function recoveryLinesSql(lines = 'return_lines'): Statement {
	const seconds = `date_diff('second', received_at, inspected_at)`;
	return {
		sql: `SELECT inspected_at, channel, country, category, supplier, product_id, sku, variant, product_name,
  disposition, condition, reason_group, returned_units AS inspected_units, returned_value,
  CAST(refunded AS DECIMAL(18, 2)) AS refunded, recovery_value,
  CAST(CASE WHEN ${seconds} > 2147483647 THEN 2147483647 WHEN ${seconds} < -2147483647 THEN -2147483647
    ELSE ${seconds} END AS INTEGER) AS seconds_receipt_to_inspection, order_id
FROM ${lines} WHERE inspection_id IS NOT NULL
ORDER BY category, inspected_at`
	};
}

/** Inspected return lines per disposition and condition, by the day or month of inspection. */
export const RECOVERY_CELLS = {
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
	rowColumns: '1::BIGINT AS inspected_lines',
	counts: 'inspected_lines'
} satisfies CellTable;

/**
 * How one grouping reads its source: the columns it needs beyond the cells' grain, its key (given the
 * source's month expression), how a key is shown (applied once per group, not per line: formatting the
 * month of every inspected line took most of the month view's time) and the category each group
 * belongs to, where that means something.
 */
interface GroupKey {
	columns: string[];
	key: (month: string) => string;
	label?: (key: string) => string;
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
	month: { columns: [], key: (month) => month, label: (key) => `strftime(${key}, '%Y-%m-%d')`, category: null }
};

const TOTAL: GroupKey = { columns: [], key: () => `'total'`, category: null };

/** Every grouping RECOVERY_VIEWS holds, by the name it is tagged with there, the total last. */
const GROUPINGS: [string, GroupKey][] = [...Object.entries(DIMENSIONS), ['total', TOTAL]];

const money = (expression: string) => `CAST(${expression} AS DECIMAL(18, 2))`;
const shown = (expression: string) => `coalesce(CAST(${expression} AS VARCHAR), '(none)')`;
/** A group's key as its rows are grouped by it: a month stays a date, the other keys are text as shown. */
const groupedKey = (group: GroupKey, month: string) => (group.label ? group.key(month) : shown(group.key(month)));
/** A grouped key as the answer shows it. */
const shownKey = (group: GroupKey, key: string) => (group.label ? shown(group.label(key)) : key);

/** The seconds from receipt to inspection, whose median each group shows. */
const SECONDS = 'seconds_receipt_to_inspection';

/** The month of a recovery line, as linesSource dates them. */
const LINE_MONTH = `CAST(date_trunc('month', inspected_at) AS DATE)`;

/**
 * A grouping's rows summed per key (as shown), disposition and condition, with the category and
 * product name of the key: the shares then pivot a handful of rows per group. `rows` are cells or
 * lines (whose month is `month`), or the lines a delta took out and put in, counted negative and
 * positive.
 */
function pairsSql(group: GroupKey, productLabel: boolean, rows: string, month: string): string {
	return `SELECT ${shownKey(group, 'key')} AS key, * EXCLUDE (key) FROM (
  SELECT ${groupedKey(group, month)} AS key, disposition, condition,
    any_value(${group.category ?? 'NULL::VARCHAR'}) AS category,
    ${productLabel ? 'any_value(product_name)' : 'NULL::VARCHAR'} AS name,
    sum(inspected_lines)::BIGINT AS lines, sum(inspected_units)::BIGINT AS units,
    sum(returned_value)::DECIMAL(18, 2) AS returned_value, sum(refunded)::DECIMAL(18, 2) AS refunded,
    sum(recovery_value)::DECIMAL(18, 2) AS recovery_value
  FROM (${rows}) GROUP BY 1, 2, 3
)`;
}

/** A grouping's median days from receipt to inspection per key (as shown), over some recovery lines. */
function mediansSql(group: GroupKey, rows: string, month: string): string {
	return `SELECT ${shownKey(group, 'key')} AS key, median_seconds / 86400.0 AS median_days FROM (
  SELECT ${groupedKey(group, month)} AS key, quantile_cont(${SECONDS}, 0.5) AS median_seconds
  FROM (${rows}) GROUP BY 1
)`;
}

/**
 * The figures per group from `pairs` (pairsSql's rows) and `medians` (a key's median_days): one row
 * per group with an inspected line, unordered. `groupings` are the columns that name a grouping besides
 * the key (none for one grouping's live figures; `grouping` for every grouping's stored ones, in one
 * pass). `categories`: the condition on pairs whose groups belong to a category, whose resellable share
 * each such row shows, or null for none. A label is the product's name where the pairs keep one.
 */
function figuresSql(
	groupings: string[],
	categories: string | null,
	pairs: string,
	medians: string,
	params: SqlParams
): string {
	const units = (column: string, values: readonly string[]) =>
		`coalesce(sum(units) FILTER (WHERE ${column} IN (${values.map((v) => params.add(v)).join(', ')})), 0)`;
	const keys = [...groupings, 'key'].join(', ');
	const same = (alias: string) => groupings.map((c) => ` AND ${alias}.${c} = g.${c}`).join('');
	const categoryShares = categories
		? `,
category_shares AS (
  SELECT ${[...groupings, 'category'].join(', ')}, ${rate(units('disposition', RESELLABLE), 'sum(units)')} AS share
  FROM pairs WHERE ${categories} GROUP BY ALL
)`
		: '';
	const categoryJoin = categories
		? `\nLEFT JOIN category_shares c ON c.category IS NOT DISTINCT FROM g.category${same('c')}`
		: '';
	return `
WITH pairs AS (${pairs}),
grouped AS (
  SELECT ${keys}, any_value(category) AS category, any_value(name) AS name, sum(lines) AS lines,
    sum(units) AS units, sum(returned_value) AS returned_value, sum(refunded) AS refunded,
    sum(recovery_value) AS recovery_value,
    ${DISPOSITIONS.map((d) => `${units('disposition', [d])} AS units_${d}`).join(', ')},
    ${CONDITIONS.map((c) => `${units('condition', [c])} AS units_${c}`).join(', ')},
    ${units('disposition', RESELLABLE)} AS units_resellable
  FROM pairs GROUP BY ${keys}
)${categoryShares},
medians AS (${medians})
SELECT ${groupings.map((c) => `g.${c}, `).join('')}g.key, coalesce(g.name, g.key) AS label, g.category,
  g.lines::INTEGER AS inspected_lines, g.units::INTEGER AS inspected_units,
  ${money('g.returned_value')} AS returned_value, ${money('g.refunded')} AS refunded,
  ${money('g.recovery_value')} AS recovery_value, ${rate('g.recovery_value', 'g.refunded')} AS recovery_rate,
  ${money('g.returned_value - g.recovery_value')} AS value_lost,
  ${rate('g.units_resellable', 'g.units')} AS resellable_share,
  ${categories ? 'c.share' : 'NULL::DOUBLE'} AS category_resellable_share,
  ${DISPOSITIONS.map((d) => `${rate(`g.units_${d}`, 'g.units')} AS ${d}_share`).join(', ')},
  ${CONDITIONS.map((c) => `${rate(`g.units_${c}`, 'g.units')} AS condition_${c}_share`).join(', ')},
  m.median_days AS median_days_receipt_to_inspection
FROM grouped g
LEFT JOIN medians m ON m.key = g.key${same('m')}${categoryJoin}`;
}

/**
 * The live figures per group: sums from the cells where a level keeps the grouping and the filters
 * (else from the lines), the median days from receipt to inspection from `medians` (a key's
 * median_days), by default from the lines.
 */
function liveFiguresSql(
	group: GroupKey,
	productLabel: boolean,
	filters: Filters,
	params: SqlParams,
	medians?: string
): string {
	const source = sumsSource(group.columns, filters, params, RECOVERY_CELLS);
	return figuresSql(
		[],
		group.category === null ? null : 'TRUE',
		pairsSql(group, productLabel, source.sql, source.month),
		medians ?? liveMediansSql(group, filters, params),
		params
	);
}

function liveMediansSql(group: GroupKey, filters: Filters, params: SqlParams): string {
	const lines = linesSource(filters, params, RECOVERY_CELLS);
	return mediansSql(group, lines.sql, lines.month);
}

/** The live figures per group of one dimension. */
const perGroup = (by: RecoveryDimension, filters: Filters, params: SqlParams) =>
	liveFiguresSql(DIMENSIONS[by], by === 'product', filters, params);

/** The live figures over the whole scope: one row keyed `total`, none when nothing was inspected. */
const overall = (filters: Filters, params: SqlParams) => liveFiguresSql(TOTAL, false, filters, params);

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

/**
 * What the incremental refresh keeps to bring RECOVERY_VIEWS up to date without reading every line:
 * the sums per grouping, key, disposition and condition (pairsSql's rows), and the histogram of the
 * seconds from receipt to inspection per group (quantile-sql.ts) of every grouping but the product,
 * whose groups are small enough to take their medians from their lines.
 */
export const RECOVERY_PAIRS = 'recovery_pairs';
export const RECOVERY_SECONDS = 'recovery_seconds';

const HISTOGRAM_GROUPINGS = GROUPINGS.filter(([name]) => name !== 'product');

/** Recovery lines as pairsSql sums them: all of them, or a delta's lines taken out (-1) and put in (+1). */
const LINES = `SELECT *, 1::BIGINT AS inspected_lines FROM ${RECOVERY_LINES}`;
const signed = (old: string, now: string) => `
SELECT * REPLACE (-inspected_units AS inspected_units, -returned_value AS returned_value, -refunded AS refunded,
  -recovery_value AS recovery_value), -1::BIGINT AS inspected_lines FROM ${old}
UNION ALL SELECT *, 1::BIGINT AS inspected_lines FROM ${now}`;

/** RECOVERY_PAIRS's rows, of every grouping, over some lines (LINES or `signed`). */
export function recoveryPairsSql(rows = LINES): Statement {
	return boundStatement((params) =>
		GROUPINGS.map(
			([name, group]) =>
				`SELECT ${params.add(name)} AS grouping, *
FROM (${pairsSql(group, name === 'product', rows, LINE_MONTH)})`
		).join('\nUNION ALL\n')
	);
}

/** RECOVERY_SECONDS's rows over some lines, each counted `sign` times (1, or `inspected_lines` of `signed`). */
export function recoverySecondsSql(rows = LINES, sign = '1'): Statement {
	return boundStatement((params) =>
		HISTOGRAM_GROUPINGS.map(([name, group]) => {
			const keyed = `(SELECT ${groupedKey(group, LINE_MONTH)} AS key, * FROM (${rows}))`;
			return `SELECT ${params.add(name)} AS grouping, ${shownKey(group, 'key')} AS key, bucket, n
FROM (${histogramSql(['key'], keyed, SECONDS, sign)})`;
		}).join('\nUNION ALL\n')
	);
}

const temp = (table: string, rows: Statement): Statement => ({
	...rows,
	sql: `CREATE OR REPLACE TEMP TABLE ${table} AS ${rows.sql}`
});
const drop = (...tables: string[]): Statement[] => tables.map((table) => ({ sql: `DROP TABLE ${table}` }));
/** A pair of pairsSql's rows, matched on its key (disposition and condition may be missing). */
const samePair = (a: string, b: string) =>
	`${a}.grouping = ${b}.grouping AND ${a}.key = ${b}.key AND ${a}.disposition IS NOT DISTINCT FROM ${b}.disposition
   AND ${a}.condition IS NOT DISTINCT FROM ${b}.condition`;

/**
 * RECOVERY_LINES, its cells, RECOVERY_PAIRS and RECOVERY_SECONDS brought up to date for a delta: the
 * delta orders' lines are replaced by their lines as they are now (old_return_lines and
 * new_return_lines, derived-sql.ts), and the sums and counts of the lines as they were are taken out
 * and those of the lines as they are put in. A pair or a bucket left empty is dropped; a pair keeps its
 * category and product name.
 */
export const RECOVERY_ROLLUPS_DELTA: Statement[] = [
	temp('old_recovery_lines', recoveryLinesSql('old_return_lines')),
	temp('new_recovery_lines', recoveryLinesSql('new_return_lines')),
	...replaceDeltaRows(RECOVERY_LINES, { sql: 'SELECT * FROM new_recovery_lines' }),
	...buildCellDeltaSql(RECOVERY_CELLS, 'old_recovery_lines', 'new_recovery_lines'),
	temp('recovery_line_changes', { sql: signed('old_recovery_lines', 'new_recovery_lines') }),
	temp('recovery_pair_changes', recoveryPairsSql('SELECT * FROM recovery_line_changes')),
	{
		sql: `CREATE OR REPLACE TEMP TABLE recovery_pair_sums AS
SELECT grouping, key, disposition, condition, arg_min(category, src) AS category, arg_min(name, src) AS name,
  sum(lines)::BIGINT AS lines, sum(units)::BIGINT AS units, sum(returned_value)::DECIMAL(18, 2) AS returned_value,
  sum(refunded)::DECIMAL(18, 2) AS refunded, sum(recovery_value)::DECIMAL(18, 2) AS recovery_value
FROM (SELECT 0 AS src, p.* FROM ${RECOVERY_PAIRS} p SEMI JOIN recovery_pair_changes c ON ${samePair('p', 'c')}
      UNION ALL BY NAME SELECT 1 AS src, * FROM recovery_pair_changes)
GROUP BY ALL HAVING sum(lines) <> 0`
	},
	{ sql: `DELETE FROM ${RECOVERY_PAIRS} p USING recovery_pair_changes c WHERE ${samePair('p', 'c')}` },
	{ sql: `INSERT INTO ${RECOVERY_PAIRS} BY NAME SELECT * FROM recovery_pair_sums` },
	temp('recovery_touched', { sql: 'SELECT DISTINCT grouping, key FROM recovery_pair_changes' }),
	temp('recovery_seconds_changes', recoverySecondsSql('SELECT * FROM recovery_line_changes', 'inspected_lines')),
	...histogramDeltaSql(RECOVERY_SECONDS, ['grouping', 'key'], 'recovery_seconds_changes'),
	...drop(
		'old_recovery_lines',
		'new_recovery_lines',
		'recovery_line_changes',
		'recovery_pair_changes',
		'recovery_pair_sums',
		'recovery_seconds_changes'
	)
];

/**
 * RECOVERY_VIEWS brought up to date for a delta, after RECOVERY_ROLLUPS_DELTA (which leaves the groups
 * the delta's lines were in, before or after, as `recovery_touched`): each of those gets its median
 * again, from the histogram and the lines in the buckets that hold its middle ranks; the other groups
 * keep theirs. A product's median is taken from its lines: a delta reaches most products, and one pass
 * over the lines costs what reading every product's middle buckets would. Then every row is computed
 * again from the stored sums and the medians, in one pass over a few thousand rows.
 */
export const RECOVERY_VIEWS_DELTA: Statement[] = [
	{
		sql: `CREATE OR REPLACE TEMP TABLE recovery_buckets AS ${quantileBucketsSql(
			`(SELECT * FROM ${RECOVERY_SECONDS} SEMI JOIN recovery_touched USING (grouping, key))`,
			['grouping', 'key'],
			[0.5]
		)}`
	},
	{
		sql: `CREATE OR REPLACE TEMP TABLE recovery_bucket_lines AS
SELECT ${SECONDS}, ${bucketOf(SECONDS)} AS bucket, disposition, condition, category, supplier, reason_group,
  inspected_at
FROM ${RECOVERY_LINES} WHERE ${bucketOf(SECONDS)} IN (SELECT bucket FROM recovery_buckets)`
	},
	temp(
		'recovery_bucket_values',
		boundStatement(
			(params) =>
				`SELECT * FROM (${HISTOGRAM_GROUPINGS.map(
					([name, group]) => `SELECT ${params.add(name)} AS grouping,
  ${shownKey(group, groupedKey(group, LINE_MONTH))} AS key, bucket, ${SECONDS} AS value FROM recovery_bucket_lines`
				).join('\nUNION ALL\n')}) SEMI JOIN recovery_buckets USING (grouping, key, bucket)`
		)
	),
	temp(
		'recovery_medians',
		boundStatement((params) => {
			const products = mediansSql(DIMENSIONS.product, `SELECT * FROM ${RECOVERY_LINES}`, LINE_MONTH);
			return `SELECT grouping, key, value / 86400.0 AS median_days
FROM (${quantilesSql('recovery_buckets', 'recovery_bucket_values', ['grouping', 'key'])})
UNION ALL
SELECT ${params.add('product')}, key, median_days FROM (${products})`;
		})
	),
	{
		sql: `CREATE OR REPLACE TEMP TABLE recovery_group_medians AS
SELECT t.grouping, t.key, m.median_days FROM recovery_touched t LEFT JOIN recovery_medians m USING (grouping, key)
UNION ALL
SELECT grouping, key, median_days_receipt_to_inspection
FROM ${RECOVERY_VIEWS} ANTI JOIN recovery_touched USING (grouping, key)`
	},
	{ sql: `DELETE FROM ${RECOVERY_VIEWS}` },
	boundStatement((params) => {
		const categories = GROUPINGS.filter(([, group]) => group.category !== null).map(([name]) => params.add(name));
		return `INSERT INTO ${RECOVERY_VIEWS} BY NAME ${figuresSql(
			['grouping'],
			`grouping IN (${categories.join(', ')})`,
			`SELECT * FROM ${RECOVERY_PAIRS}`,
			'SELECT * FROM recovery_group_medians',
			params
		)}`;
	}),
	...drop(
		'recovery_touched',
		'recovery_buckets',
		'recovery_bucket_lines',
		'recovery_bucket_values',
		'recovery_medians',
		'recovery_group_medians'
	)
];

const storedView = (grouping: string, params: SqlParams) =>
	`SELECT * EXCLUDE (grouping) FROM ${RECOVERY_VIEWS} WHERE grouping = ${params.add(grouping)}`;

/**
 * The median days of each group of a live scope with one (the groups without one are left out), as
 * buildRecoveryScopeSql reads them: keys as shown, the medians as DuckDB writes a DOUBLE, which reads
 * back as the same number.
 */
export interface GroupMedians {
	keys: string[];
	days: string[];
}

/**
 * Each group's median days of one grouping and the scope's, in one pass over the lines (`whole` marks
 * the scope's): the groups' answer and the totals would otherwise each read every line in the scope.
 */
function scopeMediansSql(group: GroupKey, filters: Filters, params: SqlParams): string {
	const lines = linesSource(filters, params, RECOVERY_CELLS);
	return `SELECT whole = 1 AS whole, CASE WHEN whole = 1 THEN 'total' ELSE ${shownKey(group, 'key')} END AS key,
  median_seconds / 86400.0 AS median_days
FROM (
  SELECT ${groupedKey(group, lines.month)} AS key, GROUPING(key) AS whole,
    quantile_cont(${SECONDS}, 0.5) AS median_seconds
  FROM (${lines.sql}) GROUP BY GROUPING SETS ((key), ())
)`;
}

/** The groups' medians bound as parameters, as the rows of mediansSql. */
function boundMediansSql(medians: GroupMedians, params: SqlParams): string {
	if (medians.keys.length === 0) return 'SELECT NULL::VARCHAR AS key, NULL::DOUBLE AS median_days LIMIT 0';
	return `SELECT unnest(${params.add(listValue(medians.keys))}) AS key,
  CAST(unnest(${params.add(listValue(medians.days))}) AS DOUBLE) AS median_days`;
}

/**
 * The recovery figures per group of one dimension: stored for the whole scope, else live with the
 * groups' medians that buildRecoveryScopeSql read.
 */
export function buildRecoverySql(
	by: RecoveryDimension,
	filters: Filters,
	params: SqlParams,
	medians: GroupMedians
): string {
	if (wholeScope(filters)) return storedView(by, params);
	return liveFiguresSql(DIMENSIONS[by], by === 'product', filters, params, boundMediansSql(medians, params));
}

/** Figures over the whole scope as the answer's meta shows them: one row, zeros when nothing was inspected. */
const totalsSql = (figures: string) => {
	const zero = (name: string) => `coalesce(f.${name}, 0) AS ${name}`;
	return `SELECT f.* EXCLUDE (key, label, category, category_resellable_share)
  REPLACE (${['inspected_lines', 'inspected_units', 'returned_value', 'refunded', 'recovery_value', 'value_lost']
		.map(zero)
		.join(', ')})
FROM (SELECT 1) LEFT JOIN (${figures}) f ON TRUE`;
};

/**
 * The figures over the whole scope, and for a live scope also each group's median days of one dimension
 * (`group_keys` and `group_median_days`, GroupMedians, NULL when no group has one; a stored scope's
 * groups carry their own), read before the groups.
 */
export function buildRecoveryScopeSql(by: RecoveryDimension, filters: Filters, params: SqlParams): string {
	if (wholeScope(filters)) return totalsSql(storedView('total', params));
	const medians = scopeMediansSql(DIMENSIONS[by], filters, params);
	const totals = liveFiguresSql(
		TOTAL,
		false,
		filters,
		params,
		'SELECT key, median_days FROM scope_medians WHERE whole'
	);
	return `WITH scope_medians AS MATERIALIZED (${medians})
SELECT totals.*, groups.*
FROM (${totalsSql(totals)}) totals,
  (SELECT list(key ORDER BY key) AS group_keys, list(CAST(median_days AS VARCHAR) ORDER BY key) AS group_median_days
   FROM scope_medians WHERE NOT whole AND median_days IS NOT NULL) groups`;
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
