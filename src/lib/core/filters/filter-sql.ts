import type { FilterDimension, Filters } from './filters.ts';
import type { SqlParams } from '../db/sql-params.ts';

/** The column each filter dimension restricts, in the derived tables (line_facts, return_lines). */
export const DIMENSION_COLUMNS: Record<FilterDimension, string> = {
	category: 'category',
	product: 'product_id',
	sku: 'sku',
	supplier: 'supplier',
	channel: 'channel',
	country: 'country'
};

/**
 * The WHERE conditions for the common filters, every value bound. `dateColumn` is what the period
 * applies to: the order date for rates (a cohort view), the event's own timestamp for costs and times.
 * `to` is inclusive: the whole day counts.
 */
export function filterSql(filters: Filters, params: SqlParams, dateColumn: string | null, alias = ''): string {
	const prefix = alias ? `${alias}.` : '';
	const conditions: string[] = ['TRUE'];
	if (dateColumn && filters.from)
		conditions.push(`${prefix}${dateColumn} >= CAST(${params.add(filters.from)} AS DATE)`);
	if (dateColumn && filters.to)
		conditions.push(`${prefix}${dateColumn} < CAST(${params.add(filters.to)} AS DATE) + 1`);
	for (const [dimension, column] of Object.entries(DIMENSION_COLUMNS) as [FilterDimension, string][]) {
		const values = filters[dimension];
		if (values?.length) conditions.push(`${prefix}${column} IN (${values.map((v) => params.add(v)).join(', ')})`);
	}
	return conditions.join(' AND ');
}

/** The filters as given, without defaults or empty entries: echoed in every answer's meta. */
export function appliedFilters(query: Filters): Filters {
	const applied: Filters = {};
	if (query.from) applied.from = query.from;
	if (query.to) applied.to = query.to;
	for (const dimension of Object.keys(DIMENSION_COLUMNS) as FilterDimension[]) {
		if (query[dimension]?.length) applied[dimension] = query[dimension];
	}
	return applied;
}

/**
 * Whether a scope is every row: no period and no dimension filter. Views of the whole scope that cost
 * the most are stored at ingest.
 */
export const wholeScope = (filters: Filters) => Object.keys(appliedFilters(filters)).length === 0;

/** A view in scope: read from `table` where ingest stored it (the whole scope), else computed by `live`. */
export const storedOrLive = (filters: Filters, table: string, live: () => string) =>
	wholeScope(filters) ? `SELECT * FROM ${table}` : live();
