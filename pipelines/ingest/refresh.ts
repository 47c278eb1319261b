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
import {
	firstLoadedRows,
	loadedAfterRecorded,
	noRowsDropped,
	recordLayout,
	recordedLayout,
	rowIdLayout,
	rowIdsKept,
	storedRows,
	type FirstLoadedRows,
	type StoredRows
} from '../../src/lib/core/db/row-id-layout.ts';
import { ident } from '../../src/lib/core/db/sql-params.ts';
import { inTransaction } from '../../src/lib/core/db/transaction.ts';
import { REFRESH_STAGES, type RefreshStage, type StoredStep } from '../../src/lib/core/store/stored-table.ts';
import type { Statement } from '../../src/lib/core/db/transaction.ts';
import { DERIVED_DELTA_TABLES } from '../../src/lib/core/store/derived-sql.ts';
import { STORED_STEPS } from '../../src/lib/features/registry.ts';
import { DELTA_SHARE_SQL, DELTA_TABLES, deltaScopeStatements } from './delta-scope.ts';
import { sha256Text } from './file-hash.ts';

/** Every table the analytics read that the refresh builds. */
const ANALYTICS_TABLES = STORED_STEPS.flatMap((step) => step.tables.map((table) => table.name));

/** The rows of the loaded tables before a refresh (storedRows), and the first row id of each one's new rows. */
interface LoadedRows {
	rows: StoredRows;
	first: FirstLoadedRows;
}

/** The loaded tables whose row ids stored tables hold, and the steps that build those. */
const ROW_ID_STEPS = STORED_STEPS.filter((step) => step.holdsRowIds);
const ROW_ID_TABLES = [...new Set(ROW_ID_STEPS.flatMap((step) => step.holdsRowIds ?? []))];

/**
 * What the analytics tables are built by: a hash of every stored table's statements with their
 * parameters (the fraud thresholds among them). A database whose tables another version of them built
 * is stale. (The comment clustering is code, not SQL: a change to it needs a new load or a dropped
 * table to be rebuilt.) DuckDB's version is part of it: customer_rows is keyed by DuckDB's hash function.
 */
export const ANALYTICS_VERSION = sha256Text(
	JSON.stringify(
		[duckdbVersion(), ...STORED_STEPS.map((step) => [step.stage, ...step.statements, ...(step.delta ?? [])])],
		(_, value) => (typeof value === 'bigint' ? value.toString() : value)
	)
);

export type RefreshTimes = Partial<
	Record<RefreshStage | 'delta scope' | 'row ids' | 'compaction' | 'compaction row ids', number>
>;

/** full: every table built anew in a new generation; incremental: the published one brought up to date. */
export type RefreshMode = 'full' | 'incremental';

export interface RefreshOptions {
	/** Rebuild every table even when the loads since the last refresh could be applied incrementally. */
	full?: boolean;
	/** In a full rebuild, keep the comment themes and assign new comments to them instead of re-clustering. */
	keepThemes?: boolean;
}

export interface RefreshResult {
	mode: RefreshMode;
	ms: RefreshTimes;
}

/**
 * Past this share of all orders reached by a delta, a full rebuild is as fast as the incremental one
 * (which deletes and inserts what the delta reaches in tables that are sorted for reading).
 */
export const MAX_DELTA_SHARE = 0.2;

/**
 * Brings the analytics tables up to date with the data: incrementally when the published generation
 * was built by this version and the loads since changed a small share of the orders and no reason
 * catalogue (refreshIncrementally), else whole into a new generation (rebuildAnalytics).
 */
export async function refreshAnalytics(
	connection: DuckDBConnection,
	options: RefreshOptions = {}
): Promise<RefreshResult> {
	const since = options.full ? null : await incrementalSince(connection);
	if (since !== null) {
		const ms = await refreshIncrementally(connection, since);
		if (ms) return { mode: 'incremental', ms };
	}
	return { mode: 'full', ms: await vacuuming(connection, () => rebuildAnalytics(connection, options)) };
}

/**
 * Rebuilds every stored table into a new generation (generations.ts), stage by stage (REFRESH_STAGES),
 * each stage in one transaction, then publishes it with this version and the latest load: readers see
 * the whole new generation from their next connection on, and until then the previous one, whole.
 * Generations older than the previous one are dropped. Returns each stage's milliseconds.
 */
