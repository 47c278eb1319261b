import { listValue } from '@duckdb/node-api';
import type { Filters } from '../../../core/filters/filters.ts';
import type { SqlParams } from '../../../core/db/sql-params.ts';
import type { Statement } from '../../../core/db/transaction.ts';
import { DIMENSION_COLUMNS, filterSql, storedOrLive } from '../../../core/filters/filter-sql.ts';
import type { ListSpec } from '../../../core/api/list-response.ts';
import { EXAMPLES_PER_CLUSTER, PRODUCTS_PER_CLUSTER } from './themes.ts';
import { rate } from '../../../core/sql/rate-sql.ts';
import { RETURN_TIMINGS, replaceDeltaRows } from '../../../core/store/return-tables.ts';
import { LANGUAGES } from './clusterer/languages.ts';

/** Returns in scope with a comment, with the comment's cluster, language and wording_id (return_lines has them). */
function commentedReturns(filters: Filters, params: SqlParams): string {
	return `SELECT * FROM return_lines WHERE cluster_id IS NOT NULL AND ${filterSql(filters, params, 'ordered_at')}`;
}

/** The commented return lines, with only what the themes count and filter on, stored at ingest. */
export const COMMENT_LINES = 'comment_lines';

/**
 * comment_lines columns kept as ENUM types: the themes count per value of them, and small integers
 * group several times faster than text. Not the filter columns: a value an ENUM lacks would be an
 * error where text simply matches nothing.
 */
const ENUM_COLUMNS = { language: 'comment_language', reason_code: 'comment_reason_code' } as const;

/** The comment_lines columns of the commented lines among return lines `lines`. */
function commentLinesRows(lines: string): string {
	const columns = [
		'ordered_at',
		...Object.values(DIMENSION_COLUMNS),
		'product_name',
		'cluster_id',
		'wording_id',
		'returned_units'
	];
	const enums = Object.entries(ENUM_COLUMNS).map(([column, type]) => `${column}::${type} AS ${column}`);
	return `SELECT ${[...columns, ...enums, 'order_id'].join(', ')} FROM ${lines} WHERE cluster_id IS NOT NULL`;
}

/**
 * Builds COMMENT_LINES, sorted by category and product so that a view filtered by either reads only
 * their blocks; the themes read it instead of every return line. The ENUM types hold every value a
 * later load may bring without a new reason catalogue: the languages the clusterer names and the codes
 * of reason_map (the catalogue's and those in use). order_id lets a delta replace its orders' lines.
 */
export function buildCommentLinesTableSql(): Statement[] {
	return [
		{ sql: `DROP TABLE IF EXISTS ${COMMENT_LINES}` },
		...Object.values(ENUM_COLUMNS).map((type) => ({ sql: `DROP TYPE IF EXISTS ${type}` })),
		{
			sql: `CREATE TYPE ${ENUM_COLUMNS.language} AS ENUM (SELECT unnest($languages::VARCHAR[]))`,
			params: { languages: listValue([...LANGUAGES]) }
		},
		{
			sql: `CREATE TYPE ${ENUM_COLUMNS.reason_code} AS ENUM (
  SELECT DISTINCT reason_code FROM reason_map WHERE reason_code IS NOT NULL ORDER BY 1)`
		},
		{ sql: `CREATE TABLE ${COMMENT_LINES} AS ${commentLinesRows('return_lines')} ORDER BY category, product_id` }
	];
}

/** COMMENT_LINES brought up to date for a delta: its orders' lines as they are now (derived-sql.ts). */
export const COMMENT_LINES_DELTA: Statement[] = replaceDeltaRows(COMMENT_LINES, {
	sql: commentLinesRows('new_return_lines')
});

/**
 * Each load's RMA lines now and as reason_comment_loads counted them at the last refresh. A load with
 * more holds lines no refresh has seen: a new load, or lines that waited for their order, which keep
 * the load they came with.
 */
export const LOAD_LINES = `
SELECT coalesce(n.load_id, k.load_id) AS load_id, coalesce(n.lines, 0) AS lines, coalesce(k.lines, 0) AS counted
FROM (SELECT load_id, count(*) AS lines FROM main.rmas GROUP BY load_id) n
FULL JOIN (SELECT load_id, sum(lines) AS lines FROM reason_comment_loads GROUP BY load_id) k ON k.load_id = n.load_id`;

/**
 * True when the RMA lines loaded since the last refresh bring a reason code the comment_reason_code
 * type lacks (one neither in the catalogue nor in use before): a type can't take a value, so only a
 * full rebuild makes one.
 */
