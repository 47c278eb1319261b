import { noteRemovedRows } from './changed-rows.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ENTITIES, NON_RETURN_STATUSES } from '../../src/lib/core/contract/entities.ts';
import { SqlParams, ident } from '../../src/lib/core/db/sql-params.ts';
import type { LoadMeta } from './write-load.ts';

/**
 * Keys by order and SKU. An RMA, inspection or refund that names no line_id but an order_id and a sku
 * resolves to that order's lines with that SKU, in line order (the order the lines were loaded in):
 * - an RMA's units fill each line's units not yet returned, split over several lines where one has too
 *   few; RMAs are taken in order of `created_at`, and one for more units than are left is rejected;
 * - an inspection takes the first such line its RMA covers; a refund the first its RMA covers, or the
 *   first such line when it names no RMA.
 * Rows whose order (or SKU in it) is not loaded yet are orphans: they wait in `pending_*` tables, and
 * every later load resolves the ones it can.
 */

const nonReturn = (params: SqlParams) => NON_RETURN_STATUSES.map((s) => params.add(s)).join(', ');

/** The lines of the wanted orders and SKUs, with the units not yet returned by RMAs other than the wanted ones. */
async function groupLines(connection: DuckDBConnection): Promise<void> {
	const params = new SqlParams();
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE _group_lines AS
		 WITH lines AS (
		   SELECT o.line_id, o.order_id, o.sku, o.customer_id, o.rowid AS pos, o.quantity
		   FROM orders o
		   JOIN (SELECT DISTINCT order_id, sku FROM _want) g ON g.order_id = o.order_id AND g.sku = o.sku
		 )
		 SELECT l.line_id, l.order_id, l.sku, l.customer_id, l.pos, greatest(l.quantity - coalesce(e.q, 0), 0) AS free
		 FROM lines l
		 LEFT JOIN (
		   SELECT r.line_id, sum(r.quantity) AS q FROM rmas r
		   WHERE r.status NOT IN (${nonReturn(params)}) AND r.line_id IN (SELECT line_id FROM lines)
		     AND NOT EXISTS (SELECT 1 FROM _want w WHERE w.rma_id = r.rma_id)
		   GROUP BY r.line_id
		 ) e ON e.line_id = l.line_id`,
		params.values
	);
}

/**
 * Splits the wanted RMAs (`_want`: rid, rma_id, order_id, sku, customer_id, created_at, quantity, takes)
 * over their lines into `_parts` (rid, line_id, quantity); sets `reason` on the ones rejected and `orphan`
 * on the ones with no line loaded.
 */
async function allocate(connection: DuckDBConnection): Promise<void> {
	await groupLines(connection);
	await connection.run(
		`UPDATE _want SET orphan = true
		 WHERE NOT EXISTS (SELECT 1 FROM _group_lines g WHERE g.order_id = _want.order_id AND g.sku = _want.sku)`
	);
	await connection.run(
		`UPDATE _want SET reason = 'customer_id "' || _want.customer_id || '" does not match order '
		                           || _want.order_id || ' (customer ' || g.customer_id || ')'
		 FROM (SELECT order_id, sku, any_value(customer_id) AS customer_id FROM _group_lines GROUP BY ALL) g
		 WHERE g.order_id = _want.order_id AND g.sku = _want.sku AND _want.customer_id <> g.customer_id`
	);
	// As with RMAs by line: taken in order of creation, the first that does not fit is rejected and frees
	// its units for the ones after it.
	for (;;) {
		const pass = await connection.run(
			`UPDATE _want SET reason = 'quantity ' || o.quantity || ' brings the units returned of sku ' || o.sku
			                           || ' in order ' || o.order_id || ' to ' || o.cum || ', more than the '
			                           || o.total || ' ordered and not returned yet'
			 FROM (
			   SELECT * FROM (
			     SELECT w.rid, w.order_id, w.sku, w.quantity, t.total,
			            sum(w.quantity) OVER (PARTITION BY w.order_id, w.sku ORDER BY w.created_at, w.rid) AS cum
			     FROM _want w
			     JOIN (SELECT order_id, sku, sum(free) AS total FROM _group_lines GROUP BY ALL) t
			       ON t.order_id = w.order_id AND t.sku = w.sku
			     WHERE w.takes AND w.reason IS NULL
			   ) WHERE cum > total
			   QUALIFY row_number() OVER (PARTITION BY order_id, sku ORDER BY cum) = 1
			 ) o
			 WHERE _want.rid = o.rid`
		);
		if (pass.rowsChanged === 0) break;
	}
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE _parts AS
		 WITH lines AS (
		   SELECT *, sum(free) OVER (PARTITION BY order_id, sku ORDER BY pos) AS hi FROM _group_lines
		 ),
		 req AS (
		   SELECT *, sum(quantity) OVER (PARTITION BY order_id, sku ORDER BY created_at, rid) AS hi
		   FROM _want WHERE takes AND reason IS NULL AND NOT orphan
		 )
		 SELECT r.rid, l.line_id, (least(r.hi, l.hi) - greatest(r.hi - r.quantity, l.hi - l.free))::INTEGER AS quantity
		 FROM req r JOIN lines l ON l.order_id = r.order_id AND l.sku = r.sku
		 WHERE least(r.hi, l.hi) > greatest(r.hi - r.quantity, l.hi - l.free)
		 UNION ALL
		 SELECT w.rid, f.line_id, w.quantity
		 FROM _want w
		 JOIN (SELECT order_id, sku, arg_min(line_id, pos) AS line_id FROM _group_lines GROUP BY ALL) f
		   ON f.order_id = w.order_id AND f.sku = w.sku
		 WHERE NOT w.takes AND w.reason IS NULL AND NOT w.orphan`
	);
}

