import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { storedTablesDiffer } from '../../pipelines/bench/compare-refresh.ts';
import { splitLastDays } from '../../pipelines/bench/delta-files.ts';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { VACUUM_EVERY } from '../../pipelines/ingest/refresh.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { expectSameCustomerFiles } from '../support/customer-files.ts';
import { readRows, writeCsv } from '../support/database-rows.ts';
import { rebuiltCopy } from '../support/full-rebuild.ts';
import { tempDir } from '../support/temp-dirs.ts';

// DuckDB merges row groups that deletes have partly emptied at a checkpoint (its vacuum). Only a full
// rebuild and every VACUUM_EVERY-th incremental refresh (once it has published) let it: a table beside
// the analytics, three row groups each half deleted (what deltas leave at the end of a table, writ
// large), shows whether a checkpoint merged.
const dir = tempDir('vacuum-');
const data = join(dir, 'data');
const split = join(dir, 'split');
const dbPath = join(dir, 'returns.duckdb');

/** Statements run as any other process would, closing the database (a checkpoint) after. */
async function run(sql: string[]): Promise<void> {
	const db = await openDatabase(dbPath);
	const connection = await db.connect();
	try {
		for (const statement of sql) await connection.run(statement);
	} finally {
		connection.closeSync();
		db.close();
	}
}

/** A number a query reads (as `n`) from the closed database. */
const readNumber = async (sql: string) => Number((await readRows(dbPath, sql))[0]!.n);

const probeRowGroups = () =>
	readNumber(`SELECT count(DISTINCT row_group_id) AS n FROM pragma_storage_info('main.vacuum_probe')`);
/** The rows `orders` holds, deleted ones included: a compaction that drops some leaves fewer. */
const orderRows = () =>
	readNumber(`SELECT sum(count) AS n FROM pragma_storage_info('main.orders') WHERE column_path = '[0]'`);
const deferredVacuums = () => readNumber('SELECT deferred_vacuums AS n FROM main.analytics_state');

/**
 * A load that changes a few order lines by key, and so reaches their orders' derived rows. Returns the
 * refresh's milliseconds by step.
 */
async function changeOrderLines(name: string, lines: number): Promise<Record<string, number>> {
	const rows = await readRows(
		dbPath,
		`SELECT * EXCLUDE (load_id) REPLACE (quantity + 1 AS quantity) FROM orders ORDER BY line_id LIMIT ${lines}`
	);
	mkdirSync(join(dir, name), { recursive: true });
	writeCsv(join(dir, name, 'orders.csv'), rows);
	const summary = await ingest({ dbPath, paths: [join(dir, name)] });
	expect(summary.refreshMode).toBe('incremental');
	return summary.refreshMs ?? {};
}

describe('DuckDB’s vacuum in incremental refreshes', () => {
	beforeAll(async () => {
		await generateDemoData({ lines: 8_000, seed: 12, outDir: data, profile: 'modehaus' });
		await splitLastDays(data, split, 2);
		expect((await ingest({ dbPath, paths: [join(split, 'base')] })).refreshMode).toBe('full');
		await run([
			'CREATE TABLE main.vacuum_probe AS SELECT range AS i FROM range(100000)',
			'CHECKPOINT',
			'INSERT INTO main.vacuum_probe SELECT range FROM range(100000, 200000)',
			'CHECKPOINT',
			'INSERT INTO main.vacuum_probe SELECT range FROM range(200000, 300000)',
			'CHECKPOINT',
			'DELETE FROM main.vacuum_probe WHERE i % 2 = 0',
			'CHECKPOINT'
		]);
	}, 180_000);

	it('starts the count at a full rebuild, and merges nothing in a checkpoint of another process', async () => {
		expect(await probeRowGroups()).toBe(3);
		expect(await deferredVacuums()).toBe(0);
	});

	it('holds the merges off in an incremental refresh, and when the database closes', async () => {
		expect((await ingest({ dbPath, paths: [join(split, 'delta')] })).refreshMode).toBe('incremental');
		expect(await deferredVacuums()).toBe(1);
		expect(await probeRowGroups()).toBe(3);
	}, 120_000);

	it('lets DuckDB merge after every VACUUM_EVERY-th has published, equal to a full rebuild', async () => {
		await run([`UPDATE main.analytics_state SET deferred_vacuums = ${VACUUM_EVERY - 2}`]);
		const held = await changeOrderLines('changes-1', 20);
		expect(held).not.toHaveProperty('compaction');
		expect(held).not.toHaveProperty('compaction row ids');
		expect(await deferredVacuums()).toBe(VACUUM_EVERY - 1);
		expect(await probeRowGroups()).toBe(3);
		// Half the lines the sixth replaced, whose rows it appended in a row group of their own: the
		// compaction drops their replaced rows from that group, which moves the row ids after them.
		const rowsBefore = await orderRows();
		const compacting = await changeOrderLines('changes-2', 10);
		expect(compacting).toHaveProperty('compaction');
		expect(compacting).toHaveProperty('compaction row ids');
		expect(await deferredVacuums()).toBe(0);
		expect(await orderRows()).toBeLessThan(rowsBefore + 10);
		expect(await probeRowGroups()).toBeLessThan(3);
		const full = await rebuiltCopy(dbPath);
		expect(await storedTablesDiffer(dbPath, full)).toEqual([]);
		await expectSameCustomerFiles(dbPath, full, 'SELECT max(load_id) - 1 FROM load_history');
	}, 240_000);
});
