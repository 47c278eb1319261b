import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { ensureSchema } from '../../pipelines/ingest/schema.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';

type Row = Record<string, DuckDBValue>;

/** The rows createSmallDatabase writes: each table gets a different count, so a swapped count shows. */
export const SMALL_DATABASE = {
	tables: { orders: 5, rmas: 4, reasons: 3, inspections: 2, refunds: 1 },
	rejects: 2,
	warnings: 1,
	lastLoad: '2025-03-14T09:31:00.000Z'
};

const orders: Row[] = [1, 2, 3, 4, 5].map((n) => ({
	line_id: `L${n}`,
	order_id: `O${Math.ceil(n / 2)}`,
	ordered_at: `2025-03-0${n} 10:00:00`,
	customer_id: `C${Math.ceil(n / 2)}`,
	sku: `SKU-${n}-M`,
	product_id: `P${n}`,
	quantity: 1,
	unit_price: '49.90',
	currency: 'EUR',
	load_id: 2
}));

const rmas: Row[] = [1, 2, 3, 4].map((n) => ({
	rma_id: `R${n}`,
	line_id: `L${n}`,
	created_at: `2025-03-1${n} 08:00:00`,
	quantity: 1,
	reason_code: ['FIT', 'DEF', 'DMG', 'XYZ'][n - 1],
	status: 'received',
	load_id: 3
}));

const reasons: Row[] = [
	['FIT', 'Does not fit', 'fit'],
	['DEF', 'Defective', 'defect'],
	['DMG', 'Arrived damaged', 'damage']
].map(([reason_code, label, reason_group]) => ({ reason_code, label, reason_group, load_id: 1 }));

const inspections: Row[] = [1, 2].map((n) => ({
	inspection_id: `I${n}`,
	rma_id: `R${n}`,
	line_id: `L${n}`,
	inspected_at: `2025-03-2${n} 12:00:00`,
	condition: n === 1 ? 'like_new' : 'defective',
	disposition: n === 1 ? 'restock' : 'return_to_vendor',
	load_id: 4
}));

const refunds: Row[] = [
	{
		refund_id: 'F1',
		rma_id: 'R1',
		line_id: 'L1',
		order_id: 'O1',
		issued_at: '2025-03-25 09:00:00',
		amount: '49.90',
		method: 'original_payment',
		return_shipping_cost: '4.50',
		handling_cost: '2.00',
		restocking_fee: '0',
		currency: 'EUR',
		load_id: 5
	}
];

const loadHistory: Row[] = [
	['reasons', 'reasons.csv', 3, 0, '2025-03-14 09:30:00'],
	['orders', 'orders.csv', 5, 2, '2025-03-14 09:30:20'],
	['rmas', 'rmas.csv', 4, 0, '2025-03-14 09:30:40'],
	['inspections', 'inspections.csv', 2, 0, '2025-03-14 09:30:50'],
	['refunds', 'refunds.csv', 1, 0, '2025-03-14 09:31:00']
].map(([entity, file_path, loaded, rejected, finished_at], i) => ({
	load_id: i + 1,
	entity,
	file_path,
	content_hash: `content-${i + 1}`,
	mapping_hash: 'none',
	format: 'csv',
	rows_read: Number(loaded) + Number(rejected),
	rows_loaded: loaded,
	rows_rejected: rejected,
	orphans: 0,
	warnings: entity === 'orders' ? 1 : 0,
	started_at: '2025-03-14 09:29:00',
	finished_at
}));

const rejects: Row[] = [7, 8].map((line) => ({
	load_id: 2,
	entity: 'orders',
	file_path: 'orders.csv',
	line,
	raw: `L${line},O${line},not-a-date`,
	reason: 'ordered_at: not a timestamp'
}));

const loadWarnings: Row[] = [
	{
		load_id: 2,
		entity: 'orders',
		file_path: 'orders.csv',
		line: 3,
		column_name: 'delivered_at',
		value: '2025-02-01',
		reason: 'delivered_at before ordered_at'
	}
];

/** A database in the ingestion's schema with no rows, as before the first load; written and closed. */
export async function createEmptyDatabase(path: string): Promise<void> {
	await writeDatabase(path);
}

/** A database in the ingestion's schema with a handful of rows in every table, written and closed. */
export async function createSmallDatabase(path: string): Promise<void> {
	await writeDatabase(path, async (connection) => {
		await insertRows(connection, 'reasons', reasons);
		await insertRows(connection, 'orders', orders);
		await insertRows(connection, 'rmas', rmas);
		await insertRows(connection, 'inspections', inspections);
		await insertRows(connection, 'refunds', refunds);
		await insertRows(connection, 'load_history', loadHistory);
		await insertRows(connection, 'rejects', rejects);
		await insertRows(connection, 'load_warnings', loadWarnings);
	});
}

async function writeDatabase(path: string, fill?: (connection: DuckDBConnection) => Promise<void>): Promise<void> {
	const db = await openDatabase(path);
	const connection = await db.connect();
	try {
		await ensureSchema(connection);
		await fill?.(connection);
	} finally {
		connection.closeSync();
		db.close();
	}
}

async function insertRows(connection: DuckDBConnection, table: string, rows: Row[]): Promise<void> {
	for (const row of rows) {
		const columns = Object.keys(row);
		const placeholders = columns.map((_, i) => `$${i + 1}`);
		await connection.run(
			`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})`,
			Object.values(row)
		);
	}
}
