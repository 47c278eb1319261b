import type { DuckDBConnection } from '@duckdb/node-api';

const BUSY = /Cannot CHECKPOINT: there are other write transactions active/;

/**
 * CHECKPOINT in a database the server is serving from: DuckDB refuses one while another connection's
 * transaction writes (a request's temporary tables), and those last milliseconds, so it tries again
 * until there is a gap, instead of FORCE CHECKPOINT, which would abort them.
 */
export async function checkpointBetweenWrites(connection: DuckDBConnection, attempts = 200): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await connection.run('CHECKPOINT');
			return;
		} catch (error) {
			if (attempt >= attempts || !BUSY.test((error as Error).message)) throw error;
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
	}
}
