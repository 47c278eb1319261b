import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

const DERIVED_SQL = readFileSync(new URL('./derived.sql', import.meta.url), 'utf8');

/** Every table the analytics read that ingestion builds, here and in the clusters and fraud steps. */
export const DERIVED_TABLES = [
	'reason_map',
	'return_lines',
	'line_facts',
	'refund_facts',
	'filter_options',
	'rate_cells',
	'rate_cells_exact',
	'reason_clusters',
	'reason_text_clusters',
	'bracketing_orders',
	'fraud_flags',
	'fraud_customers',
	'segment_catalogue',
	'segment_customers'
] as const;

export async function refreshDerived(connection: DuckDBConnection): Promise<void> {
	await connection.run('BEGIN TRANSACTION');
	try {
		await connection.run(DERIVED_SQL);
		await connection.run('COMMIT');
	} catch (error) {
		await connection.run('ROLLBACK');
		throw error;
	}
}

/** True when a derived table is missing, e.g. after a run that was killed between load and refresh. */
export async function derivedMissing(connection: DuckDBConnection): Promise<boolean> {
	const reader = await connection.runAndReadAll(
		`SELECT count(*) FROM duckdb_tables() WHERE NOT temporary AND table_name IN (${DERIVED_TABLES.map((_, i) => `$t${i}`).join(', ')})`,
		Object.fromEntries(DERIVED_TABLES.map((t, i) => [`t${i}`, t]))
	);
	return Number(reader.getRows()[0][0]) < DERIVED_TABLES.length;
}
