import { listValue, version as duckdbVersion, type DuckDBConnection } from '@duckdb/node-api';
import {
	ANALYTICS_STATE,
	dropGenerations,
	newGeneration,
	noteGenerationChange,
	publishedGeneration,
	readGeneration
} from '../../src/lib/core/db/generations.ts';
import { checkpointBetweenWrites } from '../../src/lib/core/db/checkpoint.ts';
import { ident } from '../../src/lib/core/db/sql-params.ts';
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
 * Rebuilds every stored table into a new generation (generations.ts), stage by stage (REFRESH_STAGES),
 * each stage in one transaction, then publishes it with this version and the latest load: readers see
 * the whole new generation from their next connection on, and until then the previous one, whole.
 * Generations older than the previous one are dropped. Returns each stage's milliseconds.
 */
export async function refreshAnalytics(connection: DuckDBConnection): Promise<RefreshTimes> {
	// customer_rows holds row ids, which a checkpoint changes when it compacts the rows a load deleted.
	await checkpointBetweenWrites(connection);
	const previous = await publishedGeneration(connection);
	await dropGenerations(connection, previous === null ? [] : [previous]);
	const generation = await newGeneration(connection);
	const times = {} as RefreshTimes;
	await readGeneration(connection, generation);
	try {
		for (const stage of REFRESH_STAGES) {
			const started = Date.now();
			const steps = STORED_STEPS.filter((step) => step.stage === stage);
			for (const step of steps) await step.run?.(connection);
			const statements = steps.flatMap((step) => step.statements);
			if (statements.length) await inTransaction(connection, statements);
			times[stage] = Date.now() - started;
		}
		await publish(connection, generation);
		noteGenerationChange();
	} finally {
		await readGeneration(connection, await publishedGeneration(connection));
	}
	await dropLegacyTables(connection);
	return times;
}

/**
 * Publishes a generation as built from every load so far by this version: written last, so a refresh
 * that was cut off (or a database from another version) reads as stale, and the next ingest rebuilds.
 */
const publish = (connection: DuckDBConnection, generation: string) =>
	connection.run(
		`CREATE OR REPLACE TABLE ${ANALYTICS_STATE} AS
		 SELECT $generation AS generation, (SELECT max(load_id) FROM main.load_history) AS load_id,
		   $version AS version, now()::TIMESTAMP AS published_at`,
		{ generation, version: ANALYTICS_VERSION }
	);

/** The analytics tables of a database built before generations, which kept them beside the data. */
async function dropLegacyTables(connection: DuckDBConnection): Promise<void> {
	const reader = await connection.runAndReadAll(
		`SELECT table_name FROM duckdb_tables()
		 WHERE database_name = current_database() AND schema_name = 'main' AND list_contains($names, table_name)`,
		{ names: listValue(ANALYTICS_TABLES) }
	);
	for (const [name] of reader.getRows()) await connection.run(`DROP TABLE main.${ident(String(name))}`);
}

/**
 * True when there is no published generation (a new database, or one from before generations), when it
 * was built before the latest load or by another version, or when one of its tables is missing.
 */
export async function analyticsStale(connection: DuckDBConnection): Promise<boolean> {
	const generation = await publishedGeneration(connection);
	if (generation === null) return true;
	// Read whole: a state from another version may lack a column.
	const [state] = (await connection.runAndReadAll(`SELECT * FROM ${ANALYTICS_STATE}`)).getRowObjectsJS();
	const [[latest, tables]] = (
		await connection.runAndReadAll(
			`SELECT (SELECT max(load_id) FROM main.load_history),
			   (SELECT count(*) FROM duckdb_tables()
			    WHERE database_name = current_database() AND schema_name = $generation
			      AND list_contains($names, table_name))`,
			{ generation, names: listValue(ANALYTICS_TABLES) }
		)
	).getRowsJS();
	return (
		state?.version !== ANALYTICS_VERSION || state?.load_id !== latest || Number(tables) < ANALYTICS_TABLES.length
	);
}
