import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { storedTablesDiffer } from '../../pipelines/bench/compare-refresh.ts';
import { nightFolders, splitLastDays } from '../../pipelines/bench/delta-files.ts';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { VACUUM_EVERY } from '../../pipelines/ingest/refresh.ts';
import { expectSameCustomerFiles } from '../support/customer-files.ts';
import { rebuiltCopy } from '../support/full-rebuild.ts';
import { tempDir } from '../support/temp-dirs.ts';

// A shop's week as `bench:ingest -- --delta --nights 7` loads it: the history, then each of the last
// seven days' exports in order, the seventh refresh compacting once it has published (VACUUM_EVERY).
// The shop is sportif, whose category names hold an apostrophe and '&'.
const dir = tempDir('week-');
const data = join(dir, 'data');
const week = join(dir, 'week');
const whole = join(dir, 'whole');
const dbPath = join(dir, 'returns.duckdb');
const NIGHTS = nightFolders(VACUUM_EVERY);
/** Each file a delta holds, and the column that says when its row happened. */
const FILES = { orders: 'ordered_at', rmas: 'created_at', inspections: 'inspected_at', refunds: 'issued_at' };

/** The day each row of one of a split's CSV files happened on. */
async function daysOf(folder: string, file: keyof typeof FILES): Promise<string[]> {
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	try {
		const reader = await connection.runAndReadAll(
			`SELECT strftime(CAST(${FILES[file]} AS TIMESTAMP), '%Y-%m-%d') FROM read_csv($path, all_varchar = true)`,
			{ path: join(folder, `${file}.csv`) }
		);
		return reader.getRowsJS().map(([day]) => String(day));
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}

describe('a week of nightly loads', () => {
	let firstDay: string;

	beforeAll(async () => {
		await generateDemoData({ lines: 30_000, seed: 19, outDir: data, profile: 'sportif' });
		firstDay = await splitLastDays(data, week, 1, { nights: NIGHTS.length });
		expect(await splitLastDays(data, whole, NIGHTS.length)).toBe(firstDay);
	}, 120_000);

	it('splits the last days into one delta a day, in order, holding what one delta of them holds', async () => {
		for (const file of Object.keys(FILES) as (keyof typeof FILES)[]) {
			const nights = await Promise.all(NIGHTS.map((night) => daysOf(join(week, night), file)));
			expect(nights.flat().sort(), file).toEqual((await daysOf(join(whole, 'delta'), file)).sort());
			nights.forEach((days, i) => {
				const day = new Date(Date.parse(`${firstDay}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
				expect(new Set(days), `${file}, ${NIGHTS[i]}`).toEqual(new Set(days.length ? [day] : []));
			});
		}
		for (const night of NIGHTS) expect((await daysOf(join(week, night), 'orders')).length).toBeGreaterThan(0);
	});

	it('refreshes each night incrementally, compacts on the seventh, and equals a full rebuild', async () => {
		expect((await ingest({ dbPath, paths: [join(week, 'base')] })).refreshMode).toBe('full');
		for (const [i, night] of NIGHTS.entries()) {
			const summary = await ingest({ dbPath, paths: [join(week, night)] });
			expect(summary.refreshMode, night).toBe('incremental');
			expect(summary.refreshMs?.compaction !== undefined, night).toBe(i === NIGHTS.length - 1);
		}
		const full = await rebuiltCopy(dbPath);
		expect(await storedTablesDiffer(dbPath, full)).toEqual([]);
		await expectSameCustomerFiles(
			dbPath,
			full,
			`SELECT min(load_id) FROM load_history WHERE file_path LIKE '%night-1%'`
		);
	}, 300_000);
});
