import { readFileSync } from 'node:fs';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { SqlParams } from '../../core/db/sql-params.ts';
import type { Statement } from '../../core/db/transaction.ts';
import { CHANCE_SQL } from '../../core/sql/chance-sql.ts';
import type { StoredStep } from '../../core/store/stored-table.ts';
import { ALERT_CONFIG, type AlertConfig } from './alerts-config.ts';
import { ALERT_TABLE_COLUMNS } from './alerts.ts';

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

/** The statements that find the alerts of the data under a config. */
export function alertStatements(config: AlertConfig): Statement[] {
	const params = new SqlParams();
	const columns = Object.entries(alertSettings(config)).map(([name, value]) =>
		name === 'shift_groups'
			? `CAST(${params.add(value)} AS VARCHAR[]) AS ${name}`
			: `CAST(${params.add(value)} AS ${Number.isInteger(value) ? 'INTEGER' : 'DOUBLE'}) AS ${name}`
	);
	return [
		{ sql: `CREATE OR REPLACE TEMP TABLE alert_settings AS SELECT ${columns.join(', ')}`, params: params.values },
		{ sql: CHANCE_SQL },
		{ sql: DETECTION_SQL },
		{ sql: 'DROP TABLE alert_settings' }
	];
}

export const ALERTS_STORED: StoredStep[] = [
	{
		stage: 'alerts',
		statements: alertStatements(ALERT_CONFIG),
		tables: [
			{
				name: 'alerts',
				grain: 'an alert: a scope whose returns of a window of orders were far above their baseline',
				columns: ALERT_TABLE_COLUMNS,
				answers: 'every alert (GET /api/alerts, the Alerts page, the digest and the webhook)'
			}
		]
	}
];