export const NEW_REASON_CODE: Statement = {
	sql: `SELECT EXISTS (
  SELECT 1 FROM main.rmas
  WHERE load_id IN (SELECT load_id FROM (${LOAD_LINES}) WHERE lines > counted)
    AND NOT list_contains(enum_range(NULL::${ENUM_COLUMNS.reason_code}), reason_code))`
};

/**
 * Each wording of a comment (comment_texts) with its example, the comment as it is most often written
 * in the return lines `lines`, from the comment texts `texts`. Sorted by the wording's returns: the
 * examples a view shows are nearly always among the first, so fetching them by row id reads few blocks.
 */
const commentWordingsSql = (lines: string, texts: string) => `
SELECT w.wording_id, t.wording, w.example
FROM (
  SELECT wording_id, first(reason_text ORDER BY n DESC, reason_text) AS example, sum(n) AS returns
  FROM (SELECT wording_id, reason_text, count(*) AS n FROM ${lines} WHERE wording_id IS NOT NULL GROUP BY ALL)
  GROUP BY wording_id
) w
JOIN ${texts} t ON t.reason_text = w.example
ORDER BY w.returns DESC, w.wording_id`;

export const COMMENT_WORDINGS: Statement = {
	sql: `CREATE OR REPLACE TABLE comment_wordings AS ${commentWordingsSql('return_lines', 'comment_texts')}`
};

/**
 * comment_wordings brought up to date for a delta: the wordings of the delta's return lines before and
 * after it (derived-sql.ts) built again from every line that has them; a wording no line has any more
 * goes, as in a full build.
 */
export const COMMENT_WORDINGS_DELTA: Statement[] = [
	`CREATE OR REPLACE TEMP TABLE delta_wordings AS
	 SELECT wording_id FROM old_return_lines WHERE wording_id IS NOT NULL
	 UNION SELECT wording_id FROM new_return_lines WHERE wording_id IS NOT NULL`,
	'DELETE FROM comment_wordings WHERE wording_id IN (SELECT wording_id FROM delta_wordings)',
	`INSERT INTO comment_wordings ${commentWordingsSql(
		'(SELECT * FROM return_lines WHERE wording_id IN (SELECT wording_id FROM delta_wordings))',
		'(SELECT * FROM comment_texts WHERE wording_id IN (SELECT wording_id FROM delta_wordings))'
	)}`,
	'DROP TABLE delta_wordings'
].map((sql) => ({ sql }));

/**
 * The first `limit` items per cluster by descending returns, ties broken by `tiebreak` ascending, as a
 * list in that order: a top-N aggregate rather than ranking every row in a window.
 */
const topItems = (item: string, tiebreak: string, limit: string) =>
	`min_by(${item}, (-returns, ${tiebreak}), ${limit})`;

/**
 * One row per cluster with returns in `scope` (a filter condition): size, share, languages, examples,
 * top products and the codes picked. Three counts over the commented lines in scope, each scanning
 * them with the filters pushed down: per theme, language and code (sizes, languages and codes are
 * sums of it), per theme and product, and per wording (the examples; a wording is in one theme).
 */
