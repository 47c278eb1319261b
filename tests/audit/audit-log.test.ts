import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { AuditLog, type AuditEntry } from '../../src/lib/core/audit/audit-log.ts';
import { AuthStore } from '../../src/lib/core/auth/auth-store.ts';
import type { Role } from '../../src/lib/core/auth/roles.ts';
import { newToken, tokenHash } from '../../src/lib/core/auth/tokens.ts';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { createApp, type ApiApp } from '../../src/lib/server/create-app.ts';
import { ADMIN_HEADERS, TEST_ADMIN_TOKEN, parseCsv } from '../support/api-client.ts';

/**
 * The audit log over the real app and the demo database: every answer about single customers is one
 * entry (who, when, what, how many rows), nothing else is, and admins read it at /api/audit.
 */
const demo = inject('demoDatabase');

let dir: string;
let db: Database;
let app: ApiApp;
let log: AuditLog;
const tokens = {} as Record<Role, string>;
let segment: string;
let customer: string;

const as = (role: Role) => ({ headers: { authorization: `Bearer ${tokens[role]}` } });
const entries = () => log.entries();

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'returnlens-audit-'));
	const store = new AuthStore(join(dir, 'auth.json'));
	for (const role of ['marketing', 'returns', 'product'] as const) {
		tokens[role] = newToken();
		store.addToken(`${role}-person`, role, tokenHash(tokens[role]));
	}
	log = new AuditLog(join(dir, 'audit.jsonl'));
	db = await openDatabase(demo.dbPath, { readOnly: true });
	app = createApp(db, { adminToken: TEST_ADMIN_TOKEN, store, audit: log });
	const first = async (url: string, key: string) =>
		String(
			((await (await app.request(url, as('returns'))).json()) as { rows: Record<string, unknown>[] }).rows[0][key]
		);
	segment = encodeURIComponent(
		String(
			((await (await app.request('/api/segments', as('marketing'))).json()) as { rows: { id: string }[] }).rows[0]
				.id
		)
	);
	customer = await first('/api/fraud/customers?limit=1', 'customer_id');
});

afterAll(async () => {
	db?.close();
	await rm(dir, { recursive: true, force: true });
});

let before: number;
beforeEach(() => {
	before = entries().length;
});
const added = (): AuditEntry[] => entries().slice(before);

describe('what is recorded', () => {
	it('records a page of customer-level JSON as a view with its rows', async () => {
		const response = await app.request('/api/fraud/customers?limit=7&sort=returns', as('returns'));
		expect(response.status).toBe(200);
		const [entry, ...more] = added();
		expect(more).toEqual([]);
		expect(entry).toMatchObject({
			user: 'returns-person',
			role: 'returns',
			action: 'view',
			what: '/api/fraud/customers?limit=7&sort=returns',
			format: 'json',
			rows: 7,
			complete: true
		});
		expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
	});

	it('records a segment CSV export with the rows it held', async () => {
		const response = await app.request(`/api/segments/${segment}/customers?format=csv`, as('marketing'));
		const csv = parseCsv(await response.text());
		expect(csv.length).toBeGreaterThan(1);
		expect(added()).toEqual([
			expect.objectContaining({
				user: 'marketing-person',
				action: 'export',
				format: 'csv',
				what: `/api/segments/${segment}/customers?format=csv`,
				rows: csv.length - 1,
				complete: true
			})
		]);
	});

	it('records an Arrow export of the fraud list with its rows', async () => {
		const response = await app.request('/api/fraud/customers?format=arrow', as('returns'));
		const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
		expect(table.numRows).toBeGreaterThan(0);
		expect(added()).toEqual([
			expect.objectContaining({ action: 'export', format: 'arrow', rows: table.numRows, complete: true })
		]);
	});

	it('records an export the client stopped reading as incomplete', async () => {
		const response = await app.request('/api/fraud/customers?format=csv', as('returns'));
		await response.body!.cancel();
		const [entry] = added();
		expect(entry).toMatchObject({ action: 'export', format: 'csv', complete: false });
	});

	it("records a customer's file as one row", async () => {
		const response = await app.request(`/api/fraud/customers/${encodeURIComponent(customer)}`, as('returns'));
		expect(response.status).toBe(200);
		expect(added()).toEqual([expect.objectContaining({ action: 'view', rows: 1, user: 'returns-person' })]);
	});

	it('records the customers of the mismatch table, not its products', async () => {
		await app.request('/api/reasons/mismatch?by=product&limit=3', as('marketing'));
		expect(added()).toEqual([]);
		await app.request('/api/reasons/mismatch?by=customer&limit=3', as('marketing'));
		expect(added()).toEqual([
			expect.objectContaining({ rows: 3, what: '/api/reasons/mismatch?by=customer&limit=3' })
		]);
	});

	it('records nothing for aggregates, refusals and invalid requests', async () => {
		expect((await app.request('/api/return-rates?by=product', as('product'))).status).toBe(200);
		expect((await app.request('/api/fraud/customers', as('product'))).status).toBe(403);
		expect((await app.request('/api/fraud/customers')).status).toBe(401);
		expect((await app.request('/api/fraud/customers?sort=nonsense', as('returns'))).status).toBe(400);
		expect((await app.request('/api/fraud/customers/no-such-customer', as('returns'))).status).toBe(404);
		expect(added()).toEqual([]);
	});
});

