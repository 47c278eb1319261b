import type { DuckDBValue } from '@duckdb/node-api';
import { SqlParams } from '../../src/lib/server/sql-params.ts';
import { buildReturnRateTrendSql, buildReturnRatesSql } from '../../src/lib/server/api/analytics/return-rates-sql.ts';
import { buildSummarySql } from '../../src/lib/server/api/analytics/summary-sql.ts';
import { buildRefundBreakdownSql } from '../../src/lib/server/api/analytics/refunds-sql.ts';
import { buildOpenAgeSql } from '../../src/lib/server/api/analytics/timing-sql.ts';
import { buildSuppliersSql } from '../../src/lib/server/api/analytics/suppliers-sql.ts';
import { buildReasonsSql } from '../../src/lib/server/api/analytics/reasons-sql.ts';
import { buildReasonMismatchSql } from '../../src/lib/server/api/analytics/reasons-mismatch-sql.ts';
import { buildFraudCustomersSql } from '../../src/lib/server/api/analytics/fraud-sql.ts';
import { buildSegmentsSql } from '../../src/lib/server/api/analytics/segments-sql.ts';

export interface BenchEndpoint {
	name: string;
	url: string;
	/** The SQL the endpoint runs for this URL, to time it bare. */
	bareSql(): { sql: string; params: Record<string, DuckDBValue> };
}

function built(build: (params: SqlParams) => string, orderBy?: string, limit = 100) {
	return () => {
		const params = new SqlParams();
		const sql = build(params);
		return {
			sql: orderBy ? `SELECT * FROM (${sql}) ORDER BY ${orderBy} LIMIT ${limit}` : sql,
			params: params.values
		};
	};
}

const RATE_ORDER = 'low_sample ASC, unit_return_rate DESC NULLS LAST, key ASC';

export const apiBenchEndpoints: BenchEndpoint[] = [
	{
		name: 'summary (last 90 days)',
		url: '/api/summary?from=2026-08-03&to=2026-10-31',
		bareSql: built((p) => buildSummarySql({ from: '2026-08-03', to: '2026-10-31' }, { from: '2026-05-05', to: '2026-08-02' }, {}, true, p))
	},
	{
		name: 'return-rates by product',
		url: '/api/return-rates?by=product',
		bareSql: built((p) => buildReturnRatesSql('product', {}, 30, true, p), RATE_ORDER)
	},
	{
		name: 'return-rates by sku, one category',
		url: '/api/return-rates?by=sku&category=shoes',
		bareSql: built((p) => buildReturnRatesSql('sku', { category: ['shoes'] }, 30, true, p), RATE_ORDER)
	},
	{
		name: 'return-rates by category',
		url: '/api/return-rates?by=category',
		bareSql: built((p) => buildReturnRatesSql('category', {}, 30, true, p), RATE_ORDER)
	},
	{
		name: 'return-rates trend by month',
		url: '/api/return-rates/trend?interval=month',
		bareSql: built((p) => buildReturnRateTrendSql('month', 30, {}, true, p), 'period ASC')
	},
	{
		name: 'refunds breakdown by category',
		url: '/api/refunds/breakdown?by=category',
		bareSql: built((p) => buildRefundBreakdownSql('category', {}, p))
	},
	{
		name: 'timing (open returns by age)',
		url: '/api/timing',
		bareSql: built((p) => buildOpenAgeSql({}, p))
	},
	{
		name: 'suppliers',
		url: '/api/suppliers',
		bareSql: built((p) => buildSuppliersSql({}, 30, true, p))
	},
	{
		name: 'reasons by reason group',
		url: '/api/reasons?by=reason_group',
		bareSql: built((p) => buildReasonsSql('reason_group', {}, p))
	},
	{
		name: 'reasons mismatch by product',
		url: '/api/reasons/mismatch?by=product',
		bareSql: built((p) => buildReasonMismatchSql('product', {}, p))
	},
	{
		name: 'fraud customers',
		url: '/api/fraud/customers',
		bareSql: built((p) => buildFraudCustomersSql({}, undefined, 0, p))
	},
	{
		name: 'segments',
		url: '/api/segments',
		bareSql: built((p) => buildSegmentsSql(undefined, p))
	}
];
