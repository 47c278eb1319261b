import type { DuckDBConnection } from '@duckdb/node-api';
import type { z } from 'zod';
import type { ListSpec } from '../../core/api/list-response.ts';
import { SqlParams, boundStatement } from '../../core/db/sql-params.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import {
	ALERT_DEFINITIONS,
	type AlertCount,
	type AlertRow,
	type AlertStatus,
	type alertDeliveriesQuery
} from './alerts.ts';
import {
	ALERT_DELIVERIES_TABLE_SQL,
	ALERT_SOURCES_SQL,
	ALERT_STATUS_TABLE_SQL,
	alertsOrderBy,
	buildAlertsSql,
	buildDeliveriesSql,
	buildOpenCountSql,
	buildRecordDeliverySql,
	buildSetStatusSql,
	type AlertSources,
	type AlertsQuery
} from './alerts-sql.ts';

export async function alertSources(connection: DuckDBConnection): Promise<AlertSources> {
	const [row] = (await connection.runAndReadAll(ALERT_SOURCES_SQL)).getRowObjectsJS();
	return row as unknown as AlertSources;
}

/** `GET /api/alerts`: the alerts a query selects, with their status, as a list. */
export async function alertsStatement(q: AlertsQuery, connection: DuckDBConnection): Promise<ListSpec> {
	const sources = await alertSources(connection);
	const params = new SqlParams();
	const sort = q.sort ?? 'detected_on';
	return {
		sql: buildAlertsSql(q, sources, params),
		params: params.values,
		orderBy: alertsOrderBy(sort, q.order),
		name: 'alerts',
		meta: {
			status: q.status,
			kind: q.kind ?? null,
			scope: q.scope ?? null,
			sort,
			order: q.order,
			filters: appliedFilters(q),
			// False until a refresh with alert detection has built the generation's alerts.
			detected: sources.alerts,
			definitions: ALERT_DEFINITIONS
		}
	};
}

/** `GET /api/alerts/count`. */
export async function openAlertCount(connection: DuckDBConnection): Promise<AlertCount> {
	const sources = await alertSources(connection);
	const { sql, params } = boundStatement((p) => buildOpenCountSql(sources, p));
	const [row] = (await connection.runAndReadAll(sql, params)).getRowObjectsJS();
	return { open: Number(row.open) };
}

async function readAlert(connection: DuckDBConnection, alertId: string): Promise<AlertRow | null> {
	const sources = await alertSources(connection);
	const { sql, params } = boundStatement((p) => buildAlertsSql({ alertId }, sources, p));
	const [row] = (await connection.runAndReadAll(sql, params)).getRowObjectsJson();
	return (row as unknown as AlertRow | undefined) ?? null;
}

/** Why a write was not made: the database is open read-only (a report's), or no alert has that id. */
export type WriteRefusal = 'read-only' | 'unknown';

/**
 * Acknowledges or dismisses an alert of the published generation, by whom and why; answers the alert as
 * it now reads, or why nothing was written.
 */
export async function setAlertStatus(
	connection: DuckDBConnection,
	change: { alertId: string; status: Exclude<AlertStatus, 'open'>; note: string; by: string }
): Promise<AlertRow | WriteRefusal> {
	if ((await alertSources(connection)).readOnly) return 'read-only';
	if (!(await readAlert(connection, change.alertId))) return 'unknown';
	await connection.run(ALERT_STATUS_TABLE_SQL);
	const { sql, params } = boundStatement((p) => buildSetStatusSql(change, p));
	await connection.run(sql, params);
	return (await readAlert(connection, change.alertId))!;
}

/** `GET /api/alert-deliveries`: what one target took. */
export async function deliveriesStatement(
	q: z.output<typeof alertDeliveriesQuery>,
	connection: DuckDBConnection
): Promise<ListSpec> {
	const sources = await alertSources(connection);
	const params = new SqlParams();
	return {
		sql: buildDeliveriesSql(q.target, sources, params),
		params: params.values,
		orderBy: `delivered_at ${q.order === 'asc' ? 'ASC' : 'DESC'}, alert_id ASC`,
		name: 'alert-deliveries',
		meta: { target: q.target, sort: 'delivered_at', order: q.order }
	};
}

/** Remembers that a target answered an alert with a 2xx; refused for an unknown alert or a read-only database. */
export async function recordDelivery(
	connection: DuckDBConnection,
	delivery: { alertId: string; target: string; statusCode: number }
): Promise<'recorded' | WriteRefusal> {
	if ((await alertSources(connection)).readOnly) return 'read-only';
	if (!(await readAlert(connection, delivery.alertId))) return 'unknown';
	await connection.run(ALERT_DELIVERIES_TABLE_SQL);
	const { sql, params } = boundStatement((p) => buildRecordDeliverySql(delivery, p));
	await connection.run(sql, params);
	return 'recorded';
}