async function rebuildAnalytics(connection: DuckDBConnection, options: RefreshOptions): Promise<RefreshTimes> {
	// customer_rows holds row ids, which a checkpoint changes when it compacts the rows a load deleted.
	await checkpointBetweenWrites(connection);
	const previous = await publishedGeneration(connection);
	await dropGenerations(connection, previous === null ? [] : [previous]);
	const generation = await newGeneration(connection);
	const times: RefreshTimes = {};
	await readGeneration(connection, generation);
	try {
		for (const stage of REFRESH_STAGES) {
			const started = Date.now();
			const steps = STORED_STEPS.filter((step) => step.stage === stage);
			for (const step of steps) {
				if (step.run && options.keepThemes && previous !== null && step.deltaRun) {
					await inTransaction(connection, copyTables(step, previous));
					await connection.run('BEGIN TRANSACTION');
					await step.deltaRun(connection).then(
						() => connection.run('COMMIT'),
						async (error) => {
							await connection.run('ROLLBACK');
							throw error;
						}
					);
				} else await step.run?.(connection);
			}
			const statements = steps.flatMap((step) => step.statements);
			if (statements.length) await inTransaction(connection, statements);
			times[stage] = Date.now() - started;
		}
		await inTransaction(connection, publish(generation));
		noteGenerationChange();
		await refreshRowIds(connection, null);
	} finally {
		await readGeneration(connection, await publishedGeneration(connection));
	}
	await dropLegacyTables(connection);
	return times;
}

/** Copies a step's tables from another generation into the one being built. */
const copyTables = (step: StoredStep, from: string): Statement[] =>
	step.tables.map((table) => ({
		sql: `CREATE OR REPLACE TABLE ${ident(table.name)} AS SELECT * FROM ${from}.${ident(table.name)}`
	}));

/**
 * The load the published generation was built up to, when the loads since can be applied to it
 * incrementally: it was built by this version with all its tables, and no load since brought a reason
 * catalogue (which regroups every return). Null when a full rebuild is due.
 */
async function incrementalSince(connection: DuckDBConnection): Promise<number | null> {
	if (await analyticsMissing(connection)) return null;
	const [[since, catalogues]] = (
		await connection.runAndReadAll(
			`SELECT s.load_id,
			   (SELECT count(*) FROM main.load_history h WHERE h.load_id > s.load_id AND h.entity = 'reasons')
			 FROM ${ANALYTICS_STATE} s`
		)
	).getRowsJS();
	return since === null || Number(catalogues) > 0 ? null : Number(since);
}

/**
 * How often an incremental refresh lets DuckDB merge row groups that deletes have partly emptied (its
 * vacuum, run by a checkpoint): every VACUUM_EVERY-th compacts once it has published (compact), and
 * every full rebuild merges as it goes. No other checkpoint does (db.ts). A delta replaces rows at the
 * end of the tables (recent orders) and in tables built in parts, and appends a small row group to each
 * table it writes; each checkpoint would rewrite two or three whole row groups of each such table to
 * merge them: 1 to 4 s of a 10 M-line delta's commit, more than all its statements. Deferred, the
 * merges of a week of nightly loads are done at once, and rows a delta deletes stay in their row groups
 * until then (row groups a delta empties are dropped at every checkpoint regardless). A merge moves the
 * row ids of the rows after the ones it drops, so it only happens where the layout is recorded next.
 */
export const VACUUM_EVERY = 7;
/** DuckDB's default merge tasks per table and checkpoint, for the checkpoints that vacuum. */
const VACUUM_TASKS = 100;

/** Runs a refresh with DuckDB's vacuum allowed, and holds it off again after. */
async function vacuuming<T>(connection: DuckDBConnection, refresh: () => Promise<T>): Promise<T> {
	await connection.run(`SET max_vacuum_tasks = ${VACUUM_TASKS}`);
	try {
		return await refresh();
	} finally {
		await connection.run('SET max_vacuum_tasks = 0');
	}
}

