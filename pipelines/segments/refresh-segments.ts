import type { DuckDBConnection } from '@duckdb/node-api';
import { SqlParams } from '../../src/lib/server/sql-params.ts';
import { buildSegmentCatalogueSql, buildSegmentCustomersSql } from './segments-sql.ts';

/**
 * Rebuilds the marketing segments and their customers in one transaction, so the API only filters
 * them by country. Runs after refreshFraud: flagged customers are left out.
 */
export async function refreshSegments(connection: DuckDBConnection): Promise<void> {
	await connection.run('BEGIN TRANSACTION');
	try {
		for (const build of [buildSegmentCatalogueSql, buildSegmentCustomersSql]) {
			const params = new SqlParams();
			await connection.run(build(params), params.values);
		}
		await connection.run('COMMIT');
	} catch (error) {
		await connection.run('ROLLBACK');
		throw error;
	}
}
