import type { SqlParams } from '../../core/db/sql-params.ts';

/** Customers kept in a segment: those in the requested countries (all without a filter). */
function countrySql(countries: string[] | undefined, params: SqlParams): string {
	return countries?.length ? `country IN (${countries.map((c) => params.add(c)).join(', ')})` : 'TRUE';
}

/** Every segment with its size, from the tables ingestion builds (segments-store.ts). */
export function buildSegmentsSql(countries: string[] | undefined, params: SqlParams): string {
	return `
SELECT g.id, g.name, g.kind, coalesce(s.size, 0)::INTEGER AS size, g.definition
FROM segment_catalogue g
LEFT JOIN (
  SELECT segment_id, count(*) AS size FROM segment_customers WHERE ${countrySql(countries, params)} GROUP BY segment_id
) s ON s.segment_id = g.id`;
}

/** Whether a segment of that id exists. */
export function buildSegmentExistsSql(id: string, params: SqlParams): string {
	return `SELECT EXISTS (SELECT 1 FROM segment_catalogue WHERE id = ${params.add(id)}) AS found`;
}

/** A segment's customers with the export columns, one row each. */
export function buildSegmentCustomersSql(id: string, countries: string[] | undefined, params: SqlParams): string {
	return `
SELECT customer_id, email, country, last_return, categories, reason_theme
FROM segment_customers WHERE segment_id = ${params.add(id)} AND ${countrySql(countries, params)}`;
}
