/**
 * What the Data page lists, all from the bookkeeping tables the loads write in main: each statement's
 * rows unordered and unpaged, for respondList.
 */

/** Every file loaded. */
export const LOADS_SQL = `SELECT load_id, entity, file_path, format, rows_read, rows_loaded, rows_rejected, orphans,
  warnings, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at,
  strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished_at
FROM main.load_history`;

/** Rejected rows grouped by entity and reason, with the first one as an example. */
export const REJECT_GROUPS_SQL = `SELECT entity, reason, count(*)::INTEGER AS rows,
  count(DISTINCT file_path)::INTEGER AS files,
  arg_min(file_path || ':' || coalesce(line::VARCHAR, '?'), load_id * 1e12 + coalesce(line, 0)) AS first_at,
  arg_min(raw, load_id * 1e12 + coalesce(line, 0)) AS example
FROM main.rejects GROUP BY entity, reason`;

/** The rejected rows themselves, as read, optionally of one entity and one reason. */
export function rejectRowsSql(filtered: { entity: boolean; reason: boolean }): string {
	const where = [filtered.entity ? 'entity = $entity' : '', filtered.reason ? 'reason = $reason' : ''].filter(
		Boolean
	);
	return `SELECT load_id, entity, file_path, line, reason, raw FROM main.rejects
WHERE ${where.length ? where.join(' AND ') : 'TRUE'}`;
}

/** Warnings (values loaded but doubtful) grouped by entity, column and reason, with an example. */
export const WARNING_GROUPS_SQL = `SELECT entity, column_name, reason, count(*)::INTEGER AS rows,
  arg_min(value, load_id * 1e12 + coalesce(line, 0)) AS example
FROM main.load_warnings GROUP BY entity, column_name, reason`;

/** Per entity: rows held, when a file of it last loaded, and the newest event in its rows. */
export const FRESHNESS_SQL = `WITH newest AS (
  SELECT 'orders' AS entity, count(*) AS rows, max(ordered_at) AS newest FROM main.orders
  UNION ALL SELECT 'rmas', count(*), max(created_at) FROM main.rmas
  UNION ALL SELECT 'reasons', count(*), NULL FROM main.reasons
  UNION ALL SELECT 'inspections', count(*), max(inspected_at) FROM main.inspections
  UNION ALL SELECT 'refunds', count(*), max(issued_at) FROM main.refunds
),
-- A ledger's lines load as orders and RMAs.
loaded AS (
  SELECT e.entity, max(h.finished_at) AS last_load
  FROM main.load_history h,
    unnest(CASE h.entity WHEN 'ledger' THEN ['orders', 'rmas'] ELSE [h.entity] END) AS e(entity)
  GROUP BY e.entity
)
SELECT n.entity, n.rows::INTEGER AS rows, strftime(l.last_load, '%Y-%m-%dT%H:%M:%SZ') AS last_load,
  strftime(n.newest, '%Y-%m-%dT%H:%M:%SZ') AS newest_event
FROM newest n LEFT JOIN loaded l USING (entity)`;

/** A ledger's returned units that matched no order line, with the return line they came from and why. */
export const UNMATCHED_SQL = `SELECT load_id, file_path, line, rma_id, customer_id, product_id, sku,
  strftime(returned_at, '%Y-%m-%dT%H:%M:%S') AS returned_at, units, reason
FROM main.unmatched_returns`;

/** Rows keyed by order and SKU whose order (or its SKU) is not loaded yet: a later load resolves them. */
export const WAITING_SQL = `SELECT 'rmas' AS entity, load_id, file_path, line, rma_id AS id, order_id, sku, raw
FROM main.pending_rmas
UNION ALL
SELECT 'inspections', load_id, file_path, line, inspection_id, order_id, sku, raw FROM main.pending_inspections`;
