import { readFileSync } from 'node:fs';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { FRAUD_CONFIG, type FraudConfig } from './fraud-config.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { CHANCE_SQL } from '../../core/sql/chance-sql.ts';
import {
	CUSTOMER_FILE_SECTIONS,
	buildCustomerFilesSql,
	buildCustomerRowsSql,
	customerFileTable,
	type CustomerFileSection
} from './customer-file-sql.ts';
import type { Statement } from '../../core/db/transaction.ts';
import type { StoredStep } from '../../core/store/stored-table.ts';

const FRAUD_SQL = readFileSync(new URL('./fraud.sql', import.meta.url), 'utf8');

/** The config as the one-row `fraud_settings` table fraud.sql reads: one column per threshold. */
export function fraudSettings(config: FraudConfig): Record<string, DuckDBValue> {
	const {
		serial_returner: s,
		wardrobing: w,
		item_switch: i,
		claim_mismatch: c,
		shared_identity: id,
		keep_it_abuse: k
	} = config;
	return {
		serial_min_lines: s.minLines,
		serial_max_chance: s.maxChance,
		serial_severe_chance: s.severeChance,
		wardrobing_min_items: w.minWornItems,
		wardrobing_max_chance: w.maxChance,
		wardrobing_severe_chance: w.severeChance,
		wardrobing_categories: w.categories && listValue(w.categories.map((category) => category.toLowerCase())),
		wardrobing_min_fit_share: w.minFitShare,
		switch_min_parcels: i.minParcels,
		switch_max_chance: i.maxChance,
		switch_severe_chance: i.severeChance,
		claim_min_unconfirmed: c.minUnconfirmedClaims,
		claim_min_share: c.minUnconfirmedShare,
		claim_max_chance: c.maxChance,
		claim_severe_chance: c.severeChance,
		identity_min_accounts: id.minAccounts,
		identity_severe_accounts: id.severeAccounts,
		identity_max_accounts: id.maxAccounts,
		identity_keys: listValue([...id.keys]),
		keep_it_min_refunds: k.minRefunds,
		keep_it_max_chance: k.maxChance,
		keep_it_severe_chance: k.severeChance,
		prior_lines: config.rates.priorLines,
		flag_points: config.score.flagPoints,
		severity_points: config.score.severityPoints
	};
}

/** The settings whose type their value does not give: null when the categories are to be found in the data. */
const SETTING_TYPES: Record<string, string> = { wardrobing_categories: 'VARCHAR[]' };

/**
 * The statements that build the fraud flags, the flagged customers with their files and the bracketing orders
 * for a config.
 */
export function fraudStatements(config: FraudConfig): Statement[] {
	const params = new SqlParams();
	const columns = Object.entries(fraudSettings(config)).map(([name, value]) =>
		name in SETTING_TYPES
			? `CAST(${params.add(value)} AS ${SETTING_TYPES[name]}) AS ${name}`
			: `${params.add(value)} AS ${name}`
	);
	return [
		{ sql: `CREATE OR REPLACE TEMP TABLE fraud_settings AS SELECT ${columns.join(', ')}`, params: params.values },
		{ sql: CHANCE_SQL },
		{ sql: FRAUD_SQL },
		{ sql: buildCustomerFilesSql() },
		{ sql: 'DROP TABLE fraud_settings' }
	];
}

/** The columns of each section of a stored customer's file. */
const CUSTOMER_FILE_COLUMNS: Record<CustomerFileSection, readonly string[]> = {
	customer: [
		'file_customer_id',
		'customer_id',
		'score',
		'flags',
		'evidence',
		'lines',
		'returns',
		'refunded',
		'known'
	],
	orders: [
		'file_customer_id',
		'line_id',
		'order_id',
		'ordered_at',
		'customer_id',
		'customer_email',
		'address_key',
		'payment_key',
		'sku',
		'product_id',
		'product_name',
		'category',
		'variant',
		'supplier',
		'channel',
		'country',
		'quantity',
		'unit_price',
		'currency',
		'delivered_at'
	],
	returns: [
		'file_customer_id',
		'rma_id',
		'line_id',
		'order_id',
		'customer_id',
		'created_at',
		'quantity',
		'reason_code',
		'reason_text',
		'resolution',
		'status',
		'status_at',
		'return_channel',
		'reason_group',
		'is_return'
	],
	inspections: [
		'file_customer_id',
		'inspection_id',
		'rma_id',
		'line_id',
		'received_at',
		'inspected_at',
		'condition',
		'defect_confirmed',
		'item_matches',
		'disposition',
		'recovery_value',
		'notes'
	],
	refunds: [
		'file_customer_id',
		'refund_id',
		'rma_id',
		'line_id',
		'order_id',
		'issued_at',
		'amount',
		'method',
		'return_shipping_cost',
		'handling_cost',
		'restocking_fee',
		'currency'
	]
};

export const FRAUD_STORED: StoredStep[] = [
	{
		stage: 'rollups',
		statements: [{ sql: buildCustomerRowsSql() }],
		holdsRowIds: true,
		tables: [
			{
				name: 'customer_rows',
				grain:
					'a row of a customer’s file (order line, RMA, inspection, refund, return line or refund fact) ' +
					'by row id, under the hash of the customer id',
				columns: ['customer_hash', 'source', 'row_id'],
				answers: 'an unflagged customer’s file, gathered by row id instead of scanning every table',
				// A row id is where a row is stored, which a rebuild changes; the customer-file tests read them.
				surrogate: ['row_id']
			}
		]
	},
	{
		stage: 'fraud',
		statements: fraudStatements(FRAUD_CONFIG),
		tables: [
			{
				name: 'bracketing_orders',
				grain: 'an order with several sizes of one product, all but one returned',
				columns: [
					'order_id',
					'product_id',
					'customer_id',
					'ordered_at',
					'product_name',
					'category',
					'supplier',
					'channel',
					'country',
					'variants',
					'kept_variant',
					'lines',
					'returned_lines',
					'returned_value'
				],
				answers: '/api/fraud/bracketing'
			},
			{
				name: 'fraud_flags',
				grain: 'a flag a customer reached, with its evidence',
				columns: [
					'customer_id',
					'flag',
					'evidence',
					'observed',
					'expected',
					'chance',
					'value',
					'threshold',
					'severity',
					'points'
				],
				answers: 'the flags of /api/fraud/customers'
			},
			{
				name: 'fraud_customers',
				grain: 'a flagged customer with score, flags and evidence',
				columns: ['customer_id', 'score', 'flags', 'evidence', 'lines', 'returns', 'refunded'],
				answers: '/api/fraud/customers'
			},
			...CUSTOMER_FILE_SECTIONS.map((section) => ({
				name: customerFileTable(section),
				grain: `a ${section} row of a flagged customer’s file, sorted by customer`,
				columns: CUSTOMER_FILE_COLUMNS[section],
				answers: '/api/fraud/customers/:id for a flagged customer'
			}))
		]
	}
];
