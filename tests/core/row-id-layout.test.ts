import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLayout, recordedLayout, rowIdLayout, rowIdsKept } from '../../src/lib/core/db/row-id-layout.ts';

/** The row-group layout a refresh records, read back from a real database file. */
const dir = mkdtempSync(join(tmpdir(), 'returnlens-row-id-layout-'));
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
	instance = await DuckDBInstance.create(join(dir, 'layout.duckdb'));
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
});
