import { noteRemovedRows } from './changed-rows.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ENTITIES, NON_RETURN_STATUSES } from '../../src/lib/core/contract/entities.ts';
import { SqlParams, ident } from '../../src/lib/core/db/sql-params.ts';

/**
 * A ledger's lines with a quantity of 1 or more are order lines; a line with a negative quantity returns
 * `-quantity` units. Those units are matched to the same customer's order lines of the same product that
 * have units left, ordered at or before the return: the most recent first (ties: the later line in the file;
 * lines of earlier loads before this file's), split over several lines until all are matched. Each part is
 * a refunded RMA line dated at the return, numbered by the return's document (its order_id). Units that
 * match nothing are kept in `unmatched_returns` with the reason.
 *
 * Returns are matched in rounds: the first return of every customer and product, then the second, and so
 * on, each taking the units the ones before it left.
 */

export interface LedgerCounts {
	orderLines: number;
	returnLines: number;
	returnedUnits: number;
	matchedUnits: number;
	rmaLines: number;
	unmatchedUnits: number;
}

/**
 * Line ids from the order and the line's position in it in the file (`536365/1`), by the staged row they
 * belong to: a ledger's are joined to its rows where they are written (updating a large stage in place would
 * slow every later scan of it). Orders whose mapping derives line ids take them into the stage.
 */
export async function deriveLineIds(connection: DuckDBConnection, intoStage: boolean): Promise<void> {
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE _line_ids AS
		 SELECT rowid AS rid,
		        order_id || '/' || row_number() OVER (PARTITION BY order_id ORDER BY rowid) AS derived_line_id
		 FROM _stage`
	);
	if (intoStage) {
		await connection.run(
			`UPDATE _stage SET line_id = i.derived_line_id FROM _line_ids i
			 WHERE _stage.rowid = i.rid AND i.derived_line_id IS NOT NULL`
		);
	}
}

/**
 * The staged rows of a ledger that sell, with their line ids, in the stage's order. (A hash join on the row
 * id keeps it and runs on every core; a positional join would run on one.)
 */
const SALES = `(SELECT s.* REPLACE (l.derived_line_id AS line_id)
  FROM _stage s JOIN _line_ids l ON l.rid = s.rowid WHERE s._reason IS NULL AND s.quantity > 0)`;

async function count(connection: DuckDBConnection, sql: string): Promise<number> {
	return Number((await connection.runAndReadAll(sql)).getRows()[0][0] ?? 0);
}

/**
 * The order lines returns may take units from: this file's, and earlier loads' (not replaced by this file's)
 * with the units their RMAs left.
 */
async function available(connection: DuckDBConnection): Promise<void> {
	const params = new SqlParams();
	const earlier = async () => {
		if ((await count(connection, 'SELECT count(*) FROM orders')) === 0) return '';
		const nonReturn = NON_RETURN_STATUSES.map((s) => params.add(s)).join(', ');
		return `UNION ALL
		 SELECT o.line_id, o.order_id, o.customer_id, o.product_id, o.ordered_at, 0, o.rowid,
		        o.quantity - coalesce(e.units, 0)
		 FROM orders o JOIN groups g ON g.customer_id = o.customer_id AND g.product_id = o.product_id
		 LEFT JOIN (
		   SELECT line_id, sum(quantity) AS units FROM rmas
		   WHERE status NOT IN (${nonReturn}) AND rma_id NOT IN (SELECT rma_id FROM _returns)
		   GROUP BY line_id
		 ) e ON e.line_id = o.line_id
		 WHERE NOT EXISTS (SELECT 1 FROM ${SALES} s WHERE s.line_id = o.line_id)`;
	};
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE _avail AS
		 WITH groups AS (SELECT DISTINCT customer_id, product_id FROM _returns)
		 SELECT l.derived_line_id AS line_id, s.order_id, s.customer_id, s.product_id, s.ordered_at, 1 AS tie,
		        s.rowid AS pos, s.quantity AS units_left
		 FROM _stage s JOIN groups g ON g.customer_id = s.customer_id AND g.product_id = s.product_id
		 JOIN _line_ids l ON l.rid = s.rowid
		 WHERE s._reason IS NULL AND s.quantity > 0
		 ${await earlier()}`,
		params.values
	);
}

