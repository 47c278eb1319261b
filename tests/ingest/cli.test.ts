import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from './cli-run.ts';
import { GOOD_ORDERS, ORDER_HEADER, csv, tempDir, writeText } from './fixtures.ts';

// Each case starts the CLI in a process of its own (TypeScript loader included): slow on a busy machine.
describe('ingest CLI', { timeout: 60_000 }, () => {
	it('prints the load summary as a table, or JSON with --json', async () => {
		const dir = tempDir();
		writeText(
			dir,
			'orders.csv',
			csv(ORDER_HEADER, [...GOOD_ORDERS, ['L9', 'O9', 'never', 'C9', 'X', 'X', null, 1, '1', null]])
		);
		const db = join(dir, 'db.duckdb');
		const table = await runCli(['--db', db, dir]);
		expect(table.code).toBe(0);
		expect(table.stdout).toMatch(
			/file\s+entity\s+status\s+read\s+loaded\s+rejected\s+orphans\s+warnings\s+seconds/
		);
		expect(table.stdout).toMatch(/orders\.csv\s+orders\s+loaded\s+4\s+3\s+1\s+0\s+0/);

		const json = await runCli(['--db', db, '--json', dir]);
		expect(json.code).toBe(0);
		expect(JSON.parse(json.stdout).files).toMatchObject([{ entity: 'orders', status: 'unchanged' }]);
	});

	it('takes the entity from --entity when the file name does not tell', async () => {
		const dir = tempDir();
		const file = writeText(dir, 'export-2025-03.csv', csv(ORDER_HEADER, GOOD_ORDERS));
		const db = join(dir, 'db.duckdb');
		const unnamed = await runCli(['--db', db, file]);
		expect(unnamed.code).not.toBe(0);
		expect(unnamed.stderr).toContain('cannot tell the entity from the file name');
		const named = await runCli(['--db', db, '--entity', 'orders', file]);
		expect(named.code).toBe(0);
		expect(named.stdout).toMatch(/export-2025-03\.csv\s+orders\s+loaded\s+3\s+3/);
	});

	it('exits non-zero naming a file that cannot be read, and still loads the others', async () => {
		const dir = tempDir();
		writeText(dir, 'orders.csv', csv(ORDER_HEADER, GOOD_ORDERS));
		writeText(dir, 'rmas.parquet', 'this is not parquet');
		const result = await runCli(['--db', join(dir, 'db.duckdb'), dir]);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/orders\.csv\s+orders\s+loaded\s+3\s+3/);
		expect(result.stdout).toMatch(/error: .*rmas\.parquet: cannot be read as parquet/);
	});

	it('explains a missing path and a bad --entity', async () => {
		const missing = await runCli(['--db', join(tempDir(), 'db.duckdb'), '/nonexistent/orders.csv']);
		expect(missing.code).not.toBe(0);
		expect(missing.stderr).toContain('/nonexistent/orders.csv: no such file or folder');
		const badEntity = await runCli(['--entity', 'customers', 'x.csv']);
		expect(badEntity.code).toBe(2);
		expect(badEntity.stderr).toContain(
			'--entity customers is not one of orders, rmas, reasons, inspections, refunds'
		);
	});
});
