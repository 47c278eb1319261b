import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/lib/core/api/api-error.ts';
import type { HealthReport } from '../../src/lib/features/health/health-report.ts';
import { createApp, type ApiApp } from '../../src/lib/server/create-app.ts';
import { createApiHandler } from '../../src/lib/server/app-instance.ts';
import { openDatabase, serverThreadsFromEnv, type Database } from '../../src/lib/core/db/db.ts';
import { ADMIN_HEADERS, TEST_ADMIN_TOKEN } from '../support/api-client.ts';
import { createEmptyDatabase, createSmallDatabase, SMALL_DATABASE } from '../support/test-databases.ts';

let dir: string;
let dbPath: string;
let db: Database;
let app: ApiApp;
const AUTH = { adminToken: TEST_ADMIN_TOKEN };

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'returnlens-health-'));
	dbPath = join(dir, 'returns.duckdb');
	await createSmallDatabase(dbPath);
	db = await openDatabase(dbPath, { readOnly: true });
	app = createApp(db, AUTH);
});

afterAll(async () => {
	db?.close();
	await rm(dir, { recursive: true, force: true });
});

describe('GET /api/health', () => {
	it('counts the rows of every table, the rejects and the warnings, and tells the last load', async () => {
		const response = await app.request('/api/health', { headers: ADMIN_HEADERS });
		expect(response.status).toBe(200);
		const report: HealthReport = await response.json();
		// The file's name only: the answer tells nothing of where it lies on the server.
		expect(report).toEqual({
			status: 'ok',
			...SMALL_DATABASE,
			database: basename(dbPath),
			// Rows written straight into the tables: no refresh has built analytics from them.
			analytics: { generation: null, builtFromLoad: null, latestLoad: 5, publishedAt: null, fresh: false }
		});
	});

	it('tells anyone that it is up, and nothing more', async () => {
		const response = await app.request('/api/health');
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
	});

	it('reports an empty database as zeros and no load', async () => {
		const emptyPath = join(dir, 'empty.duckdb');
		await createEmptyDatabase(emptyPath);
		const emptyDb = await openDatabase(emptyPath, { readOnly: true });
		try {
			const report: HealthReport = await (
				await createApp(emptyDb, AUTH).request('/api/health', { headers: ADMIN_HEADERS })
			).json();
			expect(report.tables).toEqual({ orders: 0, rmas: 0, reasons: 0, inspections: 0, refunds: 0 });
			expect(report).toMatchObject({ rejects: 0, warnings: 0, lastLoad: null });
		} finally {
			emptyDb.close();
		}
	});

	it('answers an unknown query parameter with 400 naming it', async () => {
		const response = await app.request('/api/health?bogus=1', { headers: ADMIN_HEADERS });
		expect(response.status).toBe(400);
		const body: ApiError = await response.json();
		expect(body.error).toContain('bogus');
	});
});

describe('the API app', () => {
	it('answers an unknown route with a JSON 404', async () => {
		const response = await app.request('/api/no-such-thing', { headers: ADMIN_HEADERS });
		expect(response.status).toBe(404);
		expect(response.headers.get('content-type')).toContain('application/json');
		const body: ApiError = await response.json();
		expect(body.error).toContain('/api/no-such-thing');
	});

	it('answers 503 with the reason while the database file does not exist, and serves it once it does', async () => {
		const laterPath = join(dir, 'later.duckdb');
		const handle = createApiHandler(laterPath, 1, AUTH);
		const health = () => handle(new Request('http://localhost/api/health', { headers: ADMIN_HEADERS }));

		const before = await health();
		expect(before.status).toBe(503);
		// Without credentials, the other routes say only that: not why, nor where the file is.
		const anonymous = await handle(new Request('http://localhost/api/summary'));
		expect(anonymous.status).toBe(401);
		expect(JSON.stringify(await anonymous.json())).not.toContain(laterPath);
		const body: ApiError = await before.json();
		expect(body.error).toContain(`No database ${basename(laterPath)} yet`);
		expect(body.error).not.toContain(dir);

		await createSmallDatabase(laterPath);
		const after = await health();
		expect(after.status).toBe(200);
		const report: HealthReport = await after.json();
		expect(report.tables).toEqual(SMALL_DATABASE.tables);
	});
});

describe('the server’s DuckDB threads', () => {
	it('are one unless RETURNS_DB_THREADS names a whole number, and a wrong value says so', async () => {
		expect(serverThreadsFromEnv({})).toBe(1);
		expect(serverThreadsFromEnv({ RETURNS_DB_THREADS: '2' })).toBe(2);
		for (const wrong of ['0', 'two', '1.5', '-1']) {
			expect(() => serverThreadsFromEnv({ RETURNS_DB_THREADS: wrong })).toThrow(
				`RETURNS_DB_THREADS must be a whole number of threads, at least 1, not "${wrong}"`
			);
		}
		const server = await openDatabase(dbPath, { readOnly: true, threads: serverThreadsFromEnv({}) });
		const connection = await server.connect();
		try {
			expect((await connection.runAndReadAll(`SELECT current_setting('threads')`)).getRows()[0][0]).toBe(1n);
		} finally {
			connection.closeSync();
			server.close();
		}
	});
});
