import { version as duckdbVersion, type DuckDBConnection } from '@duckdb/node-api';
import { CUSTOMER_FILE_TABLES } from '../../src/lib/features/fraud/customer-file-sql.ts';
import { FRAUD_CONFIG } from '../../src/lib/features/fraud/fraud-config.ts';
import { fraudStatements } from '../../src/lib/features/fraud/fraud-store.ts';
import { segmentStatements } from '../../src/lib/features/segments/segments-store.ts';
import { DERIVED_STATEMENTS, ROLLUP_STATEMENTS, STORED_VIEW_STATEMENTS } from './derived.ts';
import { sha256Text } from './file-hash.ts';

/** Every table the analytics read that ingestion builds: here, and in the clusters, fraud and segments steps. */
const ANALYTICS_TABLES = [
	'reason_map',
	'return_lines',
	'line_facts',
	'refund_facts',
	'filter_options',
	'data_as_of',
	'rate_cells',
	'rate_cells_exact',
	'reason_cells',
	'refund_cells',
	'loss_cells',
	'mismatch_lines',
	'mismatch_cells',
	'comment_wordings',
	'comment_lines',
	'reason_cluster_summary',
	'reason_cluster_returns',
	'open_return_lines',
	'return_timings',
	'timing_quantiles',
	'supplier_figures',
	'supplier_totals',
	'customer_rows',
	'reason_clusters',
	'reason_text_clusters',
	'bracketing_orders',
	'fraud_flags',
	'fraud_customers',
	...CUSTOMER_FILE_TABLES,
	'segment_catalogue',
	'segment_customers'
] as const;

/**
 * What the analytics tables are built by: a hash of every statement of the derived, rollups, fraud
 * and segments steps with their parameters (the fraud thresholds among them). A database whose tables
 * another version of them built is stale. (The comment clustering is code, not SQL: a change to it
 * needs a new load or a dropped table to be rebuilt.) DuckDB's version is part of it: customer_rows
 * is keyed by DuckDB's hash function.
 */
export const ANALYTICS_VERSION = sha256Text(
	JSON.stringify([duckdbVersion(), ...DERIVED_STATEMENTS, ...ROLLUP_STATEMENTS, ...STORED_VIEW_STATEMENTS, ...fraudStatements(FRAUD_CONFIG), ...segmentStatements()], (_, value) =>
		typeof value === 'bigint' ? value.toString() : value
	)
);

/**
 * Marks the analytics tables as built from every load so far by this version: written last, so a
 * refresh that was cut off (or a database from another version) reads as stale, and the next ingest
 * rebuilds.
 */
export const markAnalyticsFresh = (connection: DuckDBConnection) =>
	connection.run(`CREATE OR REPLACE TABLE analytics_state AS SELECT (SELECT max(load_id) FROM load_history) AS load_id, $version AS version`, {
		version: ANALYTICS_VERSION
	});

/** True when an analytics table is missing, or was built before the latest load finished refreshing or by another version. */
export async function analyticsStale(connection: DuckDBConnection): Promise<boolean> {
	if (await tablesMissing(connection)) return true;
	const marked = await connection.runAndReadAll(
		`SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'analytics_state' AND column_name = 'version'`
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
	const reader = await connection.runAndReadAll(
		`SELECT count(*) FROM duckdb_tables() WHERE NOT temporary AND table_name IN (${ANALYTICS_TABLES.map((_, i) => `$t${i}`).join(', ')})`,
		Object.fromEntries(ANALYTICS_TABLES.map((t, i) => [`t${i}`, t]))
	);
	return Number(reader.getRows()[0][0]) < ANALYTICS_TABLES.length;
}