export function themesSql(scope: string, params: SqlParams): string {
	const examples = params.add(EXAMPLES_PER_CLUSTER);
	const topProducts = topItems(
		`{'product_id': product_id, 'product_name': product_name, 'returns': returns}`,
		'product_id',
		params.add(PRODUCTS_PER_CLUSTER)
	);
	return `
WITH scoped AS NOT MATERIALIZED (SELECT * FROM ${COMMENT_LINES} WHERE ${scope}),
counted AS (
  SELECT cluster_id, language, reason_code, count(*) AS returns, sum(returned_units) AS returned_units
  FROM scoped GROUP BY ALL
),
kinds AS (
  SELECT cluster_id, language::VARCHAR AS language, coalesce(reason_code::VARCHAR, '(none)') AS code, returns,
    returned_units
  FROM counted
),
products AS (
  SELECT cluster_id, product_id, any_value(product_name) AS product_name, count(*)::INTEGER AS returns
  FROM scoped GROUP BY cluster_id, product_id
),
wordings AS (
  SELECT wording_id, any_value(cluster_id) AS cluster_id, count(*) AS returns FROM scoped GROUP BY wording_id
),
sized AS (
  SELECT cluster_id, sum(returns) AS size, sum(returned_units) AS returned_units FROM kinds GROUP BY cluster_id
),
languages AS (
  SELECT cluster_id, list({'language': language, 'returns': returns} ORDER BY returns DESC, language) AS items
  FROM (
    SELECT cluster_id, language, sum(returns)::INTEGER AS returns FROM kinds WHERE language IS NOT NULL GROUP BY ALL
  ) GROUP BY cluster_id
),
codes AS (
  SELECT cluster_id, list({'reason_code': code, 'returns': returns} ORDER BY returns DESC, code) AS items
  FROM (SELECT cluster_id, code, sum(returns)::INTEGER AS returns FROM kinds GROUP BY ALL) GROUP BY cluster_id
),
-- Comments that differ only in case and punctuation are one example, shown as most often written: the
-- wordings with the most returns in their theme, the first wording on a tie. Only the wordings with as
-- many returns as their theme's last example are looked up, and by row id: a scan of comment_wordings'
-- ids finds their rows, and a scan by row id reads only the vectors holding their texts, where a join
-- on the id decompresses every text of its blocks.
least_returns AS (SELECT cluster_id, list_min(max(returns, ${examples})) AS least FROM wordings GROUP BY cluster_id),
candidates AS (SELECT w.* FROM wordings w JOIN least_returns l USING (cluster_id) WHERE w.returns >= l.least),
examples AS (
  SELECT c.cluster_id, list(w.example ORDER BY c.returns DESC, w.wording)[1:${examples}] AS items
  FROM candidates c
  JOIN (
    SELECT wording_id, wording, example FROM comment_wordings
    WHERE rowid IN (SELECT rowid FROM comment_wordings SEMI JOIN candidates USING (wording_id))
  ) w USING (wording_id)
  GROUP BY c.cluster_id
),
top_products AS (
  SELECT cluster_id, ${topProducts} AS items
  FROM products GROUP BY cluster_id
)
SELECT s.cluster_id, c.label, c.top_terms, s.size::INTEGER AS size, s.returned_units::INTEGER AS returned_units,
  ${rate('s.size', '(SELECT sum(size) FROM sized)')} AS share,
  coalesce(l.items, []) AS languages, e.items AS examples, p.items AS top_products, k.items AS reason_codes
FROM sized s
JOIN reason_clusters c USING (cluster_id)
LEFT JOIN languages l USING (cluster_id)
JOIN examples e USING (cluster_id)
JOIN top_products p USING (cluster_id)
JOIN codes k USING (cluster_id)`;
}

export const returnsSql = (scope: string) =>
	`SELECT count(*)::INTEGER AS returns FROM ${RETURN_TIMINGS} WHERE ${scope}`;

/**
 * The themes' totals, aggregates over the listed themes (ListSpec.totals): the returns in scope (from
 * `returns`, a query of one row), and of them those with a comment and how many themes they make.
 */
const themeTotals = (returns: string) => ({
	returns: `(${returns})`,
	commented_returns: 'coalesce(sum(size), 0)::INTEGER',
	clusters: 'count(*)::INTEGER'
});

/**
 * Each return in scope with a comment, with its cluster; only the given clusters when there are some.
 * The cluster's label is only shown, so a page looks it up for its own rows (ListSpec.shownOnly): the
 * page is then a top-N of the return lines alone, which DuckDB reads late for its rows only.
 */
export function buildReasonAssignmentsSql(
	filters: Filters,
	clusters: number[] | undefined,
	params: SqlParams
): Pick<ListSpec, 'sql' | 'shownOnly'> {
	const inClusters = clusters?.length ? `cluster_id IN (${clusters.map((c) => params.add(c)).join(', ')})` : 'TRUE';
	const commented = `${commentedReturns(filters, params)} AND ${inClusters}`;
	const assignments = (label: string, join = '') => `
SELECT a.rma_id, a.line_id, a.created_at, a.ordered_at, a.product_id, a.cluster_id, ${label} AS cluster_label,
  a.language, a.reason_code, a.reason_text
FROM (${commented}) a${join}`;
	return {
		sql: assignments('c.label', '\nLEFT JOIN reason_clusters c ON c.cluster_id = a.cluster_id'),
		shownOnly: {
			rows: assignments('NULL::VARCHAR'),
			fill:
				'SELECT page.* REPLACE (c.label AS cluster_label) FROM page ' +
				'LEFT JOIN reason_clusters c ON c.cluster_id = page.cluster_id'
		}
	};
}

/** The unfiltered view, stored at ingest (themes-store.ts). */
export const STORED = { clusters: 'reason_cluster_summary', returns: 'reason_cluster_returns' } as const;

/**
 * The clusters in scope with their totals: stored at ingest for every return, else computed. Live,
 * the clusters and the returns share one filter and its parameters, so an export binds no others.
 */
export function reasonClustersList(filters: Filters, params: SqlParams): Pick<ListSpec, 'sql' | 'totals'> {
	let scope: string | undefined;
	const liveScope = () => (scope ??= filterSql(filters, params, 'ordered_at'));
	return {
		sql: storedOrLive(filters, STORED.clusters, () => themesSql(liveScope(), params)),
		totals: themeTotals(storedOrLive(filters, STORED.returns, () => returnsSql(liveScope())))
	};
}
