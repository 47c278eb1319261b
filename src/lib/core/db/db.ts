import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { generationChanges, publishedGeneration, readGeneration } from './generations.ts';
import { memoryLimitFromEnv, tempDirectoryOf } from './memory-settings.ts';

export const DEFAULT_DB_PATH = 'data/returns.duckdb';

export function dbPathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
	return env.RETURNS_DB || DEFAULT_DB_PATH;
}

/**
 * DuckDB threads of the server: `RETURNS_DB_THREADS`, else 1. With one, each request's queries run on
 * the thread that asked (up to four at once, Node's pool), so requests side by side share the cores
 * instead of each one's work being split over all of them: on two cores, eight clients' slowest
 * answers come back about a fifth sooner (BENCHMARKS.md), and a lone large query takes longer.
 */
export function serverThreadsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
	const value = env.RETURNS_DB_THREADS || '1';
	if (!/^[1-9][0-9]*$/.test(value))
		throw new Error(`RETURNS_DB_THREADS must be a whole number of threads, at least 1, not "${value}"`);
	return Number(value);
}

/**
 * Whether the server only reads its database (RETURNS_READ_ONLY=1): several such servers, and other
 * readers, may share one file, and nothing is loaded or changed through them.
 */
export function readOnlyServingFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
	const value = env.RETURNS_READ_ONLY ?? '';
	if (!['', '0', '1'].includes(value)) throw new Error(`RETURNS_READ_ONLY must be 1 or 0, not "${value}"`);
	return value === '1';
}

export interface Database {
	instance: DuckDBInstance;
	/** A connection that reads the published analytics generation (generations.ts) and the loaded data. */
	connect(): Promise<DuckDBConnection>;
	close(): void;
}

/**
 * One DuckDB instance per process and database file: the server's (which writes, running the loads it is
 * handed), a command's, or a reader's (read-only, which lets several share the file). Each is bounded by
 * the memory limit (memory-settings.ts) and spills past it to a folder beside the file; the allocator's
 * background threads hand memory DuckDB freed back to the system, without which the process held up to
 * 2 GiB more than the limit through a 10 M-line refresh. Insertion order stays preserved, though
 * dropping it would save memory: a load numbers a file's lines by their rowid in its staging table and
 * keeps the last of rows with one key by it (load-file.ts, stage-checks.ts). No checkpoint merges row
 * groups that deletes have partly emptied (DuckDB's vacuum), which would move the row ids customer_rows
 * lists: only a refresh does, when it is due, and records where the rows then sit (VACUUM_EVERY in
 * pipelines/ingest/refresh.ts).
 */
export async function openDatabase(
	path: string,
	opts: { readOnly?: boolean; threads?: number; memoryLimit?: string } = {}
): Promise<Database> {
	const tempDirectory = tempDirectoryOf(path);
	const instance = await DuckDBInstance.create(path, {
		access_mode: opts.readOnly ? 'READ_ONLY' : 'READ_WRITE',
		memory_limit: opts.memoryLimit ?? memoryLimitFromEnv(),
		allocator_background_threads: 'true',
		max_vacuum_tasks: '0',
		...(tempDirectory === undefined ? {} : { temp_directory: tempDirectory }),
		...(opts.threads === undefined ? {} : { threads: String(opts.threads) })
	});
	let published: { changes: number; generation: string | null } | null = null;
	return {
		instance,
		async connect() {
			const connection = await instance.connect();
			await connection.run(`SET TimeZone = 'UTC'`);
			if (published?.changes !== generationChanges()) {
				const changes = generationChanges();
				published = { changes, generation: await publishedGeneration(connection) };
			}
			await readGeneration(connection, published.generation);
			return connection;
		},
		/** Connections keep the file locked: close them (closeSync) before closing the database. */
		close() {
			instance.closeSync();
		}
	};
}