const WANT_COLUMNS = `rowid AS rid, rma_id, order_id, sku, customer_id, created_at, quantity`;

/**
 * Resolves the staged RMAs keyed by order and SKU: rejected ones get their reason, orphans are marked to be
 * kept with their line number. `_parts` then holds the RMA lines to write (writeKeyedRmas).
 */
export async function resolveStagedRmas(connection: DuckDBConnection): Promise<void> {
	const params = new SqlParams();
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE _want AS
		 SELECT ${WANT_COLUMNS}, status NOT IN (${nonReturn(params)}) AS takes,
		        CAST(NULL AS VARCHAR) AS reason, false AS orphan
		 FROM _stage WHERE _reason IS NULL AND NOT _dup AND line_id IS NULL`,
		params.values
	);
	await allocate(connection);
	await connection.run(
		`UPDATE _stage SET _reason = w.reason, _keep = w.orphan FROM _want w
		 WHERE _stage.rowid = w.rid AND (w.reason IS NOT NULL OR w.orphan)`
	);
}

const rmaColumns = ENTITIES.rmas.columns.map((c) => ident(c.name));
const columnsOf = (from: string, columns: readonly { name: string }[], replace: Record<string, string> = {}) =>
	columns.map((c) => replace[c.name] ?? `${from}.${ident(c.name)}`).join(', ');
const partColumns = (from: string) =>
	columnsOf(from, ENTITIES.rmas.columns, { line_id: 'p.line_id', quantity: 'p.quantity' });

/** Writes resolved RMA lines from `_parts` (rid → a row of `from`), replacing those RMAs' earlier lines. */
async function writeParts(connection: DuckDBConnection, from: string, loadId: string): Promise<void> {
	const replaced = `SELECT DISTINCT w.rma_id, g.line_id FROM _want w
		 JOIN _group_lines g ON g.order_id = w.order_id AND g.sku = w.sku WHERE NOT w.orphan`;
	await noteRemovedRows(connection, 'rmas', `SELECT * FROM rmas SEMI JOIN (${replaced}) d USING (rma_id, line_id)`);
	await connection.run(
		`DELETE FROM rmas r USING (${replaced}) d WHERE r.rma_id = d.rma_id AND r.line_id = d.line_id`
	);
	await connection.run(
		`INSERT INTO rmas (${rmaColumns.join(', ')}, load_id)
		 SELECT ${partColumns('s')}, ${loadId} FROM _parts p JOIN ${from} s ON s.rowid = p.rid`
	);
}

const PROVENANCE = `load_id, file_path, line, raw`;

/** Writes the staged RMAs keyed by order and SKU: their lines, and the orphans to wait for their order. */
export async function writeKeyedRmas(connection: DuckDBConnection, meta: LoadMeta) {
	await writeParts(connection, '_stage', 's.load_id');
	await connection.run(
		`DELETE FROM pending_rmas p USING _want w
		 WHERE w.orphan AND p.rma_id = w.rma_id AND p.order_id = w.order_id AND p.sku = w.sku`
	);
	await connection.run(
		`INSERT INTO pending_rmas (${rmaColumns.join(', ')}, sku, ${PROVENANCE})
		 SELECT ${columnsOf('s', ENTITIES.rmas.columns)}, s.sku, $load, $path, l.line, s._raw
		 FROM _stage s JOIN _want w ON w.rid = s.rowid JOIN row_lines l ON l.rid = s.rowid WHERE w.orphan`,
		{ load: meta.load, path: meta.path }
	);
}

/** The line of each keyed row of `from` (rid, rma_id, order_id, sku): the first of the order's SKU its RMA covers. */
async function firstLines(connection: DuckDBConnection, from: string, rmaRequired: boolean): Promise<void> {
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE _first_lines AS
		 SELECT k.rid, arg_min(o.line_id, o.rowid) AS line_id
		 FROM ${from} k
		 JOIN orders o ON o.order_id = k.order_id AND o.sku = k.sku
		 WHERE EXISTS (SELECT 1 FROM rmas r WHERE r.rma_id = k.rma_id AND r.line_id = o.line_id)
		    OR (${rmaRequired ? 'false' : 'k.rma_id IS NULL'})
		 GROUP BY k.rid`
	);
}

