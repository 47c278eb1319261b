import type { FilterDimension } from '../../core/filters/filters.ts';
import type { SqlParams } from '../../core/db/sql-params.ts';

/** The options of the given dimensions from the filter_options table ingestion builds: small, read whole. */
export function buildFilterOptionsSql(dimensions: readonly FilterDimension[], params: SqlParams): string {
	return `SELECT dimension, key, label FROM filter_options
WHERE dimension IN (${dimensions.map((d) => params.add(d)).join(', ')})
ORDER BY dimension, lower(label), key`;
}

export const ORDER_DATES_SQL = `SELECT strftime(min(ordered_at), '%Y-%m-%d') AS first,
  strftime(max(ordered_at), '%Y-%m-%d') AS last FROM orders`;
