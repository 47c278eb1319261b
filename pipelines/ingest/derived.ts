import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { buildStoredClustersSql } from '../../src/lib/server/api/analytics/reason-clusters-sql.ts';
import { LOSS_CELLS, MISMATCH_CELLS, REASON_CELLS, REFUND_CELLS, buildCellTableSql } from '../../src/lib/server/api/analytics/rate-source-sql.ts';
import { CUSTOMER_FILE_TABLES } from '../../src/lib/server/api/analytics/customer-file-sql.ts';
import { inTransaction } from './transaction.ts';

const DERIVED_SQL = readFileSync(new URL('./derived.sql', import.meta.url), 'utf8');
const ROLLUPS_SQL = readFileSync(new URL('./rollups.sql', import.meta.url), 'utf8');

/** Every table the analytics read that ingestion builds: here, and in the clusters, fraud and segments steps. */
export const DERIVED_TABLES = [
	'reason_map',
	'return_lines',
	'line_facts',
	'refund_facts',
	'filter_options',
	'rate_cells',
	'rate_cells_exact',
	'reason_cells',
	'refund_cells',
	'loss_cells',
	'mismatch_cells',
	'comment_wordings',
	'reason_cluster_summary',
	'reason_cluster_totals',
	'reason_clusters',
	'reason_text_clusters',
	'bracketing_orders',
	'fraud_flags',
	'fraud_customers',
	...CUSTOMER_FILE_TABLES,
	'segment_catalogue',
	'segment_customers'
] as const;

export const refreshDerived = (connection: DuckDBConnection) => inTransaction(connection, [{ sql: DERIVED_SQL }]);

/**
 * The rollups (rollups.sql) and the comment themes over every return, after refreshDerived has
 * committed: DuckDB scans a table created in the same transaction on one thread.
 */
export const refreshRollups = (connection: DuckDBConnection) =>
	inTransaction(connection, [
		{ sql: ROLLUPS_SQL },
		...[REASON_CELLS, REFUND_CELLS, LOSS_CELLS, MISMATCH_CELLS].map((cells) => ({ sql: buildCellTableSql(cells) })),
		...buildStoredClustersSql()
	]);

/**
 * Marks the analytics tables as built from every load so far: written last, so a refresh that was
 * cut off (or a database from an older version) reads as stale, and the next ingest rebuilds.
 */
export const markAnalyticsFresh = (connection: DuckDBConnection) =>
	connection.run(`CREATE OR REPLACE TABLE analytics_state AS SELECT (SELECT max(load_id) FROM load_history) AS load_id`);

/** True when an analytics table is missing or was built before the latest load finished refreshing. */
export async function analyticsStale(connection: DuckDBConnection): Promise<boolean> {
	if (await derivedMissing(connection)) return true;
	const marked = await connection.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE NOT temporary AND table_name = 'analytics_state'`);
	if (Number(marked.getRows()[0][0]) === 0) return true;
	const state = await connection.runAndReadAll(`SELECT (SELECT load_id FROM analytics_state) IS DISTINCT FROM (SELECT max(load_id) FROM load_history)`);
	return state.getRows()[0][0] === true;
}

/** True when a derived table is missing. */
async function derivedMissing(connection: DuckDBConnection): Promise<boolean> {
	const reader = await connection.runAndReadAll(
		`SELECT count(*) FROM duckdb_tables() WHERE NOT temporary AND table_name IN (${DERIVED_TABLES.map((_, i) => `$t${i}`).join(', ')})`,
		Object.fromEntries(DERIVED_TABLES.map((t, i) => [`t${i}`, t]))
	);
	return Number(reader.getRows()[0][0]) < DERIVED_TABLES.length;
}
