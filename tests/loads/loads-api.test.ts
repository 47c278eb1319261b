import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { createApp, type ApiApp } from '../../src/lib/server/create-app.ts';
import type { FreshnessRow, LoadRow, RejectGroupRow } from '../../src/lib/features/loads/loads.ts';
import { ADMIN_HEADERS, TEST_ADMIN_TOKEN, parseCsv } from '../support/api-client.ts';

/** The Data page's API on the demo database: loads, rejects by reason with their rows, freshness. */
const demo = inject('demoDatabase');
let db: Database;
let app: ApiApp;

const json = async <T>(url: string) => {
	const response = await app.request(url, { headers: ADMIN_HEADERS });
	expect(response.status, url).toBe(200);
	return (await response.json()) as { rows: T[]; meta: { total_rows: number } };
};
const count = async (sql: string) => {
	const connection = await db.connect();
	try {
		return Number((await connection.runAndReadAll(sql)).getRows()[0][0]);
	} finally {
		connection.closeSync();
	}
};

beforeAll(async () => {
	db = await openDatabase(demo.dbPath, { readOnly: true });
	app = createApp(db, { adminToken: TEST_ADMIN_TOKEN });
});

afterAll(() => db?.close());

describe('the Data page’s API', () => {
	it('lists every load, newest first', async () => {
		const { rows, meta } = await json<LoadRow>('/api/loads?limit=1000');
		expect(meta.total_rows).toBe(await count('SELECT count(*) FROM load_history'));
		expect(rows[0].load_id).toBe(Math.max(...rows.map((r) => r.load_id)));
		expect(rows.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(r.finished_at))).toBe(true);
	});

	it('groups the rejected rows by reason, and hands each group’s rows out as CSV', async () => {
		const { rows } = await json<RejectGroupRow>('/api/loads/rejects?limit=1000');
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.reduce((sum, r) => sum + r.rows, 0)).toBe(await count('SELECT count(*) FROM rejects'));
		const [biggest] = rows;
		const query = new URLSearchParams({ entity: biggest.entity, reason: biggest.reason, format: 'csv' });
		const response = await app.request(`/api/loads/rejects/rows?${query}`, { headers: ADMIN_HEADERS });
		const [header, ...lines] = parseCsv(await response.text());
		expect(header).toEqual(['load_id', 'entity', 'file_path', 'line', 'reason', 'raw']);
		expect(lines).toHaveLength(biggest.rows);
		expect(lines.every((line) => line[4] === biggest.reason)).toBe(true);
	});

	it('tells per entity its rows, last load and newest event', async () => {
		const { rows } = await json<FreshnessRow>('/api/loads/freshness');
		expect(rows.map((r) => r.entity)).toEqual(['inspections', 'orders', 'reasons', 'refunds', 'rmas']);
		expect(rows.find((r) => r.entity === 'orders')?.rows).toBe(await count('SELECT count(*) FROM orders'));
		expect(rows.find((r) => r.entity === 'orders')?.newest_event).toMatch(/^\d{4}-/);
	});

	it('answers warnings, and refuses what it cannot take', async () => {
		await json('/api/loads/warnings');
		const bad = async (url: string, init: RequestInit = {}) =>
			(await app.request(url, { ...init, headers: { ...ADMIN_HEADERS, ...init.headers } })).status;
		expect(await bad('/api/loads?sort=raw')).toBe(400);
		expect(await bad('/api/loads/rejects/rows?sql=1')).toBe(400);
		expect(await bad('/api/loads/upload', { method: 'POST', body: new FormData() })).toBe(400);
		const form = new FormData();
		form.set('file', new File(['line_id\n'], 'orders.csv'));
		// An app without a writer (this one reads a read-only database) does not load.
		expect(await bad('/api/loads/upload', { method: 'POST', body: form })).toBe(503);
		form.set('sql', 'DROP TABLE orders');
		expect(await bad('/api/loads/upload', { method: 'POST', body: form })).toBe(400);
	});
});
