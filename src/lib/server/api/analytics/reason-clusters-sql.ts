import type { Filters } from '../../../analytics/filters.ts';
import { SqlParams } from '../../sql-params.ts';
import { filterSql, wholeScope } from './filter-sql.ts';
import type { ListSpec } from './list-response.ts';
import { EXAMPLES_PER_CLUSTER, PRODUCTS_PER_CLUSTER } from '../../../analytics/reason-clusters.ts';
import { rate } from './return-rates-sql.ts';

/** Returns in scope with a comment, with the comment's cluster, language and wording_id (return_lines has them). */
function commentedReturns(filters: Filters, params: SqlParams, columns = '*'): string {
	return `SELECT ${columns} FROM return_lines WHERE cluster_id IS NOT NULL AND ${filterSql(filters, params, 'ordered_at')}`;
}

interface TopList {
	/** What is counted per cluster, as SELECT columns, in `commented`. */
	columns: string;
	groupBy: string;
	/** One list item, from `columns`, `returns` and what `join` adds. */
	item: string;
	/** Order among equal counts, so lists are the same on every call. */
	tiebreak: string;
	where?: string;
	limit?: number;
	/** Joined to the counted rows, for items that show more than what was counted. */
	join?: string;
}

/** Per cluster, the values of `columns` by descending returns as a list, optionally only the first `limit`. */
function topList(spec: TopList, params: SqlParams): string {
	const order = `returns DESC, ${spec.tiebreak}`;
	return `SELECT cluster_id, list(${spec.item} ORDER BY ${order}) AS items FROM (
    SELECT cluster_id, ${spec.columns}, count(*)::INTEGER AS returns
    FROM commented WHERE ${spec.where ?? 'TRUE'} GROUP BY cluster_id, ${spec.groupBy}
    ${spec.limit === undefined ? '' : `QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY ${order}) <= ${params.add(spec.limit)}`}
  ) ${spec.join ?? ''} GROUP BY cluster_id`;
}

/** One row per cluster with returns in scope: size, share, languages, examples, top products and the codes picked. */
export function buildReasonClustersSql(filters: Filters, params: SqlParams): string {
	const languages = topList(
		{ columns: 'language', groupBy: 'language', item: `{'language': language, 'returns': returns}`, tiebreak: 'language', where: 'language IS NOT NULL' },
		params
	);
	// Comments that differ only in case and punctuation are one example, shown as most often written.
	const examples = topList(
		{
			columns: 'wording_id',
			groupBy: 'wording_id',
			join: 'JOIN comment_wordings USING (wording_id)',
			item: 'example',
			tiebreak: 'wording_id',
			limit: EXAMPLES_PER_CLUSTER
		},
		params
	);
	const products = topList(
		{
			columns: 'product_id, any_value(product_name) AS product_name',
			groupBy: 'product_id',
			item: `{'product_id': product_id, 'product_name': product_name, 'returns': returns}`,
			tiebreak: 'product_id',
			limit: PRODUCTS_PER_CLUSTER
		},
		params
	);
	const codes = topList(
		{ columns: `coalesce(reason_code, '(none)') AS code`, groupBy: 'code', item: `{'reason_code': code, 'returns': returns}`, tiebreak: 'code' },
		params
	);
	return `
WITH commented AS MATERIALIZED (${commentedReturns(filters, params, 'cluster_id, language, wording_id, returned_units, product_id, product_name, reason_code')}),
sized AS (SELECT cluster_id, count(*) AS size, sum(returned_units) AS returned_units FROM commented GROUP BY cluster_id),
languages AS (${languages}),
examples AS (${examples}),
products AS (${products}),
codes AS (${codes})
SELECT s.cluster_id, c.label, c.top_terms, s.size::INTEGER AS size, s.returned_units::INTEGER AS returned_units,
  ${rate('s.size', '(SELECT count(*) FROM commented)')} AS share,
  coalesce(l.items, []) AS languages, e.items AS examples, p.items AS top_products, k.items AS reason_codes
FROM sized s
JOIN reason_clusters c USING (cluster_id)
LEFT JOIN languages l USING (cluster_id)
JOIN examples e USING (cluster_id)
JOIN products p USING (cluster_id)
JOIN codes k USING (cluster_id)`;
}

/** Returns in scope, and those with a comment, for the answer's meta: one row. */
export function buildReasonClusterTotalsSql(filters: Filters, params: SqlParams): string {
	return `SELECT count(*)::INTEGER AS returns, count(cluster_id)::INTEGER AS commented_returns, count(DISTINCT cluster_id)::INTEGER AS clusters
	FROM return_lines WHERE ${filterSql(filters, params, 'ordered_at')}`;
}

/**
 * Each return in scope with a comment, with its cluster; only the given clusters when there are some.
 * The cluster's label is only shown, so a page looks it up for its own rows (ListSpec.shownOnly): the
 * page is then a top-N of the return lines alone, which DuckDB reads late for its rows only.
 */
export function buildReasonAssignmentsSql(filters: Filters, clusters: number[] | undefined, params: SqlParams): Pick<ListSpec, 'sql' | 'shownOnly'> {
	const inClusters = clusters?.length ? `cluster_id IN (${clusters.map((c) => params.add(c)).join(', ')})` : 'TRUE';
	const commented = `${commentedReturns(filters, params)} AND ${inClusters}`;
	const assignments = (label: string, join = '') => `
SELECT a.rma_id, a.line_id, a.created_at, a.ordered_at, a.product_id, a.cluster_id, ${label} AS cluster_label, a.language,
  a.reason_code, a.reason_text
FROM (${commented}) a${join}`;
	return {
		sql: assignments('c.label', '\nLEFT JOIN reason_clusters c ON c.cluster_id = a.cluster_id'),
		shownOnly: {
			rows: assignments('NULL::VARCHAR'),
			fill: 'SELECT page.* REPLACE (c.label AS cluster_label) FROM page LEFT JOIN reason_clusters c ON c.cluster_id = page.cluster_id'
		}
	};
}

const STORED = { clusters: 'reason_cluster_summary', totals: 'reason_cluster_totals' } as const;

/**
 * The clusters and their totals over every return, stored at ingest: the unfiltered view, which the
 * Reasons page opens with, then reads two small tables instead of grouping every commented return.
 */
export function buildStoredClustersSql(): { sql: string; params: SqlParams['values'] }[] {
	const stored = (table: string, build: (filters: Filters, params: SqlParams) => string) => {
		const params = new SqlParams();
		return { sql: `CREATE OR REPLACE TABLE ${table} AS ${build({}, params)}`, params: params.values };
	};
	return [stored(STORED.clusters, buildReasonClustersSql), stored(STORED.totals, buildReasonClusterTotalsSql)];
}

/** The clusters in scope: stored at ingest for every return, else computed. */
export function reasonClustersSql(filters: Filters, params: SqlParams): string {
	return wholeScope(filters) ? `SELECT * FROM ${STORED.clusters}` : buildReasonClustersSql(filters, params);
}

/** Their totals in scope, the same way. */
export function reasonClusterTotalsSql(filters: Filters, params: SqlParams): string {
	return wholeScope(filters) ? `SELECT * FROM ${STORED.totals}` : buildReasonClusterTotalsSql(filters, params);
}
