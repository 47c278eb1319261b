import type { DuckDBConnection } from '@duckdb/node-api';
import { SqlParams } from '../../core/db/sql-params.ts';
import { inTransaction, type Statement } from '../../core/db/transaction.ts';
import { buildSegmentCatalogueSql, buildSegmentCustomersSql } from './segments-store-sql.ts';

/**
 * Rebuilds the marketing segments and their customers in one transaction, so the API only filters
 * them by country. Runs after refreshFraud: flagged customers are left out.
 */
export function refreshSegments(connection: DuckDBConnection): Promise<void> {
	return inTransaction(connection, segmentStatements());
}

/** The statements refreshSegments runs. */
export function segmentStatements(): Statement[] {
	return [buildSegmentCatalogueSql, buildSegmentCustomersSql].map((build) => {
		const params = new SqlParams();
		return { sql: build(params), params: params.values };
	});
}
