import type { z } from 'zod';
import type { SqlParams } from '../../core/db/sql-params.ts';
import { ALERT_COLUMN_TYPES, ALERT_TABLE_COLUMNS, type AlertStatus, type alertsQuery } from './alerts.ts';

/**
 * What people said of each alert: one row per alert, its latest acknowledgement or dismissal (the audit
 * log keeps every change). In `main`, beside the loaded data: the refresh builds `alerts` into each new
 * generation and never touches this, so a status outlives every refresh that finds the alert again.
 */
export const ALERT_STATUS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS main.alert_status (
  alert_id VARCHAR PRIMARY KEY,
  status VARCHAR NOT NULL,
  note VARCHAR NOT NULL,
  changed_by VARCHAR NOT NULL,
  changed_at TIMESTAMP NOT NULL
)`;

/**
 * The alerts each delivery target answered with a 2xx (`npm run alerts`), so none is sent twice. A
 * target is kept as the SHA-256 of its URL: webhook URLs carry their secret in the path.
 */
export const ALERT_DELIVERIES_TABLE_SQL = `CREATE TABLE IF NOT EXISTS main.alert_deliveries (
  alert_id VARCHAR NOT NULL,
  target_sha256 VARCHAR NOT NULL,
  status_code INTEGER NOT NULL,
  delivered_at TIMESTAMP NOT NULL,
  PRIMARY KEY (alert_id, target_sha256)
)`;

/** Which tables the alerts' queries read exist, and whether the database takes writes. */
export interface AlertSources {
	/** `alerts` in the connection's search path (the published generation): built by the alert detection. */
	alerts: boolean;
	/** `main.alert_status`: made by the first acknowledgement or dismissal. */
	status: boolean;
	/** `main.alert_deliveries`: made by the first delivery. */
	deliveries: boolean;
	readOnly: boolean;
}

const mainTable = (name: string) =>
	`EXISTS (SELECT 1 FROM duckdb_tables()
    WHERE database_name = current_database() AND schema_name = 'main' AND table_name = '${name}')`;

/**
 * AlertSources in one row. A generation refreshed before alert detection existed has no `alerts`: it
 * reads as a database without alerts until the next refresh builds them.
 */
export const ALERT_SOURCES_SQL = `SELECT
  EXISTS (SELECT 1 FROM duckdb_tables()
    WHERE database_name = current_database() AND table_name = 'alerts'
      AND list_contains(string_split(current_setting('search_path'), ','), schema_name)) AS alerts,
  ${mainTable('alert_status')} AS status,
  ${mainTable('alert_deliveries')} AS deliveries,
  (SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()) AS "readOnly"`;

const NO_ALERTS = ALERT_TABLE_COLUMNS.map((c) => `CAST(NULL AS ${ALERT_COLUMN_TYPES[c]}) AS ${c}`);

/** The stored alerts, or no rows of the same columns where the refresh built none. */
const alertsRelation = (sources: AlertSources) =>
	sources.alerts ? 'alerts' : `(SELECT ${NO_ALERTS.join(', ')} WHERE FALSE)`;

const statusRelation = (sources: AlertSources) =>
	sources.status
		? 'main.alert_status'
		: `(SELECT CAST(NULL AS VARCHAR) AS alert_id, CAST(NULL AS VARCHAR) AS status, CAST(NULL AS VARCHAR) AS note,
       CAST(NULL AS VARCHAR) AS changed_by, CAST(NULL AS TIMESTAMP) AS changed_at WHERE FALSE)`;

/** The stored columns as the API answers them (typed the same whatever the detection stored), with the status. */
const STORED_COLUMNS = ALERT_TABLE_COLUMNS.map((c) => `CAST(a.${c} AS ${ALERT_COLUMN_TYPES[c]}) AS ${c}`);
const SELECT_ALERT = `SELECT ${STORED_COLUMNS.join(',\n  ')},
  coalesce(s.status, 'open') AS status,
  nullif(s.note, '') AS status_note,
  s.changed_by AS status_by,
  strftime(s.changed_at, '%Y-%m-%dT%H:%M:%SZ') AS status_at`;

export type AlertsQuery = z.output<typeof alertsQuery>;

/** One alert by id (`alertId`), or the alerts a query selects: every value bound. */
export function buildAlertsSql(
	q: Partial<AlertsQuery> & { alertId?: string },
	sources: AlertSources,
	params: SqlParams
): string {
	const conditions = ['TRUE'];
	if (q.alertId !== undefined) conditions.push(`a.alert_id = ${params.add(q.alertId)}`);
	if (q.from) conditions.push(`CAST(a.detected_on AS DATE) >= CAST(${params.add(q.from)} AS DATE)`);
	if (q.to) conditions.push(`CAST(a.detected_on AS DATE) <= CAST(${params.add(q.to)} AS DATE)`);
	const within = (column: string, values: string[] | undefined) => {
		if (values?.length) conditions.push(`${column} IN (${values.map((v) => params.add(v)).join(', ')})`);
	};
	within('a.category', q.category);
	within('a.product_id', q.product);
	within('a.supplier', q.supplier);
	if (q.sku?.length) {
		conditions.push(`a.scope = 'sku'`);
		within('a.key', q.sku);
	}
	if (q.kind) conditions.push(`a.kind = ${params.add(q.kind)}`);
	if (q.scope) conditions.push(`a.scope = ${params.add(q.scope)}`);
	if (q.status && q.status !== 'all') conditions.push(`coalesce(s.status, 'open') = ${params.add(q.status)}`);
	return `${SELECT_ALERT}
