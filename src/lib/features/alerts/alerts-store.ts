import { readFileSync } from 'node:fs';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { SqlParams } from '../../core/db/sql-params.ts';
import type { Statement } from '../../core/db/transaction.ts';
import { CHANCE_SQL } from '../../core/sql/chance-sql.ts';
import type { StoredStep } from '../../core/store/stored-table.ts';
import { ALERT_CONFIG, type AlertConfig } from './alerts-config.ts';
import { ALERT_TABLE_COLUMNS } from './alerts.ts';

const TABLES_SQL = readFileSync(new URL('./alert-tables.sql', import.meta.url), 'utf8');
const DETECTION_SQL = readFileSync(new URL('./alert-detection.sql', import.meta.url), 'utf8');

/** The config as the one-row `alert_settings` table alert-detection.sql reads. */
export function alertSettings(config: AlertConfig): Record<string, DuckDBValue> {
	return {
		window_weeks: config.windowWeeks,
		history_weeks: config.historyWeeks,
		prior_units: config.priorUnits,
		min_units: config.minUnits,
		min_ratio: config.minRatio,
		family_chance: config.familyChance,
		merge_weeks: config.mergeWeeks,
		mature_weeks: config.matureWeeks,
		min_delay_units: config.minDelayUnits,
		severity_high: config.severity.high,
		severity_medium: config.severity.medium,
		shift_groups: listValue([...config.shiftGroups])
	};
}

/**
 * The statements that find the alerts of the data under a config: the stored tables (alert-tables.sql)
 * brought up to date from the week of `changedFrom` on, a SELECT of one TIMESTAMP (alert-detection.sql).
 */
function detectionStatements(config: AlertConfig, changedFrom: string): Statement[] {
	const params = new SqlParams();
	const columns = Object.entries(alertSettings(config)).map(([name, value]) =>
		name === 'shift_groups'
			? `CAST(${params.add(value)} AS VARCHAR[]) AS ${name}`
			: `CAST(${params.add(value)} AS ${Number.isInteger(value) ? 'INTEGER' : 'DOUBLE'}) AS ${name}`
	);
	return [
		{ sql: `CREATE OR REPLACE TEMP TABLE alert_settings AS SELECT ${columns.join(', ')}`, params: params.values },
		{ sql: CHANCE_SQL },
		{ sql: `SET VARIABLE alert_changed_from = (${changedFrom})` },
		{ sql: DETECTION_SQL },
		{ sql: 'RESET VARIABLE alert_changed_from' },
		{ sql: 'DROP TABLE alert_settings' }
	];
}

/** The statements that find the alerts of the data under a config, every week of it. */
export const alertStatements = (config: AlertConfig): Statement[] => [
	{ sql: TABLES_SQL },
	...detectionStatements(config, 'SELECT min(ordered_at) FROM line_facts')
];

/**
 * After a load, the statements that find the alerts again from the week of its earliest event
 * (delta_span.events_from: an order, an RMA, an inspection or a refund, as loaded or as removed): every
 * evaluation before it reads only what happened before it, so it stands.
 */
export const alertDeltaStatements = (config: AlertConfig): Statement[] =>
	detectionStatements(config, 'SELECT events_from FROM delta_span');

const KEPT_FOR_THE_NEXT_LOAD = 'the alert detection after the next load (alert-detection.sql)';

export const ALERTS_STORED: StoredStep[] = [
	{
		stage: 'alerts',
		statements: alertStatements(ALERT_CONFIG),
		delta: alertDeltaStatements(ALERT_CONFIG),
		tables: [
			{
				name: 'alert_skus',
				grain: 'a SKU ordered: its product, name, size, category and supplier, and its first order week',
				columns: ['sku', 'product_id', 'variant', 'product_name', 'category', 'supplier', 'first_week'],
				answers: KEPT_FOR_THE_NEXT_LOAD
			},
			{
				name: 'alert_keys',
				grain: 'a key of a scope (SKU, product, supplier, category, shop): its number, first order week, names',
				columns: [
					'kid',
					'scope',
					'key',
					'first_week',
					'parent_scope',
					'parent_key',
					'label',
					'product_id',
					'category_key',
					'supplier_key',
					'variant'
				],
				answers: KEPT_FOR_THE_NEXT_LOAD
			},
			{
				name: 'alert_sku_map',
				grain: 'a SKU and one of its keys, with its category’s key',
				columns: ['sku', 'first_week', 'kid', 'cat_kid'],
				answers: KEPT_FOR_THE_NEXT_LOAD
			},
			{
				name: 'alert_sold',
				grain: 'a key (numbered in the order first ordered), category and order week: its sold units',
				columns: ['kid', 'cat_kid', 'week', 'units'],
				answers: KEPT_FOR_THE_NEXT_LOAD
			},
			{
				name: 'alert_returned',
				grain: 'a key, order week, return week and measure (all, defect, a reason group): returned units',
				columns: ['kid', 'week', 'return_week', 'measure', 'units'],
				answers: KEPT_FOR_THE_NEXT_LOAD
			},
			{
				name: 'alert_residuals',
				grain: 'a test of a week where chance expects 2 units or more: its squared Pearson residual',
				columns: ['kind', 'kid', 'e', 'residual'],
				answers: KEPT_FOR_THE_NEXT_LOAD
			},
			{
				name: 'alert_firing',
				grain: 'a test of a week that fired, with its counts, chance and dispersion',
				columns: [
					'scope',
					'key',
					'e',
					'kind',
					'reason_group',
					'sold',
					'observed_units',
					'expected_units',
					'returned',
					'trials',
					'chance',
					'dispersion',
					'log_chance'
				],
				answers: KEPT_FOR_THE_NEXT_LOAD
			},
			{
				name: 'alerts',
				grain: 'an alert: a scope whose returns of a window of orders were far above their baseline',
				columns: ALERT_TABLE_COLUMNS,
				answers: 'every alert (GET /api/alerts, the Alerts page, the digest and the webhook)'
			}
		]
	}
];
