import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export const DEFAULT_DB_PATH = 'data/returns.duckdb';

export function dbPathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
	return env.RETURNS_DB || DEFAULT_DB_PATH;
}

export interface Database {
	instance: DuckDBInstance;
	connect(): Promise<DuckDBConnection>;
	close(): void;
}

/**
 * One DuckDB instance per process and database file. The server opens the file read-only (it never
 * writes: ingestion refreshes everything it reads), which also lets several readers share it.
 */
export async function openDatabase(path: string, opts: { readOnly?: boolean } = {}): Promise<Database> {
	const instance = await DuckDBInstance.create(path, {
		access_mode: opts.readOnly ? 'READ_ONLY' : 'READ_WRITE'
	});
	return {
		instance,
		async connect() {
			const connection = await instance.connect();
			await connection.run(`SET TimeZone = 'UTC'`);
			return connection;
		},
		/** Connections keep the file locked: close them (closeSync) before closing the database. */
		close() {
			instance.closeSync();
		}
	};
}