/** Resolves the staged inspections and refunds keyed by order and SKU in place; the rest are kept as orphans. */
export async function resolveStagedLines(connection: DuckDBConnection, entity: 'inspections' | 'refunds') {
	await firstLines(
		connection,
		`(SELECT rowid AS rid, rma_id, order_id, sku FROM _stage
		  WHERE _reason IS NULL AND line_id IS NULL AND order_id IS NOT NULL AND sku IS NOT NULL)`,
		entity === 'inspections'
	);
	await connection.run(`UPDATE _stage SET line_id = f.line_id FROM _first_lines f WHERE _stage.rowid = f.rid`);
	await connection.run(
		`UPDATE _stage SET _keep = true
		 WHERE _reason IS NULL AND line_id IS NULL AND order_id IS NOT NULL AND sku IS NOT NULL`
	);
}

const inspectionColumns = ENTITIES.inspections.columns.map((c) => ident(c.name)).join(', ');

/** Keeps the staged inspections and refunds that found no line, to be resolved by a later load. */
export async function writePendingLines(
	connection: DuckDBConnection,
	entity: 'inspections' | 'refunds',
	meta: LoadMeta
) {
	if (entity === 'inspections') {
		await connection.run(
			`DELETE FROM pending_inspections p USING _stage s WHERE s._keep AND p.inspection_id = s.inspection_id`
		);
		await connection.run(
			`INSERT INTO pending_inspections (${inspectionColumns}, order_id, sku, ${PROVENANCE})
			 SELECT ${columnsOf('s', ENTITIES.inspections.columns)}, s.order_id, s.sku, $load, $path, l.line, s._raw
			 FROM _stage s JOIN row_lines l ON l.rid = s.rowid WHERE s._keep AND NOT s._dup`,
			{ load: meta.load, path: meta.path }
		);
		return;
	}
	await connection.run(
		`DELETE FROM pending_refund_lines p USING _stage s WHERE s._keep AND p.refund_id = s.refund_id`
	);
	await connection.run(
		`INSERT INTO pending_refund_lines SELECT refund_id, rma_id, order_id, sku FROM _stage WHERE _keep AND NOT _dup`
	);
}