/** Incremental refreshes since the last that let DuckDB vacuum; 0 for a database published before the count. */
async function deferredVacuums(connection: DuckDBConnection): Promise<number> {
	const reader = await connection.runAndReadAll(
		`SELECT coalesce((to_json(s)->>'deferred_vacuums')::INTEGER, 0) FROM ${ANALYTICS_STATE} s`
	);
	return Number(reader.getRows()[0]?.[0] ?? 0);
}

/**
 * Brings the published generation up to date in place (applyDelta), then compacts when it is due
 * (VACUUM_EVERY). The rows of the loaded tables are counted first, and where the loads' new rows begin:
 * a checkpoint that dropped rows before them moved ids (refreshRowIds).
 */
async function refreshIncrementally(connection: DuckDBConnection, since: number): Promise<RefreshTimes | null> {
	const generation = await publishedGeneration(connection);
	if (generation === null) return null;
	const deferred = (await deferredVacuums(connection)) + 1;
	const loaded: LoadedRows = {
		rows: await storedRows(connection, ROW_ID_TABLES),
		first: await firstLoadedRows(connection, ROW_ID_TABLES, since)
	};
	const times = await applyDelta(connection, since, generation, deferred, loaded);
	if (times && deferred >= VACUUM_EVERY) Object.assign(times, await compact(connection));
	return times;
}

/**
 * Lets DuckDB merge row groups (its vacuum) in a checkpoint of its own after a refresh has published, so
 * that the new figures do not wait for it, and sets the count of deferred vacuums back to 0. Rebuilds
 * the tables that hold row ids whole if the merge moved any (a merge that drops rows loads replaced or
 * removed), and records where the rows now sit. Returns the milliseconds of each, as `compaction` and
 * `compaction row ids`.
 */
async function compact(connection: DuckDBConnection): Promise<RefreshTimes> {
	let started = Date.now();
	const loaded = await storedRows(connection, ROW_ID_TABLES);
	await vacuuming(connection, async () => {
		// A checkpoint with nothing to write does nothing, merges included.
		await connection.run(`UPDATE ${ANALYTICS_STATE} SET deferred_vacuums = 0`);
		await checkpointBetweenWrites(connection);
	});
	const layout = await rowIdLayout(connection, ROW_ID_TABLES);
	const times: RefreshTimes = { compaction: Date.now() - started };
	if (!noRowsDropped(loaded, layout)) {
		started = Date.now();
		await inTransaction(
			connection,
			ROW_ID_STEPS.flatMap((step) => step.statements)
		);
		noteGenerationChange();
		times['compaction row ids'] = Date.now() - started;
	}
	await recordLayout(connection, layout);
	return times;
}

/**
 * Brings the published generation up to date in place, in one transaction, so readers see it as it was
 * until the commit and as a full rebuild would leave it after: the delta tables (delta-scope.ts) name
 * what the loads since `since` reached; every step with `delta` statements updates its tables from them,
 * the others are rebuilt whole. Then a checkpoint, and the tables that hold row ids (refreshRowIds).
 * Returns null, having changed nothing, when the delta is too large a share or a step asks for a full
 * rebuild (`fullWhen`). Publishes `deferred`, the refreshes since DuckDB last vacuumed, this one included.
 * `loaded`: the rows of the tables whose row ids are held before the refresh, and where the new ones begin.
 */
async function applyDelta(
	connection: DuckDBConnection,
	since: number,
	generation: string,
	deferred: number,
	loaded: LoadedRows
): Promise<RefreshTimes | null> {
	const times: RefreshTimes = {};
	await readGeneration(connection, generation);
	await connection.run('BEGIN TRANSACTION');
	try {
		let started = Date.now();
		for (const { sql, params } of deltaScopeStatements(since)) await connection.run(sql, params);
		const share = Number((await connection.runAndReadAll(DELTA_SHARE_SQL)).getRows()[0][0]);
		const fullWhen = STORED_STEPS.flatMap((step) => (step.fullWhen ? [step.fullWhen] : []));
		for (const { sql, params } of fullWhen) {
			if (share > MAX_DELTA_SHARE) break;
			if ((await connection.runAndReadAll(sql, params)).getRows()[0]?.[0] === true)
				return await rollBack(connection);
		}
		if (share > MAX_DELTA_SHARE) return await rollBack(connection);
		times['delta scope'] = Date.now() - started;
		for (const stage of REFRESH_STAGES) {
			started = Date.now();
			for (const step of STORED_STEPS.filter((step) => step.stage === stage && !step.holdsRowIds)) {
				if (step.deltaRun) await step.deltaRun(connection);
				else if (step.run) return await rollBack(connection);
				for (const { sql, params } of step.delta ?? step.statements) await connection.run(sql, params);
			}
			times[stage] = Date.now() - started;
		}
		for (const { sql, params } of publish(generation, deferred)) await connection.run(sql, params);
		await connection.run('COMMIT');
	} catch (error) {
		await connection.run('ROLLBACK');
		throw error;
	}
	noteGenerationChange();
	const started = Date.now();
	await refreshRowIds(connection, loaded);
	await connection.run(DROP_DELTA_SCOPE);
	times['row ids'] = Date.now() - started;
	noteGenerationChange();
	return times;
}

