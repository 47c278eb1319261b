import type { DuckDBValue } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { publishedGeneration, readGeneration } from '../../src/lib/core/db/generations.ts';

/** Rows a query reads from a closed database file, with its published generation's tables in reach. */
export async function readRows(
	dbPath: string,
	sql: string,
	params?: Record<string, DuckDBValue>
): Promise<Record<string, unknown>[]> {
	const db = await openDatabase(dbPath, { readOnly: true });
	const connection = await db.connect();
	try {
		await readGeneration(connection, await publishedGeneration(connection));
		return (await connection.runAndReadAll(sql, params)).getRowObjectsJS();
	} finally {
		connection.closeSync();
		db.close();
	}
}

/** Rows from a database as a CSV in the contract's format, for a load that changes them. */
export function writeCsv(path: string, rows: Record<string, unknown>[]): void {
	const columns = Object.keys(rows[0]!);
	const text = (v: unknown) => (v instanceof Date ? v.toISOString().replace('T', ' ').slice(0, 19) : String(v));
	const cell = (v: unknown) => (v === null || v === undefined ? '' : `"${text(v).replaceAll('"', '""')}"`);
	writeFileSync(path, [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n'));
}
