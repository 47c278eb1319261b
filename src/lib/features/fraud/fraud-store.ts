import { readFileSync } from 'node:fs';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { FRAUD_CONFIG, type FraudConfig } from './fraud-config.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { CHANCE_SQL } from '../../core/sql/chance-sql.ts';
import {
	CUSTOMER_FILE_SECTIONS,
	buildCustomerFilesDeltaSql,
	buildCustomerFilesSql,
	buildCustomerRowsDeltaSql,
	buildCustomerRowsSql,
	buildCustomerTotalsDeltaSql,
	buildCustomerTotalsSql,
	CUSTOMER_TOTALS,
	customerFileTable,
	customerTotalsLiveSql,
	type CustomerFileSection
} from './customer-file-sql.ts';
import { FRAUD_FACTS_DELTA, FRAUD_FACTS_DELTA_TEMP, FRAUD_FACTS_FULL, FRAUD_FACTS_TEMP } from './fraud-facts-sql.ts';
import type { Statement } from '../../core/db/transaction.ts';
import { holdsRows, type StoredStep } from '../../core/store/stored-table.ts';

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

/** The config as the one-row temp table `fraud_settings`, with the chance macros fraud.sql weighs by. */
function settingsStatements(config: FraudConfig): Statement[] {
	const params = new SqlParams();
	const columns = Object.entries(fraudSettings(config)).map(([name, value]) =>
		name in SETTING_TYPES
			? `CAST(${params.add(value)} AS ${SETTING_TYPES[name]}) AS ${name}`
			: `${params.add(value)} AS ${name}`
	);
	return [
		{ sql: `CREATE OR REPLACE TEMP TABLE fraud_settings AS SELECT ${columns.join(', ')}`, params: params.values },
		{ sql: CHANCE_SQL }
	];
}

const drop = (tables: readonly string[]): Statement[] => tables.map((table) => ({ sql: `DROP TABLE ${table}` }));

/**
 * The statements that build the fraud facts, flags, the flagged customers with their files and the
 * bracketing orders for a config.
 */
export function fraudStatements(config: FraudConfig): Statement[] {
	return [
		...settingsStatements(config),
		...FRAUD_FACTS_FULL,
		{ sql: buildCustomerTotalsSql() },
		{ sql: FRAUD_SQL },
		{ sql: buildCustomerFilesSql() },
		...drop(['fraud_settings', ...FRAUD_FACTS_TEMP])
	];
}

/**
 * The same tables brought up to date for a delta (refresh.ts): the facts for what it reaches, then the
 * flags and flagged customers judged again whole, then the files that changed. Leaves for the segments
 * (which leave flagged customers out) `fraud_flag_changes`, the customers flagged or no longer flagged,
 * and the temp tables fraud_fact_customers and fraud_new_facts: the customers whose facts it brought up
 * to date, and their facts (segments-store-sql.ts drops them).
 */
export function fraudDeltaStatements(config: FraudConfig): Statement[] {
	return [
		...settingsStatements(config),
		...FRAUD_FACTS_DELTA.map((sql) => ({ sql })),
		...buildCustomerTotalsDeltaSql().map((sql) => ({ sql })),
		{ sql: 'CREATE OR REPLACE TEMP TABLE fraud_old_customers AS SELECT customer_id FROM fraud_customers' },
		{ sql: FRAUD_SQL },
		...buildCustomerFilesDeltaSql().map((sql) => ({ sql })),
		{
			sql: `CREATE OR REPLACE TEMP TABLE fraud_flag_changes AS
			 (SELECT customer_id FROM fraud_customers EXCEPT SELECT customer_id FROM fraud_old_customers)
			 UNION (SELECT customer_id FROM fraud_old_customers EXCEPT SELECT customer_id FROM fraud_customers)`
		},
		...drop(['fraud_settings', 'fraud_old_customers', ...FRAUD_FACTS_TEMP, ...FRAUD_FACTS_DELTA_TEMP])
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
		delta: buildCustomerRowsDeltaSql().map((sql) => ({ sql })),
		holdsRowIds: ['orders', 'rmas', 'inspections', 'refunds'],
		tables: [
			{
				name: 'customer_rows',
				grain:
					'a row of a customer’s file (order line, RMA, inspection or refund) by row id, under the hash ' +
					'of the customer id',
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
		delta: fraudDeltaStatements(FRAUD_CONFIG),
		tables: [
			{
				name: 'fraud_products',
				grain: 'a product in a category, as order lines name them',
				columns: ['pair', 'product_id', 'category', 'lines', 'counted', 'returned', 'returned_all', 'fit'],
				answers: 'the return and fit rates fraud.sql measures customers against',
				surrogate: ['pair']
			},
			{
				name: 'customer_facts',
				grain: 'a customer with order lines',
				columns: [
					'customer_id',
					'lines',
					'counted',
					'returned_lines',
					'bracketing_returns',
					'returns',
					'refunded',
					'rma_lines',
					'spend',
					'email',
					'email_at',
					'country',
					'country_at',
					'pairs'
				],
				answers:
					'what fraud.sql and the segments weigh of a customer; `pairs` (numbered as ' +
					'fraud_products.pair) the products bought',
				surrogate: ['pairs']
			},
			{
				name: CUSTOMER_TOTALS,
				grain: 'a customer with a return line or a refund, by the hash of the customer id',
				columns: ['customer_hash', 'customer_id', 'returns', 'refunded'],
				answers: 'an unflagged customer’s returns and refunded amount, as customer_facts counts them',
				check: holdsRows(CUSTOMER_TOTALS, customerTotalsLiveSql)
			},
			{
				name: 'fraud_rma_lines',
				grain: 'an RMA line on a loaded order line that is worn, switched, a claim, keep-it, or closed',
				columns: [
					'rma_id',
					'line_id',
					'order_id',
					'customer_id',
					'category',
					'worn',
					'switched',
					'claim',
					'unconfirmed',
					'keep_it',
					'closed'
				],
				answers: 'the incidents fraud.sql counts'
			},
			{
				name: 'fraud_keep_it_rmas',
				grain: 'an RMA with a keep-it line',
				columns: ['rma_id', 'inspected', 'refunds', 'amounts'],
				answers: 'whether a keep-it RMA was inspected or refunded, and for how much'
			},
			{
				name: 'fraud_shared_keys',
				grain: 'an address or payment key two or more accounts used',
				columns: ['kind', 'key', 'accounts', 'customers'],
				answers: 'the shared identities fraud.sql flags'
			},
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
