import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { runCli } from './cli-run.ts';
import { GOOD_ORDERS, ORDER_HEADER, csv, query, tempDir, writeText } from './fixtures.ts';
import { writeBytes } from './reshape.ts';

const UCI_SAMPLE = new URL('../fixtures/uci-online-retail/online-retail-sample.csv', import.meta.url).pathname;

// Each case starts the CLI in a process of its own (TypeScript loader included): slow on a busy machine.
describe('ingest CLI: checks and errors a person can act on', { timeout: 90_000 }, () => {
	it('--check reads with a preset and loads nothing, grouping the rejects with examples', async () => {
		const db = join(tempDir(), 'db.duckdb');
		const result = await runCli(['--db', db, '--check', '--preset', 'ledger', UCI_SAMPLE]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/online-retail-sample\.csv\s+ledger\s+checked\s+2,581\s+2,474\s+107/);
		expect(result.stdout).toContain('read as utf-8, comma-separated, decimal point, ISO 8601 dates');
		expect(result.stdout).toMatch(/: 107 rejected: missing customer_id\n {4}line 2: \{"InvoiceNo":"548516"/);
		expect(result.stdout).toMatch(
			/order lines; 419 returns of 4,797 units: \d+ matched into \d+ refunded RMA lines/
		);
		expect(result.stdout).toMatch(/checked against .*db\.duckdb in .*; nothing loaded/);
		expect(existsSync(db)).toBe(false);
	});

	it('says plainly what is wrong with an empty file and a record over the line-size limit', async () => {
		const dir = tempDir();
		writeText(dir, 'orders.csv', csv(ORDER_HEADER, GOOD_ORDERS));
		writeText(dir, 'rmas.csv', '');
		writeText(
			dir,
			'refunds.csv',
			`refund_id,order_id,issued_at,amount,method,notes\nF1,O1,2025-03-20,5,cash,"${'x'.repeat(2_100_000)}\n`
		);
		const result = await runCli(['--db', join(dir, 'db.duckdb'), dir]);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/orders\.csv\s+orders\s+loaded\s+3\s+3/);
		expect(result.stdout).toContain(
			'rmas.csv: is empty: there is nothing in it to load. Export it again, or leave it out'
		);
		expect(result.stdout).toMatch(
			/refunds\.csv: cannot be read as CSV: one of its lines is longer than the 2,000,000 bytes DuckDB reads as one record, which is usually a quote opened and never closed\. Check the quotes in the file, then load it again; nothing was loaded from it/
		);
		expect(await query(join(dir, 'db.duckdb'), 'SELECT count(*)::INTEGER AS n FROM refunds')).toEqual([{ n: 0 }]);
	});

	it('loads a Latin-1 file whole (not a part of it with exit 0)', async () => {
		const dir = tempDir();
		const rows = Array.from({ length: 200 }, (_, i) => [
			`L${i}`,
			'O1',
			'2025-03-14',
			'C1',
			'SKU',
			'P',
			i % 4 === 0 ? 'Mütze' : 'Hat',
			1,
			'1.00',
			null
		]);
		writeBytes(
			dir,
			'orders.csv',
			Buffer.from(csv(ORDER_HEADER.slice(0, 6).concat('product_name', ...ORDER_HEADER.slice(7)), rows), 'latin1')
		);
		const result = await runCli(['--db', join(dir, 'db.duckdb'), dir]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/orders\.csv\s+orders\s+loaded\s+200\s+200\s+0/);
		expect(result.stdout).toContain('read as windows-1252');
		expect(
			await query(
				join(dir, 'db.duckdb'),
				`SELECT count(*)::INTEGER AS n FROM orders WHERE product_name = 'Mütze'`
			)
		).toEqual([{ n: 50 }]);
	});

	it('says which process holds the database, with exit code 3', async () => {
		const dir = tempDir();
		const dbPath = join(dir, 'db.duckdb');
		writeText(dir, 'orders.csv', csv(ORDER_HEADER, GOOD_ORDERS));
		const holder = await DuckDBInstance.create(dbPath);
		try {
			const result = await runCli(['--db', dbPath, join(dir, 'orders.csv')]);
			expect(result.code).toBe(3);
			expect(result.stderr).toContain(
				`error: the database ${dbPath} is in use by another process (PID ${process.pid}), which holds it for ` +
					'writing: stop it (the server, or another load) or wait for it to finish, ' +
					'then run the command again'
			);
		} finally {
			holder.closeSync();
		}
	});

	it('loads nothing and refreshes nothing for a file with a header and no rows', async () => {
		const dir = tempDir();
		const dbPath = join(dir, 'db.duckdb');
		await ingest({ dbPath, paths: [writeText(dir, 'orders.csv', csv(ORDER_HEADER, GOOD_ORDERS))] });
		const summary = await ingest({ dbPath, paths: [writeText(dir, 'orders-empty.csv', csv(ORDER_HEADER, []))] });
		expect(summary.files).toMatchObject([{ status: 'empty', read: 0, loaded: 0 }]);
		expect(summary.refreshMs).toBeUndefined();
		expect(await query(dbPath, 'SELECT count(*)::INTEGER AS n FROM load_history')).toEqual([{ n: 1 }]);
	});
});