/** Matches the staged ledger's returns to order lines into `_matches` (rid, line_id, order_id, units). */
export async function matchReturns(connection: DuckDBConnection): Promise<LedgerCounts> {
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE _returns AS
		 SELECT rowid AS rid, order_id AS rma_id, customer_id, product_id, sku, ordered_at AS returned_at,
		        -quantity AS units,
		        row_number() OVER (PARTITION BY customer_id, product_id ORDER BY ordered_at, rowid) AS seq
		 FROM _stage WHERE _reason IS NULL AND quantity < 0`
	);
	await available(connection);
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE _matches (rid BIGINT, line_id VARCHAR, order_id VARCHAR, units INTEGER)`
	);
	const rounds = await count(connection, `SELECT coalesce(max(seq), 0) FROM _returns`);
	for (let round = 1; round <= rounds; round++) {
		await connection.run(
			`CREATE OR REPLACE TEMP TABLE _take AS
			 SELECT rid, line_id, order_id, least(units_left, units - (cum - units_left))::INTEGER AS units FROM (
			   SELECT r.rid, r.units, a.line_id, a.order_id, a.units_left,
			          sum(a.units_left) OVER (PARTITION BY r.rid ORDER BY a.ordered_at DESC, a.tie DESC, a.pos DESC
			                                  ROWS UNBOUNDED PRECEDING) AS cum
			   FROM _returns r
			   JOIN _avail a ON a.customer_id = r.customer_id AND a.product_id = r.product_id
			   WHERE r.seq = $round AND a.ordered_at <= r.returned_at AND a.units_left > 0
			 ) WHERE cum - units_left < units`,
			{ round }
		);
		await connection.run(`INSERT INTO _matches SELECT * FROM _take`);
		await connection.run(
			`UPDATE _avail SET units_left = units_left - t.units FROM _take t WHERE _avail.line_id = t.line_id`
		);
	}
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE _unmatched AS
		 SELECT r.*, r.units - coalesce(m.units, 0) AS missing,
		        CASE WHEN coalesce(m.units, 0) = 0 AND NOT EXISTS (
		               SELECT 1 FROM _avail a WHERE a.customer_id = r.customer_id AND a.product_id = r.product_id
		                 AND a.ordered_at <= r.returned_at)
		             THEN 'customer ' || r.customer_id || ' bought no units of product ' || r.product_id
		                  || ' at or before ' || strftime(r.returned_at, '%Y-%m-%d %H:%M')
		             ELSE (r.units - coalesce(m.units, 0)) || ' of ' || r.units || ' units unmatched: customer '
		                  || r.customer_id || ' had no more units of product ' || r.product_id
		                  || ' left from purchases at or before ' || strftime(r.returned_at, '%Y-%m-%d %H:%M') END
		          AS reason
		 FROM _returns r LEFT JOIN (SELECT rid, sum(units) AS units FROM _matches GROUP BY rid) m ON m.rid = r.rid
		 WHERE r.units > coalesce(m.units, 0)`
	);
	await connection.run(`UPDATE _stage SET _keep = true WHERE rowid IN (SELECT rid FROM _unmatched)`);
	const [orderLines, returnLines, returnedUnits, matchedUnits, rmaLines, unmatchedUnits] = (
		await connection.runAndReadAll(
			`SELECT (SELECT count(*) FROM _stage WHERE _reason IS NULL AND quantity > 0),
			        (SELECT count(*) FROM _returns), (SELECT coalesce(sum(units), 0) FROM _returns),
			        (SELECT coalesce(sum(units), 0) FROM _matches),
			        (SELECT count(*) FROM (SELECT DISTINCT r.rma_id, m.line_id FROM _matches m
			                               JOIN _returns r ON r.rid = m.rid)),
			        (SELECT coalesce(sum(missing), 0) FROM _unmatched)`
		)
	)
		.getRows()[0]
		.map(Number);
	return { orderLines, returnLines, returnedUnits, matchedUnits, rmaLines, unmatchedUnits };
}

const orderColumns = ENTITIES.orders.columns.map((c) => ident(c.name)).join(', ');
const rmaColumns = ENTITIES.rmas.columns.map((c) => ident(c.name)).join(', ');

/**
 * Writes a matched ledger: its order lines (replacing lines of the same id), its returns' RMA lines and its
 * unmatched returns (replacing all that earlier loads wrote for the same return documents).
 */
export async function writeLedger(connection: DuckDBConnection, meta: { load: number; path: string }) {
	if (Number((await connection.runAndReadAll(`SELECT count(*) FROM orders`)).getRows()[0][0]) > 0) {
		await noteRemovedRows(connection, 'orders', `SELECT * FROM orders SEMI JOIN ${SALES} s USING (line_id)`);
		await connection.run(`DELETE FROM orders o USING ${SALES} s WHERE o.line_id = s.line_id`);
	}
	await connection.run(
		`INSERT INTO orders (${orderColumns}, load_id)
		 SELECT ${orderColumns}, load_id FROM ${SALES}`
	);
	await noteRemovedRows(connection, 'rmas', `SELECT * FROM rmas WHERE rma_id IN (SELECT rma_id FROM _returns)`);
	await connection.run(`DELETE FROM rmas WHERE rma_id IN (SELECT rma_id FROM _returns)`);
	await connection.run(
		`INSERT INTO rmas (${rmaColumns}, load_id)
		 SELECT r.rma_id, m.line_id, any_value(m.order_id), any_value(r.customer_id), min(r.returned_at),
		        sum(m.units)::INTEGER, NULL, NULL, 'refund', 'refunded', NULL, NULL, $load
		 FROM _matches m JOIN _returns r ON r.rid = m.rid
		 GROUP BY r.rma_id, m.line_id`,
		{ load: meta.load }
	);
	await connection.run(`DELETE FROM unmatched_returns WHERE rma_id IN (SELECT rma_id FROM _returns)`);
	await connection.run(
		`INSERT INTO unmatched_returns
		 SELECT $load, $path, l.line, u.rma_id, u.customer_id, u.product_id, u.sku, u.returned_at, u.missing, u.reason
		 FROM _unmatched u JOIN row_lines l ON l.rid = u.rid`,
		{ load: meta.load, path: meta.path }
	);
}

export const LEDGER_TEMP_TABLES = ['_line_ids', '_returns', '_avail', '_matches', '_take', '_unmatched'];
