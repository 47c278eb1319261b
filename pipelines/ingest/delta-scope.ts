import type { Statement } from '../../src/lib/core/db/transaction.ts';
import { OLD_DELTA_ROWS } from '../../src/lib/core/store/derived-sql.ts';
import { reachedSql, type ChangedEntity } from './changed-rows.ts';

/** The temp tables deltaScopeStatements builds, dropped when the refresh ends. */
export const DELTA_TABLES = [
	'delta_reach',
	'delta_orders',
	'delta_order_lines',
	'delta_rmas',
	'delta_refunds',
	'delta_customers',
	'delta_span'
];

const ENTITIES: ChangedEntity[] = ['orders', 'rmas', 'inspections', 'refunds'];

/**
 * The temp tables an incremental refresh works from, built from the rows loads removed (changed_rows)
 * and the rows loaded after the published generation (`$since`, its load id), before any step runs, so
 * the previous versions can still be read from the generation's tables:
 * - delta_orders: every order a changed order line, RMA, inspection or refund reaches, before or after
 * - delta_order_lines, delta_rmas: the loaded order lines of those orders, and the RMAs on them
 * - delta_refunds: the refunds changed, and every refund on a delta order
 * - old_line_facts, old_return_lines, old_refund_facts: their derived rows as they were (OLD_DELTA_ROWS)
 * - delta_customers: the customers of those orders, before and after, and of the changed RMAs
 * - delta_span: one row, the earliest order date of the delta orders and the earliest changed event
 */
export function deltaScopeStatements(since: number): Statement[] {
	const added = ENTITIES.map((entity) =>
		reachedSql(entity, `SELECT * FROM main.${entity} WHERE load_id > $since`)
	).join('\nUNION ALL\n');
	return [
		{
			sql: `CREATE OR REPLACE TEMP TABLE delta_reach AS SELECT * FROM main.changed_rows UNION ALL ${added}`,
			params: { since }
		},
		{
			sql: `CREATE OR REPLACE TEMP TABLE delta_orders AS
			      SELECT DISTINCT order_id FROM delta_reach WHERE order_id IS NOT NULL`
		},
		// Read once each: a scan of every order line or line fact for the delta's orders costs a quarter
		// of a second at 10 M lines, and the tables below, and the steps, read these instead.
		{
			sql: `CREATE OR REPLACE TEMP TABLE delta_order_lines AS
			      SELECT * FROM main.orders SEMI JOIN delta_orders USING (order_id)`
		},
		{
			sql: `CREATE OR REPLACE TEMP TABLE delta_rmas AS
			      SELECT * FROM main.rmas SEMI JOIN delta_order_lines USING (line_id)`
		},
		{
			sql: `CREATE OR REPLACE TEMP TABLE delta_refunds AS
			      SELECT refund_id FROM delta_reach WHERE refund_id IS NOT NULL
			      UNION SELECT refund_id FROM main.refunds SEMI JOIN delta_orders USING (order_id)
			      UNION SELECT refund_id FROM refund_facts SEMI JOIN delta_orders USING (order_id)`
		},
		...OLD_DELTA_ROWS,
		{
			sql: `CREATE OR REPLACE TEMP TABLE delta_customers AS
			      SELECT customer_id FROM delta_reach WHERE customer_id IS NOT NULL
			      UNION SELECT customer_id FROM delta_order_lines
			      UNION SELECT customer_id FROM old_line_facts
			      UNION SELECT customer_id FROM delta_rmas WHERE customer_id IS NOT NULL`
		},
		{
			sql: `CREATE OR REPLACE TEMP TABLE delta_span AS
			      SELECT least((SELECT min(ordered_at) FROM delta_order_lines),
			                   (SELECT min(ordered_at) FROM old_line_facts))
			               AS orders_from,
			             (SELECT min(event_at) FROM delta_reach) AS events_from`
		}
	];
}

/** How many orders a delta reaches, against all: past a share, a full rebuild is the faster way. */
export const DELTA_SHARE_SQL = `SELECT (SELECT count(*) FROM delta_orders)
  / greatest((SELECT max(order_key) FROM line_facts), 1)`;
