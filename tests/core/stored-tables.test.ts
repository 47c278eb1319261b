import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/lib/core/contract/entities.ts';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { REFRESH_STAGES } from '../../src/lib/core/store/stored-table.ts';
import { STORED_STEPS } from '../../src/lib/features/registry.ts';

/**
 * Every stored table the registry declares, on the demo database as ingest built it: it exists with
 * the declared columns, and where it has a live counterpart, it holds exactly the live rows.
 */
const TABLES = STORED_STEPS.flatMap((step) => step.tables.map((table) => ({ ...table, stage: step.stage })));

let db: Database;
let connection: DuckDBConnection;

beforeAll(async () => {
	db = await openDatabase(inject('demoDatabase').dbPath, { readOnly: true });
	connection = await db.connect();
});

afterAll(() => {
	connection.closeSync();
	db.close();
});

/**
 * Rows as sorted JSON lines, doubles to 12 significant digits: sums of doubles may differ in the last
 * bits with their order.
 */
async function rowsOf(
	sql: string,
	params: Record<string, unknown> | undefined,
	columns: readonly string[]
): Promise<string[]> {
	const reader = await connection.runAndReadAll(
		`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM (${sql})`,
		params as never
	);
	return reader
		.getRowObjectsJson()
		.map((row) =>
			JSON.stringify(row, (_, v) =>
				typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v
			)
		)
		.sort();
}

describe('stored tables', () => {
	it('are declared once each, in a known stage', () => {
		const names = TABLES.map((t) => t.name);
		expect(new Set(names).size).toBe(names.length);
		for (const table of TABLES) expect(REFRESH_STAGES).toContain(table.stage);
	});

	it('hold row ids only of loaded tables, whose rows a delta does not replace', () => {
		// A checkpoint moves the ids of rows after those it compacts: a delta's replaced rows in a derived
		// table would cost the row-id tables a rebuild whole after an ordinary day's load.
		const held = STORED_STEPS.flatMap((step) => step.holdsRowIds ?? []);
		expect(held.length).toBeGreaterThan(0);
		for (const table of held) expect(ENTITY_NAMES).toContain(table);
	});

	it.each(TABLES.map((t) => [t.name, t] as const))('%s has the declared columns', async (name, table) => {
		const reader = await connection.runAndReadAll(
			`SELECT column_name FROM duckdb_columns() WHERE table_name = $name AND NOT internal ORDER BY column_index`,
			{ name }
		);
		expect(reader.getRows().map((r) => r[0])).toEqual([...table.columns]);
	});

	it('keep segment_customers by segment, latest return first, so a segment pages from its own rows', async () => {
		const reader = await connection.runAndReadAll(`
SELECT count(DISTINCT segment_id) AS segments,
  count(*) FILTER (WHERE segment_id < previous_segment
    OR (segment_id = previous_segment AND last_return > previous_return)) AS out_of_order
FROM (
  SELECT segment_id, last_return, lag(segment_id) OVER (ORDER BY rowid) AS previous_segment,
    lag(last_return) OVER (ORDER BY rowid) AS previous_return
  FROM segment_customers
)`);
		const [{ segments, out_of_order }] = reader.getRowObjectsJson();
		expect(Number(segments)).toBeGreaterThan(1);
		expect(Number(out_of_order)).toBe(0);
	});

	const checked = TABLES.filter((t) => t.check);
	it('compares most of them with their live counterpart', () => {
		expect(checked.length).toBeGreaterThanOrEqual(12);
	});

	it.each(checked.map((t) => [t.name, t] as const))('%s holds what the live statement computes', async (_, table) => {
		const { stored, live } = table.check!();
		const storedRows = await rowsOf(stored, undefined, table.columns);
		expect(storedRows.length).toBeGreaterThan(0);
		expect(await rowsOf(live.sql, live.params, table.columns)).toEqual(storedRows);
	});
});
