import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	firstLoadedRows,
	loadedAfterRecorded,
	noRowsDropped,
	recordLayout,
	recordedLayout,
	rowIdLayout,
	rowIdsKept,
	storedRows
} from '../../src/lib/core/db/row-id-layout.ts';

/** The row-group layout a refresh records, read back from a real database file. */
const dir = mkdtempSync(join(tmpdir(), 'returnlens-row-id-layout-'));
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
	// As every process opens a database (db.ts): no checkpoint merges row groups unless a refresh lets it.
	instance = await DuckDBInstance.create(join(dir, 'layout.duckdb'), { max_vacuum_tasks: '0' });
	connection = await instance.connect();
	await connection.run(`CREATE TABLE row_id_layout (table_name VARCHAR NOT NULL, row_groups BIGINT[] NOT NULL)`);
	await connection.run(`CREATE TABLE empty_rows (id INTEGER)`);
	await connection.run(`CREATE TABLE some_rows AS SELECT range AS id FROM range(300000)`);
	await connection.run('CHECKPOINT');
});

afterAll(() => {
	connection.closeSync();
	instance.closeSync();
	rmSync(dir, { recursive: true, force: true });
});

describe('row id layout', () => {
	it('records a table without rows beside one with several row groups, and reads both back', async () => {
		const layout = await rowIdLayout(connection, ['empty_rows', 'some_rows']);
		expect(layout.empty_rows).toEqual([]);
		expect(layout.some_rows!.reduce((a, b) => a + b, 0)).toBe(300000);
		expect(layout.some_rows!.length).toBeGreaterThan(1);

		await recordLayout(connection, layout);
		expect(await recordedLayout(connection)).toEqual(layout);
	});

	it('keeps the ids when rows are only appended, not when rows before the last group go', async () => {
		const before = await rowIdLayout(connection, ['some_rows']);
		await connection.run(`INSERT INTO some_rows SELECT range FROM range(10)`);
		await connection.run('CHECKPOINT');
		expect(rowIdsKept(before, await rowIdLayout(connection, ['some_rows']))).toBe(true);

		const shrunk = { some_rows: [before.some_rows![0]! - 1, ...before.some_rows!.slice(1)] };
		expect(rowIdsKept(shrunk, before)).toBe(false);
	});

	it('keeps them through a merge of appended row groups, not one that drops deleted rows', async () => {
		const ids = async () =>
			(await connection.runAndReadAll('SELECT rowid, id FROM merged_rows ORDER BY rowid')).getRowsJS();
		/** A refresh's checkpoint, which lets DuckDB merge; its write (to another table) makes it run. */
		const mergingCheckpoint = async () => {
			await connection.run(`INSERT INTO some_rows VALUES (-1)`);
			await connection.run('SET max_vacuum_tasks = 100');
			await connection.run('CHECKPOINT');
			await connection.run('SET max_vacuum_tasks = 0');
		};
		await connection.run('CREATE TABLE merged_rows AS SELECT range AS id FROM range(300000)');
		await connection.run('CHECKPOINT');

		// Nightly loads, each appending a row group of its own.
		for (const night of [1, 2, 3]) {
			await connection.run(`INSERT INTO merged_rows SELECT ${night} * 1000000 + range FROM range(30000)`);
			await connection.run('CHECKPOINT');
		}
		let loaded = await rowIdLayout(connection, ['merged_rows']);
		let rows = await storedRows(connection, ['merged_rows']);
		let before = await ids();
		await mergingCheckpoint();
		let now = await rowIdLayout(connection, ['merged_rows']);
		expect(now.merged_rows!.length).toBeLessThan(loaded.merged_rows!.length);
		expect((await ids()).slice(0, before.length)).toEqual(before);
		expect(noRowsDropped(rows, now)).toBe(true);

		// A load that replaces rows of the last group (deletes, then appends), merged: that group grows, yet
		// the rows after the deleted ones move. The row groups alone would say the ids were kept.
		const recorded = now;
		await connection.run(`DELETE FROM merged_rows WHERE id >= 3000000 AND id % 2 = 0`);
		await connection.run(`INSERT INTO merged_rows SELECT 4000000 + range FROM range(30000)`);
		await connection.run('CHECKPOINT');
		loaded = await rowIdLayout(connection, ['merged_rows']);
		rows = await storedRows(connection, ['merged_rows']);
		expect(rows.merged_rows).toBe(loaded.merged_rows!.reduce((sum, n) => sum + n, 0));
		before = await ids();
		await mergingCheckpoint();
		now = await rowIdLayout(connection, ['merged_rows']);
		expect(rowIdsKept(recorded, now)).toBe(true);
		expect((await ids()).slice(0, before.length)).not.toEqual(before);
		expect(noRowsDropped(rows, now)).toBe(false);
	});

	it('sees a dropped full row group among full ones by where the new rows begin', async () => {
		const GROUP = 122880;
		const rowIdOf = async (id: number) =>
			Number((await connection.runAndReadAll(`SELECT rowid FROM full_rows WHERE id = ${id}`)).getRows()[0]![0]);
		await connection.run(`CREATE TABLE full_rows AS SELECT range AS id, 1 AS load_id FROM range(${4 * GROUP})`);
		await connection.run('CHECKPOINT');
		const recorded = await rowIdLayout(connection, ['full_rows']);
		expect(recorded.full_rows).toEqual([GROUP, GROUP, GROUP, GROUP]);

		// A load that empties the second row group and appends a group's worth; its checkpoint drops the group.
		await connection.run(`DELETE FROM full_rows WHERE id >= ${GROUP} AND id < ${2 * GROUP}`);
		await connection.run(`INSERT INTO full_rows SELECT ${10 * GROUP} + range, 2 FROM range(${GROUP})`);
		await connection.run('CHECKPOINT');
		const now = await rowIdLayout(connection, ['full_rows']);
		expect(now.full_rows).toEqual([GROUP, GROUP, GROUP, GROUP]);
		expect(await rowIdOf(2 * GROUP)).toBe(GROUP);
		expect(rowIdsKept(recorded, now)).toBe(true);
		expect(loadedAfterRecorded(recorded, await firstLoadedRows(connection, ['full_rows'], 1))).toBe(false);

		// A load that only appends leaves its rows after the recorded ones.
		await connection.run(`INSERT INTO full_rows SELECT ${20 * GROUP} + range, 3 FROM range(10)`);
		expect(loadedAfterRecorded(now, await firstLoadedRows(connection, ['full_rows'], 2))).toBe(true);
		expect(loadedAfterRecorded(now, await firstLoadedRows(connection, ['full_rows'], 3))).toBe(true);
	});
});
