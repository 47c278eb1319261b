import type { Filters } from '../../../core/filters/filters.ts';
import type { SqlParams } from '../../../core/db/sql-params.ts';
import { DIMENSION_COLUMNS, filterSql, storedOrLive } from '../../../core/filters/filter-sql.ts';
import type { ListSpec } from '../../../core/api/list-response.ts';
import { EXAMPLES_PER_CLUSTER, PRODUCTS_PER_CLUSTER } from './themes.ts';
import { rate } from '../../../core/sql/rate-sql.ts';
import { RETURN_TIMINGS } from '../../../core/store/return-tables.ts';

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

/**
 * Builds COMMENT_LINES, sorted by category and product so that a view filtered by either reads only
 * their blocks; the themes read it instead of every return line. Each line has its wording's rank
 * (comment-wordings.sql), by which the examples' texts are looked up.
 */
export function buildCommentLinesTableSql(): { sql: string } {
	const enums = Object.entries(ENUM_COLUMNS);
	const columns = [
		'ordered_at',
		...Object.values(DIMENSION_COLUMNS),
		'product_name',
		'cluster_id',
		'wording_id',
		'returned_units'
	];
	return {
		sql: [
			`DROP TABLE IF EXISTS ${COMMENT_LINES}`,
			...enums.map(([, type]) => `DROP TYPE IF EXISTS ${type}`),
			...enums.map(
				([column, type]) =>
					`CREATE TYPE ${type} AS ENUM (SELECT DISTINCT ${column} FROM return_lines
  WHERE cluster_id IS NOT NULL AND ${column} IS NOT NULL ORDER BY 1)`
			),
			`CREATE TABLE ${COMMENT_LINES} AS
SELECT ${columns.map((c) => `r.${c}`).join(', ')},
  ${enums.map(([column, type]) => `r.${column}::${type} AS ${column}`).join(', ')}, w.wording_rank
FROM return_lines r LEFT JOIN comment_wordings w USING (wording_id)
WHERE r.cluster_id IS NOT NULL ORDER BY r.category, r.product_id`
		].join(';\n')
	};
}

/**
 * The first `limit` items per cluster by descending returns, ties broken by `tiebreak` ascending, as a
 * list in that order: a top-N aggregate rather than ranking every row in a window.
 */
const topItems = (item: string, tiebreak: string, limit: string) =>
	`min_by(${item}, (-returns, ${tiebreak}), ${limit})`;

/**
 * topItems for a non-negative INTEGER tiebreak, ordered by one BIGINT instead of a pair: comparing
 * pairs takes most of the aggregate's time. Returns below 2^31 keep the key in range; beyond, DuckDB
 * reports an overflow rather than a wrong order.
 */
const topItemsByInteger = (item: string, tiebreak: string, limit: string) =>
	`min_by(${item}, -returns * 4294967296 + ${tiebreak}, ${limit})`;

/**
 * One row per cluster with returns in `scope` (a filter condition): size, share, languages, examples,
 * top products and the codes picked. Three counts over the commented lines in scope, each scanning
 * them with the filters pushed down: per theme, language and code (sizes, languages and codes are
 * sums of it), per theme and product, and per wording (the examples; a wording is in one theme).
 */
export function themesSql(scope: string, params: SqlParams): string {
	const topWordings = topItemsByInteger('wording_rank', 'wording_id', params.add(EXAMPLES_PER_CLUSTER));
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
  SELECT wording_rank, any_value(cluster_id) AS cluster_id, any_value(wording_id) AS wording_id, count(*) AS returns
  FROM scoped GROUP BY wording_rank
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
top_wordings AS (SELECT cluster_id, ${topWordings} AS ranks FROM wordings GROUP BY cluster_id),
-- Comments that differ only in case and punctuation are one example, shown as most often written.
-- comment_wordings is written in rank order from 1 and never changed, so a wording's row id is its
-- rank - 1: a scan by row id reads only the vectors holding them, where one by rank decompresses
-- every text of its blocks. The join on the rank keeps the lookup exact.
examples AS (
  SELECT t.cluster_id, list(w.example ORDER BY t.pos) AS items
  FROM (SELECT cluster_id, unnest(ranks) AS wording_rank, generate_subscripts(ranks, 1) AS pos FROM top_wordings) t
  JOIN (
    SELECT wording_rank, example FROM comment_wordings WHERE rowid IN (SELECT unnest(ranks) - 1 FROM top_wordings)
  ) w USING (wording_rank)
  GROUP BY t.cluster_id
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