describe('the file', () => {
	it('keeps entries from several writers and skips a torn last line', () => {
		const file = new AuditLog(join(dir, 'torn.jsonl'));
		const entry: AuditEntry = {
			at: '2026-12-01T10:00:00.000Z',
			user: 'someone',
			role: 'admin',
			action: 'forget',
			what: 'forget customer sha256 00',
			format: null,
			rows: 3,
			complete: true
		};
		file.record(entry);
		new AuditLog(file.path).record({ ...entry, user: 'another' });
		appendFileSync(file.path, '{"at":"2026-12-01T10:00:01.000Z","user":"cut off');
		expect(file.entries().map((e) => e.user)).toEqual(['someone', 'another']);
		expect(() => file.record({ ...entry, action: 'drop' as AuditEntry['action'] })).toThrow();
	});
});

describe('GET /api/audit', () => {
	it('lists the entries newest first, to admins only', async () => {
		await app.request('/api/fraud/customers?limit=2', as('returns'));
		const response = await app.request('/api/audit?limit=2', { headers: ADMIN_HEADERS });
		expect(response.status).toBe(200);
		const body = (await response.json()) as { rows: AuditEntry[]; meta: Record<string, unknown> };
		expect(body.rows[0]).toMatchObject({ what: '/api/fraud/customers?limit=2', rows: 2 });
		expect(body.rows[0].at >= body.rows[1].at).toBe(true);
		expect(body.meta).toMatchObject({ recording: true, total_rows: entries().length, row_count: 2, limit: 2 });
		for (const role of ['returns', 'marketing', 'product'] as const)
			expect((await app.request('/api/audit', as(role))).status).toBe(403);
		expect((await app.request('/api/audit')).status).toBe(401);
	});

	it('filters by user, action and day', async () => {
		const read = async (query: string) =>
			(
				(await (await app.request(`/api/audit?${query}`, { headers: ADMIN_HEADERS })).json()) as {
					rows: AuditEntry[];
				}
			).rows;
		const mine = await read('user=marketing-person&limit=10000');
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((e) => e.user === 'marketing-person')).toBe(true);
		const exports = await read('action=export&limit=10000');
		expect(exports.length).toBe(entries().filter((e) => e.action === 'export').length);
		const today = new Date().toISOString().slice(0, 10);
		expect((await read(`from=${today}&to=${today}&limit=10000`)).length).toBe(entries().length);
		expect(await read('to=2000-01-01')).toEqual([]);
	});

	it('exports CSV and answers 400 to a bad query', async () => {
		const response = await app.request('/api/audit?format=csv&limit=10000', { headers: ADMIN_HEADERS });
		expect(response.headers.get('content-type')).toContain('text/csv');
		const [header, ...rows] = parseCsv(await response.text());
		expect(header).toEqual(['at', 'user', 'role', 'action', 'what', 'format', 'rows', 'complete']);
		expect(rows.length).toBe(entries().length);
		for (const query of ['action=delete', 'from=2026-13-01', 'limit=0', 'sql=1'])
			expect((await app.request(`/api/audit?${query}`, { headers: ADMIN_HEADERS })).status).toBe(400);
	});
});