/**
 * Resolves what earlier loads kept waiting, now that this load may have brought their orders or RMAs:
 * RMAs first (their lines), then inspections and refunds (which may name those RMAs). An RMA that no longer
 * fits is rejected, recorded with the load, file and line it came from.
 */
export async function resolvePending(connection: DuckDBConnection): Promise<void> {
	const waiting = await connection.runAndReadAll(
		`SELECT (SELECT count(*) FROM pending_rmas) + (SELECT count(*) FROM pending_inspections)
		        + (SELECT count(*) FROM pending_refund_lines)`
	);
	if (Number(waiting.getRows()[0][0]) === 0) return;
	const params = new SqlParams();
	await connection.run(
		`CREATE OR REPLACE TEMP TABLE _want AS
		 SELECT p.rowid AS rid, p.rma_id, p.order_id, p.sku, p.customer_id, p.created_at, p.quantity,
		        p.status NOT IN (${nonReturn(params)}) AS takes, CAST(NULL AS VARCHAR) AS reason, false AS orphan
		 FROM pending_rmas p WHERE EXISTS (SELECT 1 FROM orders o WHERE o.order_id = p.order_id AND o.sku = p.sku)`,
		params.values
	);
	await allocate(connection);
	await writeParts(connection, 'pending_rmas', 's.load_id');
	await connection.run(
		`INSERT INTO rejects SELECT p.load_id, 'rmas', p.file_path, p.line, p.raw, w.reason
		 FROM _want w JOIN pending_rmas p ON p.rowid = w.rid WHERE w.reason IS NOT NULL`
	);
	await connection.run(`DELETE FROM pending_rmas WHERE rowid IN (SELECT rid FROM _want WHERE NOT orphan)`);

	await firstLines(connection, `(SELECT rowid AS rid, rma_id, order_id, sku FROM pending_inspections)`, true);
	const resolved = `SELECT p.inspection_id FROM pending_inspections p JOIN _first_lines f ON f.rid = p.rowid`;
	await noteRemovedRows(
		connection,
		'inspections',
		`SELECT * FROM inspections SEMI JOIN (${resolved}) USING (inspection_id)`
	);
	await connection.run(`DELETE FROM inspections i USING pending_inspections p, _first_lines f
	                      WHERE f.rid = p.rowid AND i.inspection_id = p.inspection_id`);
	await connection.run(
		`INSERT INTO inspections (${inspectionColumns}, load_id)
		 SELECT ${columnsOf('p', ENTITIES.inspections.columns, { line_id: 'f.line_id' })}, p.load_id
		 FROM pending_inspections p JOIN _first_lines f ON f.rid = p.rowid`
	);
	await connection.run(`DELETE FROM pending_inspections WHERE rowid IN (SELECT rid FROM _first_lines)`);

	await firstLines(connection, `(SELECT rowid AS rid, rma_id, order_id, sku FROM pending_refund_lines)`, false);
	await noteRemovedRows(
		connection,
		'refunds',
		`SELECT * FROM refunds WHERE line_id IS NULL AND refund_id IN
		   (SELECT p.refund_id FROM pending_refund_lines p JOIN _first_lines f ON f.rid = p.rowid)`
	);
	await connection.run(
		`UPDATE refunds SET line_id = f.line_id FROM pending_refund_lines p, _first_lines f
		 WHERE f.rid = p.rowid AND refunds.refund_id = p.refund_id AND refunds.line_id IS NULL`
	);
	await connection.run(`DELETE FROM pending_refund_lines WHERE rowid IN (SELECT rid FROM _first_lines)`);
}
