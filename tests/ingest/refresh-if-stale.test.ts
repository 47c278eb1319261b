import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, refreshIfMissing } from '../../pipelines/ingest/ingest.ts';
import { openDatabase } from '../../src/lib/server/db.ts';
import { GOOD_ORDERS, ORDER_HEADER, csv, query, tempDir, writeText } from './fixtures.ts';

describe('refreshIfMissing (what npm start runs on an existing database)', () => {
	it('rebuilds analytics tables an older version did not write, and does nothing when all are there', async () => {
		const dir = tempDir();
		writeText(dir, 'orders.csv', csv(ORDER_HEADER, GOOD_ORDERS));
		const dbPath = join(dir, 'db.duckdb');
		await ingest({ dbPath, paths: [dir] });
		expect(await refreshIfMissing(dbPath)).toBeNull();

		const db = await openDatabase(dbPath);
		const connection = await db.connect();
		await connection.run('DROP TABLE rate_cells');
		await connection.run('DROP TABLE segment_customers');
		connection.closeSync();
		db.close();

		const summary = await refreshIfMissing(dbPath);
		expect(summary?.files).toEqual([]);
		expect(summary?.refreshMs).toBeDefined();
		const [cells] = await query<{ sold: number }>(dbPath, `SELECT sum(sold_units)::INTEGER AS sold FROM rate_cells WHERE level = 'all'`);
		expect(cells.sold).toBe(4);
		expect(await query(dbPath, 'SELECT count(*) FROM segment_customers')).toHaveLength(1);
	});
});
