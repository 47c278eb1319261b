import type { Filters } from '../../../analytics/filters.ts';
import type { RateDimension } from '../../../analytics/return-rates.ts';
import type { SqlParams } from '../../sql-params.ts';
import { filterSql } from './filter-sql.ts';

/** Each dimension's key and label, over line_facts and return_lines (both have these columns). */
const DIMENSIONS: Record<RateDimension, { key: string; label: string }> = {
	product: { key: 'product_id', label: 'coalesce(any_value(product_name), any_value(product_id))' },
	sku: { key: 'sku', label: `coalesce(NULLIF(concat_ws(' · ', any_value(product_name), any_value(variant)), ''), any_value(sku))` },
	variant: { key: 'variant', label: 'any_value(variant)' },
	category: { key: 'category', label: 'any_value(category)' },
	supplier: { key: 'supplier', label: 'any_value(supplier)' },
	channel: { key: 'channel', label: 'any_value(channel)' },
	country: { key: 'country', label: 'any_value(country)' }
};

const Z = 1.959963984540054;

/** 95% Wilson score interval bounds for `returned` successes out of `sold` trials. */
export function wilsonSql(returned: string, sold: string, sign: '-' | '+'): string {
	const p = `(${returned}::DOUBLE / ${sold})`;
	return `CASE WHEN ${sold} > 0 THEN greatest(0, least(1, (${p} + ${Z ** 2} / (2 * ${sold}) ${sign} ${Z} * sqrt(${p} * (1 - ${p}) / ${sold} + ${Z ** 2} / (4 * ${sold} * ${sold}))) / (1 + ${Z ** 2} / ${sold}))) END`;
}

export const rate = (num: string, den: string) => `CASE WHEN ${den} > 0 THEN ${num}::DOUBLE / ${den} END`;

/** Return rates per group of one dimension: one row per group, unordered. */
export function buildReturnRatesSql(by: RateDimension, filters: Filters, minUnits: number, params: SqlParams): string {
	const { key, label } = DIMENSIONS[by];
	const where = filterSql(filters, params, 'ordered_at');
	const groupKey = `coalesce(CAST(${key} AS VARCHAR), '(none)')`;
	return `
WITH lines AS (SELECT * FROM line_facts WHERE ${where}),
grouped AS (
  SELECT ${groupKey} AS key, coalesce(${label}, '(none)') AS label, mode(category) AS category,
    sum(sold_units)::BIGINT AS sold_units, sum(returned_units)::BIGINT AS returned_units,
    sum(sold_value) AS sold_value, sum(returned_value) AS returned_value,
    sum(defect_returned_units)::BIGINT AS defect_units, sum(fit_returned_units)::BIGINT AS fit_units,
    count(DISTINCT order_key) AS orders, count(DISTINCT order_key) FILTER (WHERE returned_units > 0) AS returned_orders
  FROM lines GROUP BY 1
),
reasons AS (
  SELECT ${groupKey} AS key, reason_group, sum(returned_units) AS units
  FROM return_lines WHERE ${filterSql(filters, params, 'ordered_at')} GROUP BY ALL
),
top_reason AS (
  SELECT key, reason_group FROM reasons QUALIFY row_number() OVER (PARTITION BY key ORDER BY units DESC, reason_group) = 1
),
category_rates AS (
  SELECT category, ${rate('sum(returned_units)', 'sum(sold_units)')} AS category_unit_return_rate FROM lines GROUP BY category
)
SELECT g.key, g.label, g.category, g.sold_units::INTEGER AS sold_units, g.returned_units::INTEGER AS returned_units,
  ${rate('g.returned_units', 'g.sold_units')} AS unit_return_rate,
  ${rate('g.returned_value', 'g.sold_value')} AS value_return_rate,
  ${rate('g.returned_orders', 'g.orders')} AS order_return_rate,
  ${wilsonSql('g.returned_units', 'g.sold_units', '-')} AS ci_low,
  ${wilsonSql('g.returned_units', 'g.sold_units', '+')} AS ci_high,
  g.sold_units < ${params.add(minUnits)} AS low_sample,
  ${rate('g.defect_units', 'g.sold_units')} AS defect_return_rate,
  ${rate('g.fit_units', 'g.sold_units')} AS fit_return_rate,
  t.reason_group AS top_reason_group,
  ${by === 'category' ? rate('g.returned_units', 'g.sold_units') : by === 'product' || by === 'sku' || by === 'variant' ? 'c.category_unit_return_rate' : 'NULL::DOUBLE'} AS category_unit_return_rate
FROM grouped g
LEFT JOIN top_reason t ON t.key = g.key
LEFT JOIN category_rates c ON c.category IS NOT DISTINCT FROM g.category`;
}

/** Totals over the whole scope, for the answer's meta. */
export function buildRateTotalsSql(filters: Filters, params: SqlParams): string {
	return `SELECT sum(sold_units)::INTEGER AS sold_units, sum(returned_units)::INTEGER AS returned_units,
	  ${rate('sum(returned_units)', 'sum(sold_units)')} AS unit_return_rate, ${rate('sum(returned_value)', 'sum(sold_value)')} AS value_return_rate
	FROM line_facts WHERE ${filterSql(filters, params, 'ordered_at')}`;
}

/**
 * A cohort's start and length per interval, as fixed SQL chosen by the validated interval: DuckDB folds a
 * literal date part once, where a bound one is parsed again on every row.
 */
const COHORTS: Record<'week' | 'month', { start: string; length: string }> = {
	week: { start: `date_trunc('week', ordered_at)`, length: 'INTERVAL 1 WEEK' },
	month: { start: `date_trunc('month', ordered_at)`, length: 'INTERVAL 1 MONTH' }
};

/**
 * Rates per order cohort (week or month of ordered_at). A cohort is final once its last day plus the
 * return window lies before the newest event in the data: younger cohorts will still see returns.
 */
export function buildReturnRateTrendSql(interval: 'week' | 'month', returnWindowDays: number, filters: Filters, params: SqlParams): string {
	return `
WITH as_of AS (
  SELECT greatest((SELECT max(ordered_at) FROM orders), (SELECT max(created_at) FROM rmas), (SELECT max(issued_at) FROM refunds)) AS newest
),
lines AS (SELECT *, ${COHORTS[interval].start} AS cohort FROM line_facts WHERE ${filterSql(filters, params, 'ordered_at')})
SELECT strftime(cohort, '%Y-%m-%d') AS period,
  sum(sold_units)::INTEGER AS sold_units, sum(returned_units)::INTEGER AS returned_units,
  ${rate('sum(returned_units)', 'sum(sold_units)')} AS unit_return_rate,
  ${rate('sum(returned_value)', 'sum(sold_value)')} AS value_return_rate,
  ${rate('count(DISTINCT order_key) FILTER (WHERE returned_units > 0)', 'count(DISTINCT order_key)')} AS order_return_rate,
  ${wilsonSql('sum(returned_units)', 'sum(sold_units)', '-')} AS ci_low,
  ${wilsonSql('sum(returned_units)', 'sum(sold_units)', '+')} AS ci_high,
  ${rate('sum(defect_returned_units)', 'sum(sold_units)')} AS defect_return_rate,
  ${rate('sum(fit_returned_units)', 'sum(sold_units)')} AS fit_return_rate,
  cohort + ${COHORTS[interval].length} + to_days(${params.add(returnWindowDays)}) <= (SELECT newest FROM as_of) AS final
FROM lines GROUP BY cohort`;
}
