import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

export interface Statement {
	sql: string;
	params?: Record<string, DuckDBValue>;
}

/** A statement given as SQL alone, or with its parameters. */
export const toStatement = (statement: string | Statement): Statement =>
	typeof statement === 'string' ? { sql: statement } : statement;

/** Runs statements in one transaction: all of them land, or none (rolled back on the first error). */
export async function inTransaction(connection: DuckDBConnection, statements: Statement[]): Promise<void> {
	await connection.run('BEGIN TRANSACTION');
	try {
		for (const { sql, params } of statements) await connection.run(sql, params);
		await connection.run('COMMIT');
	} catch (error) {
		await connection.run('ROLLBACK');
		throw error;
	}
}
