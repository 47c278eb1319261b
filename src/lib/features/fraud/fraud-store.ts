import { readFileSync } from 'node:fs';
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { FRAUD_CONFIG, type FraudConfig } from './fraud-config.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { buildCustomerFilesSql } from './customer-file-sql.ts';
import { inTransaction, type Statement } from '../../core/db/transaction.ts';

const FRAUD_SQL = readFileSync(new URL('./fraud.sql', import.meta.url), 'utf8');

/** The config as the one-row `fraud_settings` table fraud.sql reads: one column per threshold. */
export function fraudSettings(config: FraudConfig): Record<string, DuckDBValue> {
	const { serial_returner: s, wardrobing: w, item_switch: i, claim_mismatch: c, shared_identity: id, keep_it_abuse: k } = config;
	return {
		serial_min_lines: s.minLines,
		serial_min_share: s.minReturnedShare,
		serial_severe_share: s.severeReturnedShare,
		wardrobing_min_items: w.minWornItems,
		wardrobing_severe_items: w.severeWornItems,
		wardrobing_categories: listValue(w.categories.map((category) => category.toLowerCase())),
		switch_min_parcels: i.minParcels,
		switch_severe_parcels: i.severeParcels,
		claim_min_unconfirmed: c.minUnconfirmedClaims,
		claim_min_share: c.minUnconfirmedShare,
		claim_severe_unconfirmed: c.severeUnconfirmedClaims,
		identity_min_accounts: id.minAccounts,
		identity_severe_accounts: id.severeAccounts,
		identity_max_accounts: id.maxAccounts,
		identity_keys: listValue([...id.keys]),
		keep_it_min_refunds: k.minRefunds,
		keep_it_severe_refunds: k.severeRefunds,
		flag_points: config.score.flagPoints,
		severity_points: config.score.severityPoints
	};
}

/**
 * Rebuilds the fraud flags, the flagged customers with their files, and the bracketing orders from the
 * loaded and derived tables, in one transaction, so the API only reads them.
 * Runs after refreshDerived.
 */
export async function refreshFraud(connection: DuckDBConnection, config: FraudConfig = FRAUD_CONFIG): Promise<void> {
	await inTransaction(connection, fraudStatements(config));
}

/** The statements refreshFraud runs for a config. */
export function fraudStatements(config: FraudConfig): Statement[] {
	const params = new SqlParams();
	const columns = Object.entries(fraudSettings(config)).map(([name, value]) => `${params.add(value)} AS ${name}`);
	return [
		{ sql: `CREATE OR REPLACE TEMP TABLE fraud_settings AS SELECT ${columns.join(', ')}`, params: params.values },
		{ sql: FRAUD_SQL },
		{ sql: buildCustomerFilesSql() },
		{ sql: 'DROP TABLE fraud_settings' }
	];
}