FROM ${alertsRelation(sources)} a
LEFT JOIN ${statusRelation(sources)} s ON s.alert_id = a.alert_id
WHERE ${conditions.join(' AND ')}`;
}

const SEVERITY_RANK = `CASE severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 END`;

/** What each sort column orders by: severity by its rank, not its name. */
const SORT_EXPRESSIONS: Record<NonNullable<AlertsQuery['sort']>, string> = {
	detected_on: 'detected_on',
	severity: SEVERITY_RANK,
	p_value: 'p_value',
	observed_units: 'observed_units',
	kind: 'kind',
	scope: 'scope'
};

/** ORDER BY for a list of alerts: the sort asked for (newest first by default), then the most severe. */
export function alertsOrderBy(sort: NonNullable<AlertsQuery['sort']>, order: 'asc' | 'desc'): string {
	const direction = order === 'asc' ? 'ASC' : 'DESC';
	return `${SORT_EXPRESSIONS[sort]} ${direction} NULLS LAST, ${SEVERITY_RANK} DESC, p_value ASC, alert_id ASC`;
}

/** The open alerts: the navigation's badge. */
export const buildOpenCountSql = (sources: AlertSources, params: SqlParams) =>
	`SELECT count(*)::INTEGER AS open FROM (${buildAlertsSql({ status: 'open' }, sources, params)})`;

/** Sets an alert's status (replacing the one before), by whom, now. */
export function buildSetStatusSql(
	change: { alertId: string; status: Exclude<AlertStatus, 'open'>; note: string; by: string },
	params: SqlParams
): string {
	return `INSERT OR REPLACE INTO main.alert_status (alert_id, status, note, changed_by, changed_at)
VALUES (${params.add(change.alertId)}, ${params.add(change.status)}, ${params.add(change.note)},
  ${params.add(change.by)}, now()::TIMESTAMP)`;
}

/** The deliveries to one target. */
export function buildDeliveriesSql(target: string, sources: AlertSources, params: SqlParams): string {
	const deliveries = sources.deliveries
		? 'main.alert_deliveries'
		: `(SELECT CAST(NULL AS VARCHAR) AS alert_id, CAST(NULL AS VARCHAR) AS target_sha256,
       CAST(NULL AS INTEGER) AS status_code, CAST(NULL AS TIMESTAMP) AS delivered_at WHERE FALSE)`;
	return `SELECT alert_id, status_code, strftime(delivered_at, '%Y-%m-%dT%H:%M:%SZ') AS delivered_at
FROM ${deliveries}
WHERE target_sha256 = sha256(${params.add(target)})`;
}

/** Remembers that a target took an alert (a later run posts it again only if this never landed). */
export function buildRecordDeliverySql(
	delivery: { alertId: string; target: string; statusCode: number },
	params: SqlParams
): string {
	return `INSERT OR REPLACE INTO main.alert_deliveries (alert_id, target_sha256, status_code, delivered_at)
VALUES (${params.add(delivery.alertId)}, sha256(${params.add(delivery.target)}), ${params.add(delivery.statusCode)},
  now()::TIMESTAMP)`;
}
