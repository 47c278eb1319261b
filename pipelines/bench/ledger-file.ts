import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ENTITIES } from '../../src/lib/core/contract/entities.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';

const LEDGER_OWN = [
	'line_id',
	'order_id',
	'ordered_at',
	'customer_id',
	'quantity',
	'unit_price',
	'currency',
	'delivered_at'
];

/** The orders' columns a ledger line carries besides its document, time, customer, quantity and price. */
const ORDER_FIELDS = ENTITIES.orders.columns.map((c) => c.name).filter((name) => !LEDGER_OWN.includes(name));

/** Where the ledger is kept in the data's folder: in a folder of its own, which a load of the data never reads. */
export const LEDGER_FILE = join('ledger', 'ledger.csv');

/**
 * Writes the generated orders and their refunded returns as one ledger, in time order, as a shop system
 * exports invoice lines: an order line per row, and a return as a row of the returned product with the RMA
 * number as its document and a negative quantity. Kept beside the data (once whole) and reused.
 */
export async function writeLedgerFile(dataDir: string): Promise<string> {
	const path = join(dataDir, LEDGER_FILE);
	if (existsSync(path)) return path;
	mkdirSync(dirname(path), { recursive: true });
	const db = await openDatabase(':memory:');
	const connection = await db.connect();
	try {
		const fields = ORDER_FIELDS.join(', ');
		const returned = ORDER_FIELDS.map((f) => (f.endsWith('_key') || f === 'customer_email' ? 'NULL' : `o.${f}`));
		await connection.run(
			`COPY (
			   SELECT * EXCLUDE (happened) FROM (
			     SELECT order_id, ordered_at, customer_id, ${fields}, quantity, unit_price, currency, delivered_at,
			            TRY_CAST(ordered_at AS TIMESTAMPTZ) AS happened
			     FROM read_csv($orders, all_varchar = true)
			     UNION ALL
			     SELECT r.rma_id, r.created_at, o.customer_id, ${returned.join(', ')}, '-' || r.quantity,
			            o.unit_price, o.currency, NULL, TRY_CAST(r.created_at AS TIMESTAMPTZ)
			     FROM read_csv($rmas, all_varchar = true) r
			     JOIN read_csv($orders, all_varchar = true) o ON o.line_id = r.line_id
			     WHERE r.status = 'refunded'
			   ) ORDER BY happened
			 ) TO $path (HEADER)`,
			{ orders: join(dataDir, 'orders.csv'), rmas: join(dataDir, 'rmas.csv'), path: `${path}.part` }
		);
		renameSync(`${path}.part`, path);
	} finally {
		connection.closeSync();
		db.close();
	}
	return path;
}
