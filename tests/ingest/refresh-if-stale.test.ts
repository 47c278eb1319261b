import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, refreshIfStale } from '../../pipelines/ingest/ingest.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { GOOD_ORDERS, ORDER_HEADER, csv, query, tempDir, writeText } from './fixtures.ts';

async function run(dbPath: string, ...statements: string[]): Promise<void> {
	const db = await openDatabase(dbPath);
	const connection = await db.connect();
	for (const sql of statements) await connection.run(sql);
	connection.closeSync();
	db.close();
}

async function loaded(): Promise<string> {
	const dir = tempDir();
	writeText(dir, 'orders.csv', csv(ORDER_HEADER, GOOD_ORDERS));
	const dbPath = join(dir, 'db.duckdb');
	await ingest({ dbPath, paths: [dir] });
	return dbPath;
}

describe('refreshIfStale (what npm start runs on an existing database)', () => {
	it('does nothing when the analytics tables were built from the latest load', async () => {
		expect(await refreshIfStale(await loaded())).toBeNull();
	});

	it('rebuilds analytics tables an older version did not write, loading nothing', async () => {
		const dbPath = await loaded();
		await run(dbPath, 'DROP TABLE rate_cells', 'DROP TABLE segment_customers');
		const summary = await refreshIfStale(dbPath);
		expect(summary?.files).toEqual([]);
		expect(summary?.refreshMs).toBeDefined();
		const [cells] = await query<{ sold: number }>(
			dbPath,
			`SELECT sum(sold_units)::INTEGER AS sold FROM rate_cells WHERE level = 'all'`
		);
		expect(cells.sold).toBe(4);
		expect(await query(dbPath, 'SELECT count(*) FROM segment_customers')).toHaveLength(1);
	});

	it('rebuilds after a refresh that was cut off before it finished, and ingest does too', async () => {
		const dbPath = await loaded();
		await run(dbPath, 'DROP TABLE analytics_state');
		expect(await refreshIfStale(dbPath)).not.toBeNull();
		expect(await refreshIfStale(dbPath)).toBeNull();
		await run(dbPath, 'UPDATE analytics_state SET load_id = load_id - 1');
		expect((await ingest({ dbPath, paths: [] })).refreshMs).toBeDefined();
		expect(await refreshIfStale(dbPath)).toBeNull();
	});

	it(
		'rebuilds tables that another version of the analytics built, ' + 'and those of a version that did not say',
		async () => {
			const dbPath = await loaded();
			await run(dbPath, `UPDATE analytics_state SET version = 'an older one'`);
			expect(await refreshIfStale(dbPath)).not.toBeNull();
			expect(await refreshIfStale(dbPath)).toBeNull();
			await run(dbPath, 'ALTER TABLE analytics_state DROP COLUMN version');
			expect(await refreshIfStale(dbPath)).not.toBeNull();
			expect(await refreshIfStale(dbPath)).toBeNull();
		}
	);
});
