import { describe, expect, it } from 'vitest';
import { statSync, truncateSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { runCli } from './cli-run.ts';
import { GOOD_ORDERS, ORDER_HEADER, csv, query, tempDir, writeText } from './fixtures.ts';

const BIG_ROWS = 600_000;

async function writeBigOrders(path: string, rows: number): Promise<void> {
	const db = await openDatabase(':memory:');
	const connection = await db.connect();
	await connection.run(
		`COPY (SELECT 'L' || i AS line_id, 'O' || (i // 2) AS order_id,
		        TIMESTAMP '2025-01-01' + INTERVAL (i % 500) DAY AS ordered_at,
		        'C' || (i % 9000) AS customer_id, 'SKU' || (i % 700) AS sku, 'P' || (i % 140) AS product_id,
		        1 + i % 3 AS quantity,
		        round(5 + (i % 9000) / 100, 2) AS unit_price
		 FROM range($rows) t(i)) TO '${path.replaceAll("'", "''")}' (HEADER, FORMAT csv)`,
		{ rows }
	);
	db.close();
}

describe('a load is atomic', () => {
	it('loads nothing of a file that turns out to be cut off, and loads the rest', async () => {
		const dir = tempDir();
		const rows = Array.from({ length: 20_000 }, (_, i) => [
			`L${i}`,
			`O${i}`,
			'2025-03-14',
			'C1',
			'S',
			'P',
			'apparel',
			1,
			'9.99',
			null
		]);
		const gz = writeText(dir, 'orders-broken.csv.gz', csv(ORDER_HEADER, rows));
		truncateSync(gz, Math.floor(statSync(gz).size * 0.6));
		writeText(dir, 'orders-good.csv', csv(ORDER_HEADER, GOOD_ORDERS));
		const dbPath = join(dir, 'db.duckdb');
		const summary = await ingest({ dbPath, paths: [dir] });
		expect(summary.errors).toEqual([{ path: gz, message: expect.stringContaining('is not a complete gzip file') }]);
		expect(summary.files.map((f) => f.path)).toEqual([join(dir, 'orders-good.csv')]);
		expect(
			await query(
				dbPath,
				`SELECT (SELECT count(*) FROM orders)::INTEGER AS orders,
				        (SELECT count(*) FROM rejects)::INTEGER AS rejects,
				        (SELECT count(*) FROM load_history)::INTEGER AS loads`
			)
		).toEqual([{ orders: 3, rejects: 0, loads: 1 }]);
	});

	it(
		'survives a process killed while writing: ' +
			'the database holds the whole file or none of it, and a rerun completes',
		async () => {
			const dir = tempDir();
			const file = join(dir, 'orders.csv');
			await writeBigOrders(file, BIG_ROWS);
			const dbPath = join(dir, 'db.duckdb');
			const killed = await runCli(['--db', dbPath, file], (child) => {
				// Rows reach the database file while the load's transaction is still open: kill right then.
				const watch = setInterval(() => {
					if (existsSync(dbPath) && statSync(dbPath).size > 4 << 20) {
						child.kill('SIGKILL');
						clearInterval(watch);
					}
				}, 5);
				child.on('close', () => clearInterval(watch));
			});
			expect(killed.signal).toBe('SIGKILL');
			const after = await query<{ orders: number; loads: number }>(
				dbPath,
				'SELECT (SELECT count(*) FROM orders)::INTEGER AS orders, ' +
					'(SELECT count(*) FROM load_history)::INTEGER AS loads'
			);
			expect([
				[0, 0],
				[BIG_ROWS, 1]
			]).toContainEqual([after[0].orders, after[0].loads]);

			const rerun = await runCli(['--db', dbPath, file]);
			expect(rerun.code).toBe(0);
			expect(
				await query(
					dbPath,
					'SELECT (SELECT count(*) FROM orders)::INTEGER AS orders, ' +
						'(SELECT count(*) FROM load_history)::INTEGER AS loads, ' +
						'(SELECT count(*) FROM line_facts)::INTEGER AS facts'
				)
			).toEqual([{ orders: BIG_ROWS, loads: 1, facts: BIG_ROWS }]);
		},
		120_000
	);
});
