import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitLastDays } from '../../pipelines/bench/delta-files.ts';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { storedTablesDiffer } from '../../pipelines/bench/compare-refresh.ts';
import { expectSameCustomerFiles } from '../support/customer-files.ts';
import { readRows, writeCsv } from '../support/database-rows.ts';
import { rebuiltCopy } from '../support/full-rebuild.ts';
import { tempDir } from '../support/temp-dirs.ts';

// A shop profile the refresh was not written against, loaded as nightly exports: everything before the
// last days, then those days (new orders, and returns, inspections and refunds of older ones).
const dir = tempDir('incremental-');
const data = join(dir, 'data');
const split = join(dir, 'split');

describe('incremental refresh', () => {
	const dbPath = join(dir, 'returns.duckdb');

	beforeAll(async () => {
		await generateDemoData({ lines: 30_000, seed: 8, outDir: data, profile: 'kleding' });
		await splitLastDays(data, split, 2);
	}, 120_000);

	it('brings the tables up to date after the last days’ files, equal to a full rebuild', async () => {
		const base = await ingest({ dbPath, paths: [join(split, 'base')] });
		expect(base.refreshMode).toBe('full');
		const delta = await ingest({ dbPath, paths: [join(split, 'delta')] });
		expect(delta.files.every((f) => f.status === 'loaded')).toBe(true);
		expect(delta.refreshMode).toBe('incremental');
		const full = await rebuiltCopy(dbPath);
		const differences = await storedTablesDiffer(dbPath, full);
		await expectSameCustomerFiles(dbPath, full, 'SELECT max(load_id) FROM orders');
		expect(differences).toEqual([]);
	}, 240_000);

	it('follows rows replaced by key: a cancelled return, a changed order line, refund and inspection', async () => {
		const rmas = await readRows(
			dbPath,
			`SELECT * EXCLUDE (load_id) REPLACE ('cancelled' AS status) FROM rmas WHERE status = 'refunded'
			 ORDER BY rma_id, line_id LIMIT 25`
		);
		const orders = await readRows(
			dbPath,
			`SELECT * EXCLUDE (load_id) REPLACE (quantity + 1 AS quantity) FROM orders ORDER BY line_id LIMIT 40`
		);
		const refunds = await readRows(
			dbPath,
			`SELECT * EXCLUDE (load_id) REPLACE (amount + 1 AS amount) FROM refunds ORDER BY refund_id LIMIT 15`
		);
		const inspections = await readRows(
			dbPath,
			`SELECT * EXCLUDE (load_id) REPLACE ('damaged' AS condition, 'dispose' AS disposition)
			 FROM inspections ORDER BY inspection_id LIMIT 15`
		);
		const changes = join(dir, 'changes');
		mkdirSync(changes, { recursive: true });
		for (const [name, rows] of Object.entries({ rmas, orders, refunds, inspections })) {
			expect(rows.length).toBeGreaterThan(0);
			writeCsv(join(changes, `${name}.csv`), rows);
		}
		const summary = await ingest({ dbPath, paths: [changes] });
		expect(summary.files.map((f) => [f.status, f.rejected])).toEqual(summary.files.map(() => ['loaded', 0]));
		expect(summary.refreshMode).toBe('incremental');
		const full = await rebuiltCopy(dbPath);
		const differences = await storedTablesDiffer(dbPath, full);
		await expectSameCustomerFiles(dbPath, full, 'SELECT max(load_id) - 3 FROM load_history');
		expect(differences).toEqual([]);
	}, 240_000);

	it('rebuilds whole after a new reason catalogue', async () => {
		mkdirSync(join(dir, 'catalogue'), { recursive: true });
		const catalogue = join(dir, 'catalogue', 'reasons.csv');
		const codes = readFileSync(join(split, 'base', 'reasons.csv'), 'utf8').trimEnd();
		writeFileSync(catalogue, `${codes}\nLOST_PARCEL,Parcel never arrived,other\n`);
		expect((await ingest({ dbPath, paths: [catalogue] })).refreshMode).toBe('full');
	}, 240_000);
});
