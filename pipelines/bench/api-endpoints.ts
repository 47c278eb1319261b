import type { DuckDBValue } from '@duckdb/node-api';
import { SqlParams } from '../../src/lib/core/db/sql-params.ts';
import { buildRateTotalsSql, buildReturnRateTrendSql, buildReturnRatesSql } from '../../src/lib/features/return-rates/return-rates-sql.ts';
import { buildPeriodSql, buildSummarySql } from '../../src/lib/features/summary/summary-sql.ts';
import { buildRefundBreakdownSql, buildRefundTotalsSql } from '../../src/lib/features/costs/costs-sql.ts';
import { buildOpenAgeSql, buildTimingKpisSql } from '../../src/lib/features/timing/timing-sql.ts';
import { buildSupplierTotalsSql, buildSuppliersSql } from '../../src/lib/features/suppliers/suppliers-sql.ts';
import { REASON_TOTALS, buildReasonsSql } from '../../src/lib/features/reasons/reasons-sql.ts';
import { REASON_MISMATCH_TOTALS, buildReasonMismatchSql } from '../../src/lib/features/reasons/mismatch/mismatch-sql.ts';
import { buildPageSql, type ListSpec } from '../../src/lib/core/api/list-response.ts';
import { buildBracketingCustomersSql, buildBracketingOrdersSql, buildCustomerFlagsSql, buildFraudCustomersSql } from '../../src/lib/features/fraud/fraud-sql.ts';
import { CUSTOMER_FILE_SECTIONS, buildCustomerFileSql, buildCustomerFileStoredSql, buildCustomerStageSql } from '../../src/lib/features/fraud/customer-file-sql.ts';
import { buildReasonAssignmentsSql, reasonClustersList } from '../../src/lib/features/reasons/themes/themes-sql.ts';
import { ORDER_DATES_SQL, buildFilterOptionsSql } from '../../src/lib/features/filter-options/filter-options-sql.ts';
import { buildSegmentCustomersSql, buildSegmentExistsSql, buildSegmentsSql } from '../../src/lib/features/segments/segments-sql.ts';

export interface BenchStatement {
	sql: string;
	params: Record<string, DuckDBValue>;
}

export interface BenchEndpoint {
	name: string;
	url: string;
	/** Every statement the endpoint runs for this URL, in order, to time them bare. */
	bareSql(): BenchStatement[];
}

type Build = (params: SqlParams) => string | Pick<ListSpec, 'sql' | 'shownOnly' | 'totals'>;

/**
 * A list as respondList answers it in JSON (first page of 100, with `totals` when the endpoint has
 * them, given or built with the list), after the statements that give the rest of its meta; a
 * summary (no order) as it is.
 */
function statements(list: Build, orderBy: string | null, meta: Build[] = [], totals?: Record<string, string>, readsRows = false) {
	return (): BenchStatement[] =>
		[...meta, list].map((build, i) => {
			const params = new SqlParams();
			const built = build(params);
			const list = typeof built === 'string' ? { sql: built } : built;
			if (i < meta.length || !orderBy) return { sql: list.sql, params: params.values };
			return { sql: buildPageSql({ totals, ...list, orderBy, readsRows }), params: { ...params.values, __limit: 100, __offset: 0 } };
		});
}

const RATE_ORDER = 'low_sample ASC, unit_return_rate DESC NULLS LAST, key ASC';
const EXACT: Build = () => 'SELECT exact FROM rate_cells_exact';

/** The statements of one customer's file: whether it is stored, its sections, its flags. */
const customerFile = (customerId: string, stored: boolean) => (): BenchStatement[] => {
	const staging = stored ? [] : buildCustomerStageSql(customerId);
	const statement = (build: (params: SqlParams) => string): BenchStatement => {
		const params = new SqlParams();
		return { sql: build(params), params: params.values };
	};
	return [
		statement((p) => buildCustomerFileStoredSql(customerId, p)),
		...staging,
		...CUSTOMER_FILE_SECTIONS.map((section) => statement((p) => buildCustomerFileSql(section, customerId, stored, p))),
		statement((p) => buildCustomerFlagsSql(customerId, p))
	];
};

/**
 * Every endpoint. The one-customer view is timed for a flagged customer (its file stored at ingest) and
 * for an ordinary one with returns (its file read from the loaded tables).
 */
