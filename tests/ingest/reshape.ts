import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ENTITIES, type EntityName } from '../../src/lib/core/contract/entities.ts';
import { apiClient } from '../support/api-client.ts';
import { query } from './fixtures.ts';

/**
 * Rewrites the contract's CSV files the way other systems export them, for tests that load both and hold
 * the figures equal: a German spreadsheet (semicolons, decimal commas, dd.mm.yyyy, Windows-1252, German
 * headers) and a returns portal (RMAs, inspections and refunds by order and SKU, no line ids).
 */

export type Row = Record<string, string | null>;

/** A CSV file's rows as text, in file order. */
export async function readRows(path: string): Promise<{ header: string[]; rows: Row[] }> {
	const db = await DuckDBInstance.create(':memory:');
	const connection = await db.connect();
	try {
		const reader = await connection.runAndReadAll(
			`SELECT * FROM read_csv($path, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"')`,
			{ path }
		);
		return { header: reader.columnNames(), rows: reader.getRowObjectsJS() as Row[] };
	} finally {
		connection.closeSync();
		db.closeSync();
	}
}

export function delimited(header: string[], rows: (string | null)[][], delimiter: string): string {
	const cell = (v: string | null) =>
		v === null ? '' : /["\n\r]/.test(v) || v.includes(delimiter) ? `"${v.replaceAll('"', '""')}"` : v;
	return [header, ...rows].map((r) => r.map(cell).join(delimiter)).join('\r\n') + '\r\n';
}

const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Text as Windows-1252 bytes; every character of the demo data has one. */
export function windows1252(text: string): Buffer {
	return Buffer.from(
		[...text].map((c) => {
			const high = CP1252_HIGH.indexOf(c);
			const code = high >= 0 ? 0x80 + high : c.charCodeAt(0);
			if (code > 0xff || (high < 0 && code >= 0x80 && code <= 0x9f)) throw new Error(`no Windows-1252 for ${c}`);
			return code;
		})
	);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 timestamp as a German spreadsheet writes it (14.03.2025 09:30:00, in UTC); others as they are. */
export function germanTimestamp(value: string | null): string | null {
	const m = value === null ? null : ISO.exec(value.trim());
	if (!m) return value;
	if (m[4] === undefined) return `${m[3]}.${m[2]}.${m[1]}`;
	const offset = m[7] && m[7] !== 'Z' ? m[7].replace(/(\d{2})(\d{2})$/, '$1:$2') : 'Z';
	const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset}`);
	const two = (n: number) => String(n).padStart(2, '0');
	return (
		`${two(at.getUTCDate())}.${two(at.getUTCMonth() + 1)}.${at.getUTCFullYear()} ` +
		`${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`
	);
}

/** An amount with its decimal point and thousands commas swapped (19.90 → 19,90), so it means the same. */
export const swapDecimal = (value: string | null) =>
	value === null ? null : value.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));

/** Every entity table's rows (all columns but the load and those left out), sorted, to compare two databases. */
export async function entityTables(
	dbPath: string,
	omit: Partial<Record<EntityName, string[]>> = {}
): Promise<Record<string, unknown[]>> {
	const tables: Record<string, unknown[]> = {};
	for (const entity of Object.keys(ENTITIES) as EntityName[]) {
		const columns = ENTITIES[entity].columns
			.filter((c) => !omit[entity]?.includes(c.name))
			.map((c) => `"${c.name}"::VARCHAR AS "${c.name}"`)
			.join(', ');
		tables[entity] = await query(dbPath, `SELECT ${columns} FROM ${entity} ORDER BY ALL`);
	}
	return tables;
}

const FIGURES = [
	'/api/summary?from=2020-01-01&to=2030-12-31',
	'/api/return-rates?by=product&from=2020-01-01&to=2030-12-31&limit=10000&minUnits=1',
	'/api/return-rates?by=category&from=2020-01-01&to=2030-12-31',
	'/api/costs/breakdown?by=month&from=2020-01-01&to=2030-12-31',
	'/api/timing?from=2020-01-01&to=2030-12-31',
	'/api/suppliers?from=2020-01-01&to=2030-12-31'
];

/** The answers of the API's main figures, to compare two databases. */
export async function figures(dbPath: string): Promise<Record<string, unknown>> {
	const api = await apiClient(dbPath);
	try {
		const answers: Record<string, unknown> = {};
		for (const url of FIGURES) answers[url] = (await api.json(url)).body.rows;
		return answers;
	} finally {
		api.close();
	}
}

export function writeBytes(dir: string, name: string, bytes: Buffer | string): string {
	const path = join(dir, name);
	writeFileSync(path, bytes);
	return path;
}
