import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitLastDays } from '../../pipelines/bench/delta-files.ts';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { publishedGeneration, readGeneration } from '../../src/lib/core/db/generations.ts';
import type { Statement } from '../../src/lib/core/db/transaction.ts';
import { ALERT_CONFIG } from '../../src/lib/features/alerts/alerts-config.ts';
import { ALERTS_STORED, alertDeltaStatements } from '../../src/lib/features/alerts/alerts-store.ts';

// A shop with planted waves, loaded as nightly exports: everything before the last days, then those days
// (refreshed incrementally). The alert tables are held to the alert statements run whole on the same data,
// in a transaction that is rolled back, so nothing but the alert detection is compared.
const dir = mkdtempSync(join(tmpdir(), 'alerts-incremental-'));
const data = join(dir, 'data');
const split = join(dir, 'split');
const dbPath = join(dir, 'returns.duckdb');
const [step] = ALERTS_STORED;
const tables = step.tables.map((table) => table.name);

async function run(connection: DuckDBConnection, statements: readonly Statement[]): Promise<void> {
	for (const { sql, params } of statements) await connection.run(sql, params);
}

/** A table's rows with its doubles to 9 decimals (a build may add them up in another order). */
async function rounded(connection: DuckDBConnection, table: string): Promise<string> {
	const columns = (await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE ${table})`))
		.getRowsJS()
		.map(([name, type]) => (type === 'DOUBLE' ? `round("${name}", 9) AS "${name}"` : `"${name}"`));
	return `SELECT ${columns.join(', ')} FROM ${table}`;
}

/** Each alert table's rows as they are, as a temp table `was_<table>`. */
async function keep(connection: DuckDBConnection): Promise<void> {
	for (const table of tables)
		await connection.run(`CREATE OR REPLACE TEMP TABLE was_${table} AS ${await rounded(connection, table)}`);
}

/** The rows each alert table gained and lost against `was_<table>`. */
async function changes(connection: DuckDBConnection): Promise<Record<string, [number, number]>> {
	const found: Record<string, [number, number]> = {};
	for (const table of tables) {
		const now = await rounded(connection, table);
		const [[gained, lost]] = (
			await connection.runAndReadAll(
				`SELECT (SELECT count(*) FROM (${now} EXCEPT ALL FROM was_${table})),
				   (SELECT count(*) FROM (FROM was_${table} EXCEPT ALL ${now}))`
			)
		).getRowsJS() as [[bigint, bigint]];
		found[table] = [Number(gained), Number(lost)];
	}
	return found;
}

const unchanged = Object.fromEntries(tables.map((table) => [table, [0, 0]]));

/** Runs `body` on the published generation in a transaction that is rolled back. */
async function inRolledBack<T>(body: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
	const db = await openDatabase(dbPath);
	const connection = await db.connect();
	try {
		await readGeneration(connection, await publishedGeneration(connection));
		await connection.run('BEGIN TRANSACTION');
		try {
			return await body(connection);
		} finally {
			await connection.run('ROLLBACK');
		}
	} finally {
		connection.closeSync();
		db.close();
	}
}

describe('alerts brought up to date after a load', () => {
	beforeAll(async () => {
		await generateDemoData({ lines: 60_000, seed: 3, outDir: data, profile: 'kleding', waves: true });
		await splitLastDays(data, split, 2);
		expect((await ingest({ dbPath, paths: [join(split, 'base')] })).refreshMode).toBe('full');
		expect((await ingest({ dbPath, paths: [join(split, 'delta')] })).refreshMode).toBe('incremental');
	}, 300_000);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('equal the alerts found in the whole data', async () => {
		const [found, firing] = await inRolledBack(async (connection) => {
			await keep(connection);
			await run(connection, step.statements);
			const [[fired]] = (await connection.runAndReadAll('SELECT count(*) FROM alert_firing')).getRowsJS();
			return [await changes(connection), Number(fired)];
		});
		expect(firing).toBeGreaterThan(0);
		expect(found).toEqual(unchanged);
	}, 120_000);

	// As after a load whose earliest event falls in that week: before it nothing may change, from it on the
	// weeks are found again as a whole build finds them.
	it.each(['1999-12-01', '2025-06-11 13:00:00', '2026-10-28'])(
		'found again from the week of %s, equal what was there',
		async (from) => {
			const found = await inRolledBack(async (connection) => {
				await keep(connection);
				await connection.run(
					`CREATE OR REPLACE TEMP TABLE delta_span AS
					 SELECT NULL::TIMESTAMP AS orders_from, CAST($from AS TIMESTAMP) AS events_from`,
					{ from }
				);
				await run(connection, alertDeltaStatements(ALERT_CONFIG));
				return changes(connection);
			});
			expect(found).toEqual(unchanged);
		},
		120_000
	);
});
