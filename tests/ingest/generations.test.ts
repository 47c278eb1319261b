import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { analyticsStale, refreshAnalytics } from '../../pipelines/ingest/refresh.ts';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { generations, publishedGeneration } from '../../src/lib/core/db/generations.ts';
import { createApp, type ApiApp } from '../../src/lib/server/create-app.ts';
import { ADMIN_HEADERS, TEST_ADMIN_TOKEN } from '../support/api-client.ts';
import { tempDir } from './fixtures.ts';

/**
 * The analytics tables are built in generations and published at once: a reader sees one generation
 * whole, and a refresh that fails half-way leaves the one before it serving, as the demo data shows.
 */
const ANSWERS = ['/api/summary', '/api/fraud/customers?limit=20', '/api/reasons/clusters', '/api/segments'];

let db: Database;
let app: ApiApp;
let writer: DuckDBConnection;

const answers = async () =>
	Promise.all(ANSWERS.map(async (url) => (await app.request(url, { headers: ADMIN_HEADERS })).json()));
const scalar = async (connection: DuckDBConnection, sql: string) =>
	(await connection.runAndReadAll(sql)).getRowsJS()[0][0];

beforeAll(async () => {
	const dir = tempDir('returnlens-generations-');
	await generateDemoData({ lines: 3000, seed: 11, outDir: join(dir, 'data') });
	const dbPath = join(dir, 'returns.duckdb');
	const summary = await ingest({ dbPath, paths: [join(dir, 'data')] });
	expect(summary.errors).toEqual([]);
	db = await openDatabase(dbPath);
	app = createApp(db, { adminToken: TEST_ADMIN_TOKEN });
	writer = await db.connect();
});

afterAll(() => {
	writer?.closeSync();
	db?.close();
});

describe('analytics generations', () => {
	it('keeps the tables of a load in a published generation, apart from the loaded data', async () => {
		expect(await publishedGeneration(writer)).toBe('analytics_1');
		expect(
			await scalar(
				writer,
				`SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main'
			AND table_name IN ('rate_cells', 'line_facts', 'fraud_flags')`
			)
		).toBe(0n);
		expect(await scalar(writer, `SELECT count(*) FROM analytics_1.line_facts`)).toBeGreaterThan(0n);
	});

	it('publishes a refresh whole: a connection opened before it reads the generation before', async () => {
		const before = await db.connect();
		await refreshAnalytics(writer, { full: true });
		const after = await db.connect();
		try {
			expect(await publishedGeneration(after)).toBe('analytics_2');
			expect(await scalar(before, `SELECT current_schema()`)).toBe('analytics_1');
			expect(await scalar(after, `SELECT current_schema()`)).toBe('analytics_2');
			expect(await scalar(before, 'SELECT count(*) FROM fraud_customers')).toBe(
				await scalar(after, 'SELECT count(*) FROM fraud_customers')
			);
		} finally {
			before.closeSync();
			after.closeSync();
		}
		// The generation before the published one stays for requests still on it; older ones go.
		await refreshAnalytics(writer, { full: true });
		expect(await generations(writer)).toEqual(['analytics_2', 'analytics_3']);
	});

	it('leaves the previous generation serving when a refresh fails half-way', async () => {
		const served = await answers();
		const published = await publishedGeneration(writer);
		// The comment themes build first; the derived tables then need the refunds, which are gone.
		await writer.run('ALTER TABLE main.refunds RENAME TO refunds_away');
		try {
			await expect(refreshAnalytics(writer, { full: true })).rejects.toThrow(/refunds/);
			const half = (await generations(writer)).at(-1)!;
			expect(half).not.toBe(published);
			expect(
				await scalar(writer, `SELECT count(*) FROM duckdb_tables() WHERE schema_name = '${half}'`)
			).toBeGreaterThan(0n);
			expect(await publishedGeneration(writer)).toBe(published);
			expect(await answers()).toEqual(served);
			expect(await analyticsStale(writer)).toBe(false);
		} finally {
			await writer.run('ALTER TABLE main.refunds_away RENAME TO refunds');
		}
		await refreshAnalytics(writer, { full: true });
		expect(await answers()).toEqual(served);
	});

	it('drops the analytics tables a database from before generations kept beside the data', async () => {
		await writer.run('CREATE TABLE main.rate_cells AS SELECT 1 AS legacy');
		await refreshAnalytics(writer, { full: true });
		expect(
			await scalar(
				writer,
				`SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main'
			AND table_name = 'rate_cells'`
			)
		).toBe(0n);
	});
});
