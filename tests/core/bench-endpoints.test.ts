import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { createApp } from '../../src/lib/server/create-app.ts';
import { ADMIN_HEADERS, TEST_ADMIN_TOKEN } from '../support/api-client.ts';
import { apiBenchEndpoints, benchCustomers, type BenchEndpoint } from '../../pipelines/bench/api-endpoints.ts';

/**
 * bench:api times each endpoint over HTTP and, for the heaviest, against its statements run directly
 * on DuckDB. On the demo database, the direct run of every endpoint must read what the route answers
 * for the same URL, so that the bench never times anything else than the route.
 */
const demo = inject('demoDatabase');

let db: Database;
let app: ReturnType<typeof createApp>;
let connection: DuckDBConnection;
let endpoints: BenchEndpoint[];

beforeAll(async () => {
	db = await openDatabase(demo.dbPath, { readOnly: true });
	app = createApp(db, { adminToken: TEST_ADMIN_TOKEN });
	connection = await db.connect();
	endpoints = apiBenchEndpoints(await benchCustomers(connection));
});

afterAll(() => {
	connection?.closeSync();
	db?.close();
});

/** The endpoints' names, known before the database is open (the customers only change two URLs). */
const NAMES = apiBenchEndpoints({ flagged: 'flagged', ordinary: 'ordinary' }).map((e) => e.name);

/**
 * The rows an answer lists: a list's or the summary's `rows`, a customer file's sections, the filter
 * options by dimension.
 */
function listedRows(answer: Record<string, unknown>): Record<string, unknown>[] {
	if (Array.isArray(answer.rows)) return answer.rows;
	if ('dimensions' in answer) {
		return Object.entries(answer.dimensions as Record<string, Record<string, unknown>[]>).flatMap(
			([dimension, options]) => options.map((o) => ({ dimension, ...o }))
		);
	}
	return ['flags', 'orders', 'returns', 'inspections', 'refunds'].flatMap((section) =>
		(answer[section] as Record<string, unknown>[]).map((row) => ({ section, ...row }))
	);
}

describe('bench:api times what the routes run', () => {
	it('times every endpoint of the API but health', () => {
		expect(NAMES.length).toBeGreaterThanOrEqual(22);
		expect(new Set(NAMES).size).toBe(NAMES.length);
	});

	it.each(NAMES)('%s: the direct run reads the route’s answer', async (name) => {
		const endpoint = endpoints.find((e) => e.name === name)!;
		const response = await app.request(endpoint.url, { headers: ADMIN_HEADERS });
		expect(response.status).toBe(200);
		const answer = (await response.json()) as Record<string, unknown>;
		const direct = (await endpoint.direct(connection))() as Record<string, unknown>;

		const routeRows = listedRows(answer);
		const directRows = listedRows(direct);
		expect(routeRows.length).toBeGreaterThan(0);
		expect(directRows.length).toBe(routeRows.length);
		expect(directRows.map((row) => Object.keys(row).sort())).toEqual(
			routeRows.map((row) => Object.keys(row).sort())
		);
		// And, through JSON, the same answer in full: every value and the meta.
		expect(JSON.parse(JSON.stringify(direct))).toEqual(answer);
	});
});