/**
 * Checkpoints, then brings the tables that hold row ids up to date: by their delta statements when the
 * refresh was incremental (`loaded` counts the rows before it) and no row id moved since the last
 * refresh (row-id-layout.ts), else whole. Records where the rows now sit for the next refresh.
 */
async function refreshRowIds(connection: DuckDBConnection, loaded: LoadedRows | null): Promise<void> {
	await checkpointBetweenWrites(connection);
	const layout = await rowIdLayout(connection, ROW_ID_TABLES);
	if (loaded !== null) {
		const recorded = await recordedLayout(connection);
		const kept =
			recorded !== null &&
			rowIdsKept(recorded, layout) &&
			loadedAfterRecorded(recorded, loaded.first) &&
			noRowsDropped(loaded.rows, layout);
		const statements = ROW_ID_STEPS.flatMap((step) => (kept && step.delta ? step.delta : step.statements));
		if (statements.length) await inTransaction(connection, statements);
	}
	await recordLayout(connection, layout);
}

async function rollBack(connection: DuckDBConnection): Promise<null> {
	await connection.run('ROLLBACK');
	await connection.run(DROP_DELTA_SCOPE);
	return null;
}

const DROP_DELTA_SCOPE = [...DELTA_TABLES, ...DERIVED_DELTA_TABLES]
	.map((table) => `DROP TABLE IF EXISTS ${table};`)
	.join('\n');

/**
 * Publishes a generation as built from every load so far by this version, with the incremental refreshes
 * since DuckDB last vacuumed (VACUUM_EVERY), and forgets what the loads removed: written last, so a
 * refresh that was cut off (or a database from another version) reads as stale, and the next ingest
 * rebuilds.
 */
const publish = (generation: string, deferredVacuums = 0): Statement[] => [
	{
		sql: `CREATE OR REPLACE TABLE ${ANALYTICS_STATE} AS
		 SELECT $generation AS generation, (SELECT max(load_id) FROM main.load_history) AS load_id,
		   $version AS version, now()::TIMESTAMP AS published_at, $deferred::INTEGER AS deferred_vacuums`,
		params: { generation, version: ANALYTICS_VERSION, deferred: deferredVacuums }
	},
	{ sql: 'DELETE FROM main.changed_rows' }
];

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
	if (await analyticsMissing(connection)) return true;
	const [[state, latest]] = (
		await connection.runAndReadAll(
			`SELECT (SELECT load_id FROM ${ANALYTICS_STATE}), (SELECT max(load_id) FROM main.load_history)`
		)
	).getRowsJS();
	return state !== latest;
}

/** True when there is no published generation, or it was built by another version, or a table is missing. */
async function analyticsMissing(connection: DuckDBConnection): Promise<boolean> {
	const generation = await publishedGeneration(connection);
	if (generation === null) return true;
	// Read whole: a state from another version may lack a column.
	const [state] = (await connection.runAndReadAll(`SELECT * FROM ${ANALYTICS_STATE}`)).getRowObjectsJS();
	const [[tables]] = (
		await connection.runAndReadAll(
			`SELECT count(*) FROM duckdb_tables()
			 WHERE database_name = current_database() AND schema_name = $generation
			   AND list_contains($names, table_name)`,
			{ generation, names: listValue(ANALYTICS_TABLES) }
		)
	).getRowsJS();
	return state?.version !== ANALYTICS_VERSION || Number(tables) < ANALYTICS_TABLES.length;
}
