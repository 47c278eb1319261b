import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, readOnlyServingFromEnv, type Database } from '../../src/lib/core/db/db.ts';
import { serverFilePath } from '../../src/lib/core/db/server-file.ts';
import { createApiHandler, type ApiHandler } from '../../src/lib/server/app-instance.ts';
import { ADMIN_HEADERS, TEST_ADMIN_TOKEN } from '../support/api-client.ts';

/**
 * A server started with RETURNS_READ_ONLY=1 serves the demo database beside another reader of the same
 * file (as bench:api reads it for its bare SQL), and changes nothing: what would write answers 503.
 */
const demo = inject('demoDatabase');
let reader: Database;
let handler: ApiHandler;

const request = (url: string, init: RequestInit = {}) =>
	handler(new Request(`http://localhost${url}`, { ...init, headers: { ...ADMIN_HEADERS, ...init.headers } }));

beforeAll(async () => {
	reader = await openDatabase(demo.dbPath, { readOnly: true });
	handler = createApiHandler(demo.dbPath, 1, { adminToken: TEST_ADMIN_TOKEN }, { readOnly: true });
});

afterAll(() => reader?.close());

describe('a read-only server', () => {
	it('answers beside another reader of the file, and leaves no note for loads to find it by', async () => {
		expect((await request('/api/summary')).status).toBe(200);
		const connection = await reader.connect();
		try {
			expect((await connection.runAndReadAll('SELECT count(*) FROM orders')).getRows()[0][0]).toBeGreaterThan(0n);
		} finally {
			connection.closeSync();
		}
		expect(existsSync(serverFilePath(demo.dbPath))).toBe(false);
	});

	it('writes nothing: a load, an erasure and an alert status answer 503', async () => {
		const json = { 'content-type': 'application/json' };
		const load = await request('/api/loads', { method: 'POST', headers: json, body: '{"paths":["/tmp/x.csv"]}' });
		expect(load.status).toBe(503);
		const forget = await request('/api/forget', { method: 'POST', headers: json, body: '{"customer_id":"C1"}' });
		expect(forget.status).toBe(503);
		const ack = await request('/api/alerts/0123456789abcdef/acknowledge', {
			method: 'POST',
			headers: json,
			body: '{}'
		});
		expect(ack.status).toBe(503);
	});

	it('is asked for with RETURNS_READ_ONLY=1, and refuses another value', () => {
		expect(readOnlyServingFromEnv({})).toBe(false);
		expect(readOnlyServingFromEnv({ RETURNS_READ_ONLY: '1' })).toBe(true);
		expect(() => readOnlyServingFromEnv({ RETURNS_READ_ONLY: 'yes' })).toThrow(/must be 1 or 0, not "yes"/);
	});
});
