import { version as duckdbVersion, type DuckDBConnection } from '@duckdb/node-api';
import { inTransaction } from '../../src/lib/core/db/transaction.ts';
import { REFRESH_STAGES, type RefreshStage } from '../../src/lib/core/store/stored-table.ts';
import { STORED_STEPS } from '../../src/lib/features/registry.ts';
import { sha256Text } from './file-hash.ts';

/** Every table the analytics read that the refresh builds. */
const ANALYTICS_TABLES = STORED_STEPS.flatMap((step) => step.tables.map((table) => table.name));

/**
 * What the analytics tables are built by: a hash of every stored table's statements with their
 * parameters (the fraud thresholds among them). A database whose tables another version of them built
 * is stale. (The comment clustering is code, not SQL: a change to it needs a new load or a dropped
 * table to be rebuilt.) DuckDB's version is part of it: customer_rows is keyed by DuckDB's hash function.
 */
export const ANALYTICS_VERSION = sha256Text(
	JSON.stringify([duckdbVersion(), ...STORED_STEPS.map((step) => [step.stage, ...step.statements])], (_, value) =>
		typeof value === 'bigint' ? value.toString() : value
	)
);

export type RefreshTimes = Record<RefreshStage, number>;

/**
 * Rebuilds every stored table, stage by stage (REFRESH_STAGES), each stage in one transaction, then
 * marks them fresh. Returns each stage's milliseconds.
 */
export async function refreshAnalytics(connection: DuckDBConnection): Promise<RefreshTimes> {
	// customer_rows holds row ids, which a checkpoint changes when it compacts the rows a load deleted.
	await connection.run('CHECKPOINT');
	const times = {} as RefreshTimes;
	for (const stage of REFRESH_STAGES) {
		const started = Date.now();
		const steps = STORED_STEPS.filter((step) => step.stage === stage);
		for (const step of steps) await step.run?.(connection);
		const statements = steps.flatMap((step) => step.statements);
		if (statements.length) await inTransaction(connection, statements);
		times[stage] = Date.now() - started;
	}
	await markAnalyticsFresh(connection);
	return times;
}

/**
 * Marks the analytics tables as built from every load so far by this version: written last, so a
 * refresh that was cut off (or a database from another version) reads as stale, and the next ingest
 * rebuilds.
 */
const markAnalyticsFresh = (connection: DuckDBConnection) =>
	connection.run(
		`CREATE OR REPLACE TABLE analytics_state AS
		 SELECT (SELECT max(load_id) FROM load_history) AS load_id, $version AS version`,
		{
			version: ANALYTICS_VERSION
		}
	);

/**
 * True when an analytics table is missing, or was built before the latest load finished refreshing or by another
 * version.
 */
export async function analyticsStale(connection: DuckDBConnection): Promise<boolean> {
	if (await tablesMissing(connection)) return true;
	const marked = await connection.runAndReadAll(
		`SELECT count(*) FROM duckdb_columns()
		 WHERE database_name = current_database() AND schema_name = 'main'
		   AND table_name = 'analytics_state' AND column_name = 'version'`
	);
	if (Number(marked.getRows()[0][0]) === 0) return true;
	const state = await connection.runAndReadAll(
		`SELECT (SELECT load_id FROM analytics_state) IS DISTINCT FROM (SELECT max(load_id) FROM load_history)
		   OR (SELECT version FROM analytics_state) IS DISTINCT FROM $version`,
		{ version: ANALYTICS_VERSION }
	);
	return state.getRows()[0][0] === true;
}

async function tablesMissing(connection: DuckDBConnection): Promise<boolean> {
	const names = ANALYTICS_TABLES.map((_, i) => `$t${i}`).join(', ');
	const reader = await connection.runAndReadAll(
		`SELECT count(*) FROM duckdb_tables() WHERE NOT temporary AND table_name IN (${names})`,
		Object.fromEntries(ANALYTICS_TABLES.map((t, i) => [`t${i}`, t]))
	);
	return Number(reader.getRows()[0][0]) < ANALYTICS_TABLES.length;
}
