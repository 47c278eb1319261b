import { describe, expect, it } from 'vitest';
import { SqlParams } from '../../src/lib/core/db/sql-params.ts';
import {
	alertsOrderBy,
	buildAlertsSql,
	buildDeliveriesSql,
	buildSetStatusSql,
	type AlertSources
} from '../../src/lib/features/alerts/alerts-sql.ts';

const SOURCES: AlertSources = { alerts: true, status: true, deliveries: true, readOnly: false };
const HOSTILE = "x' OR 1=1; DROP TABLE orders; --";

describe('the alerts’ SQL builders', () => {
	it('bind every value a request brings, never splice it', () => {
		const params = new SqlParams();
		const sql = buildAlertsSql(
			{
				from: '2025-01-01',
				to: '2025-02-01',
				category: [HOSTILE],
				product: [HOSTILE],
				sku: [HOSTILE],
				supplier: [HOSTILE],
				kind: 'defect_spike',
				scope: 'sku',
				status: 'acknowledged',
				alertId: HOSTILE
			},
			SOURCES,
			params
		);
		expect(sql).not.toContain(HOSTILE);
		expect(Object.values(params.values).filter((v) => v === HOSTILE)).toHaveLength(5);
		expect(Object.values(params.values)).toEqual(expect.arrayContaining(['acknowledged', 'defect_spike']));
		const write = new SqlParams();
		expect(
			buildSetStatusSql({ alertId: HOSTILE, status: 'dismissed', note: HOSTILE, by: HOSTILE }, write)
		).not.toContain(HOSTILE);
		expect(buildDeliveriesSql(HOSTILE, SOURCES, new SqlParams())).not.toContain(HOSTILE);
	});

	it('read no table the refresh or a person has not made yet', () => {
		const none: AlertSources = { alerts: false, status: false, deliveries: false, readOnly: true };
		const sql = buildAlertsSql({ status: 'all' }, none, new SqlParams());
		expect(sql).not.toMatch(/FROM alerts\b|main\.alert_status/);
		expect(buildDeliveriesSql('http://x', none, new SqlParams())).not.toContain('main.alert_deliveries');
	});

	it('order severity by its rank and every sort to the same alert ids', () => {
		expect(alertsOrderBy('severity', 'desc')).toMatch(/^CASE severity WHEN 'high' THEN 3/);
		expect(alertsOrderBy('detected_on', 'asc')).toMatch(/^detected_on ASC NULLS LAST, .* alert_id ASC$/);
	});
});
