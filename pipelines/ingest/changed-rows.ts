import type { DuckDBConnection } from '@duckdb/node-api';

/** The entities whose rows reach orders, refunds and customers the analytics are built from. */
export type ChangedEntity = 'orders' | 'rmas' | 'inspections' | 'refunds';

/**
 * The orders, refunds and customers rows of an entity reach, with the time of the event each row is:
 * an order line its order and customer; an RMA or inspection line the order of its line and the RMA's
 * customer; a refund its order, its line's and its RMA's orders, and itself. `rows` is a SELECT of the
 * entity's columns. The incremental refresh maps the rows loads removed (noted here before they go) and
 * the rows they added (by load id) the same way.
 */
export function reachedSql(entity: ChangedEntity, rows: string): string {
	switch (entity) {
		case 'orders':
			return `SELECT order_id, NULL::VARCHAR AS refund_id, customer_id, ordered_at AS event_at FROM (${rows})`;
		case 'rmas':
			return `SELECT o.order_id, NULL::VARCHAR AS refund_id,
			          coalesce(r.customer_id, o.customer_id) AS customer_id,
			          r.created_at AS event_at
			        FROM (${rows}) r LEFT JOIN main.orders o ON o.line_id = r.line_id`;
		case 'inspections':
			return `SELECT o.order_id, NULL::VARCHAR AS refund_id, o.customer_id, i.inspected_at AS event_at
			        FROM (${rows}) i LEFT JOIN main.orders o ON o.line_id = i.line_id`;
		case 'refunds':
			return `SELECT f.order_id, f.refund_id, NULL::VARCHAR AS customer_id, f.issued_at AS event_at
			        FROM (${rows}) f
			        UNION ALL
			        SELECT o.order_id, NULL, NULL, NULL FROM (${rows}) f JOIN main.rmas r ON r.rma_id = f.rma_id
			        JOIN main.orders o ON o.line_id = coalesce(f.line_id, r.line_id)`;
	}
}

/**
 * Notes what the rows a load is about to delete reach, so the next incremental refresh rebuilds it.
 * Called, in the load's transaction, with the same condition as the DELETE that follows.
 */
export async function noteRemovedRows(
	connection: DuckDBConnection,
	entity: ChangedEntity,
	rows: string
): Promise<void> {
	await connection.run(`INSERT INTO main.changed_rows ${reachedSql(entity, rows)}`);
}
