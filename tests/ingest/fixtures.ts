import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DuckDBValue } from '@duckdb/node-api';
import { openDatabase } from '../../src/lib/core/db/db.ts';

export { tempDir } from '../support/temp-dirs.ts';

export function writeText(dir: string, name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, name.endsWith('.gz') ? gzipSync(text) : text);
	return path;
}

export function csv(header: string[], rows: (string | number | null)[][]): string {
	const cell = (v: string | number | null) => {
		const s = v === null ? '' : String(v);
		return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
	};
	return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

export function ndjson(rows: Record<string, unknown>[]): string {
	return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** Runs read-only queries against a database file the pipeline wrote, closing it afterwards. */
export async function query<T = Record<string, DuckDBValue>>(
	dbPath: string,
	sql: string,
	params?: Record<string, DuckDBValue>
): Promise<T[]> {
	const db = await openDatabase(dbPath, { readOnly: true });
	const connection = await db.connect();
	try {
		const reader = await connection.runAndReadAll(sql, params);
		return reader.getRowObjectsJS() as T[];
	} finally {
		connection.closeSync();
		db.close();
	}
}

export const ORDER_HEADER = [
	'line_id',
	'order_id',
	'ordered_at',
	'customer_id',
	'sku',
	'product_id',
	'category',
	'quantity',
	'unit_price',
	'delivered_at'
];

export const GOOD_ORDERS: (string | number | null)[][] = [
	['L1', 'O1', '2025-03-14T09:30:00Z', 'C1', 'TEE-M', 'TEE', 'apparel', 2, '19.90', '2025-03-16'],
	['L2', 'O1', '2025-03-14 09:30:00', 'C1', 'CAP', 'CAP', 'accessories', 1, '9.95', '2025-03-16T12:00:00+02:00'],
	['L3', 'O2', '2025-03-15', 'C2', 'TEE-S', 'TEE', 'apparel', 1, '19.90', null]
];