export const apiBenchEndpoints = (customers: { flagged: string; ordinary: string }): BenchEndpoint[] => [
	{
		name: 'summary (last 90 days)',
		url: '/api/summary?from=2026-08-03&to=2026-10-31',
		bareSql: statements(
			(p) => buildSummarySql({ from: '2026-08-03', to: '2026-10-31' }, { from: '2026-05-05', to: '2026-08-02' }, {}, true, p),
			null,
			[(p) => buildPeriodSql({ from: '2026-08-03', to: '2026-10-31' }, 90, p), EXACT]
		)
	},
	{
		name: 'return-rates by product',
		url: '/api/return-rates?by=product',
		bareSql: statements((p) => buildReturnRatesSql('product', {}, 30, true, p), RATE_ORDER, [EXACT, (p) => buildRateTotalsSql({}, true, p)])
	},
	{
		name: 'return-rates by sku, one category',
		url: '/api/return-rates?by=sku&category=shoes',
		bareSql: statements((p) => buildReturnRatesSql('sku', { category: ['shoes'] }, 30, true, p), RATE_ORDER, [EXACT, (p) => buildRateTotalsSql({ category: ['shoes'] }, true, p)])
	},
	{
		name: 'return-rates by category',
		url: '/api/return-rates?by=category',
		bareSql: statements((p) => buildReturnRatesSql('category', {}, 30, true, p), RATE_ORDER, [EXACT, (p) => buildRateTotalsSql({}, true, p)])
	},
	{
		name: 'return-rates trend by month',
		url: '/api/return-rates/trend?interval=month',
		bareSql: statements((p) => buildReturnRateTrendSql('month', 30, {}, true, p), 'period ASC', [EXACT])
	},
	{
		name: 'refunds breakdown by category',
		url: '/api/refunds/breakdown?by=category',
		bareSql: statements((p) => buildRefundBreakdownSql('category', {}, p), 'refunded DESC, key ASC', [(p) => buildRefundTotalsSql({}, p)])
	},
	{
		name: 'timing, no filter (stored quantiles)',
		url: '/api/timing',
		bareSql: statements((p) => buildOpenAgeSql({}, p), 'min_days ASC', [(p) => buildTimingKpisSql({}, 14, p)])
	},
	{
		name: 'timing, one category (live)',
		url: '/api/timing?category=shoes',
		bareSql: statements((p) => buildOpenAgeSql({ category: ['shoes'] }, p), 'min_days ASC', [(p) => buildTimingKpisSql({ category: ['shoes'] }, 14, p)])
	},
	{
		name: 'suppliers',
		url: '/api/suppliers',
		bareSql: statements((p) => buildSuppliersSql({}, 30, true, p), 'low_sample ASC, defect_return_rate DESC NULLS LAST, key ASC', [EXACT, (p) => buildSupplierTotalsSql({}, true, p)])
	},
	{
		name: 'reasons by reason group',
		url: '/api/reasons?by=reason_group',
		bareSql: statements((p) => buildReasonsSql('reason_group', {}, p), 'returned_units DESC NULLS LAST, key ASC', [], REASON_TOTALS)
	},
	{
		name: 'reasons mismatch by product',
		url: '/api/reasons/mismatch?by=product',
		bareSql: statements((p) => buildReasonMismatchSql('product', {}, p), 'claimed_defect_not_confirmed DESC NULLS LAST, inspected_lines DESC, key ASC', [], REASON_MISMATCH_TOTALS)
	},
	{
		name: 'fraud customers',
		url: '/api/fraud/customers',
		bareSql: statements((p) => buildFraudCustomersSql({}, undefined, 0, p), 'score DESC NULLS LAST, customer_id ASC')
	},
	{
		name: 'segments',
		url: '/api/segments',
		bareSql: statements((p) => buildSegmentsSql(undefined, p), 'size DESC, id ASC')
	},
	{
		name: 'segment customers (JSON page)',
		url: '/api/segments/exchangers/customers?format=json',
		bareSql: statements((p) => buildSegmentCustomersSql('exchangers', undefined, p), 'last_return DESC NULLS LAST, customer_id ASC', [(p) => buildSegmentExistsSql('exchangers', p)], undefined, true)
	},
	{
		name: 'reason clusters (stored)',
		url: '/api/reasons/clusters',
		bareSql: statements((p) => reasonClustersList({}, p), 'size DESC NULLS LAST, cluster_id ASC')
	},
	{
		name: 'reason clusters, one category',
		url: '/api/reasons/clusters?category=shoes',
		bareSql: statements((p) => reasonClustersList({ category: ['shoes'] }, p), 'size DESC NULLS LAST, cluster_id ASC')
	},
	{
		name: 'reason assignments',
		url: '/api/reasons/assignments',
		bareSql: statements((p) => buildReasonAssignmentsSql({}, undefined, p), 'created_at DESC NULLS LAST, rma_id DESC, line_id DESC', [], undefined, true)
	},
	{
		name: 'fraud customer detail',
		url: `/api/fraud/customers/${encodeURIComponent(customers.flagged)}`,
		bareSql: customerFile(customers.flagged, true)
	},
	{
		name: 'customer detail, not under review',
		url: `/api/fraud/customers/${encodeURIComponent(customers.ordinary)}`,
		bareSql: customerFile(customers.ordinary, false)
	},
	{
		name: 'bracketing orders',
		url: '/api/fraud/bracketing',
		bareSql: statements((p) => buildBracketingOrdersSql({}, p), 'ordered_at DESC NULLS LAST, order_id ASC, product_id ASC', [], undefined, true)
	},
	{
		name: 'bracketing customers',
		url: '/api/fraud/bracketing/customers',
		bareSql: statements((p) => buildBracketingCustomersSql({}, p), 'orders DESC NULLS LAST, customer_id ASC')
	},
	{
		name: 'filter options',
		url: '/api/filter-options?dimension=category&dimension=supplier&dimension=channel&dimension=country',
		bareSql: statements((p) => buildFilterOptionsSql(['category', 'supplier', 'channel', 'country'], p), null, [() => ORDER_DATES_SQL])
	}
];
