import type { Filters } from '../../core/filters/filters.ts';
import type { RateDimension } from './return-rates.ts';
import type { SqlParams } from '../../core/db/sql-params.ts';
import { rate, wilsonSql } from '../../core/sql/rate-sql.ts';
import { AS_OF_SQL } from '../../core/cells/as-of-sql.ts';
import type { ListSpec } from '../../core/api/list-response.ts';
import { REASON_CELLS, rateSource, sumsSource } from '../../core/cells/rate-source-sql.ts';

/**
 * Each dimension's key and label, over line_facts, rate_cells and return_lines (all have these
 * columns), and its category where a group has one.
 */
const DIMENSIONS: Record<RateDimension, { key: string; label: string; category: string }> = {
	product: {
		key: 'product_id',
		label: 'coalesce(any_value(product_name), any_value(product_id))',
		category: 'mode(category)'
	},
	sku: {
		key: 'sku',
		label: `coalesce(NULLIF(concat_ws(' · ', any_value(product_name), any_value(variant)), ''), any_value(sku))`,
		category: 'mode(category)'
	},
	variant: { key: 'variant', label: 'any_value(variant)', category: 'mode(category)' },
	category: { key: 'category', label: 'any_value(category)', category: 'any_value(category)' },
	supplier: { key: 'supplier', label: 'any_value(supplier)', category: 'NULL::VARCHAR' },
	channel: { key: 'channel', label: 'any_value(channel)', category: 'NULL::VARCHAR' },
	country: { key: 'country', label: 'any_value(country)', category: 'NULL::VARCHAR' }
};

/** Each group's most returned-for stated reason group, over the groups `keys` selects (all when none). */
function topReasonSql(groupKey: string, reasons: string, keys?: string): string {
	return `SELECT key, reason_group FROM (
    SELECT ${groupKey} AS key, reason_group, sum(returned_units) AS units
    FROM (${reasons}) ${keys ? `WHERE ${groupKey} IN (${keys})` : ''} GROUP BY ALL
  ) QUALIFY row_number() OVER (PARTITION BY key ORDER BY units DESC, reason_group) = 1`;
}

/**
 * Return rates per group of one dimension: one row per group, unordered. `exact` says whether the
 * pre-aggregated rate_cells may answer (rateSource). The top reason is only shown, so a page looks it
 * up for its own groups (ListSpec.shownOnly).
 */
export function buildReturnRatesSql(
	by: RateDimension,
	filters: Filters,
	minUnits: number,
	exact: boolean,
	params: SqlParams
): Pick<ListSpec, 'sql' | 'shownOnly'> {
	const { key, label, category } = DIMENSIONS[by];
	const source = rateSource(by, filters, exact, params);
	const groupKey = `coalesce(CAST(${key} AS VARCHAR), '(none)')`;
	const reasons = sumsSource([key], filters, params, REASON_CELLS).sql;
	const lowSample = params.add(minUnits);
	const categoryRate =
		by === 'category'
			? rate('g.returned_units', 'g.sold_units')
			: by === 'product' || by === 'sku' || by === 'variant'
				? 'c.category_unit_return_rate'
				: 'NULL::DOUBLE';
	const rates = (topReason: string, join = '') => `
WITH lines AS (${source.sql}),
grouped AS (
  SELECT ${groupKey} AS key, coalesce(${label}, '(none)') AS label, ${category} AS category,
    sum(sold_units)::BIGINT AS sold_units, sum(returned_units)::BIGINT AS returned_units,
    sum(sold_value) AS sold_value, sum(returned_value) AS returned_value,
    sum(defect_returned_units)::BIGINT AS defect_units, sum(fit_returned_units)::BIGINT AS fit_units,
    ${source.orders} AS orders, ${source.returnedOrders} AS returned_orders
  FROM lines GROUP BY 1
),
category_rates AS (
  SELECT category, ${rate('sum(returned_units)', 'sum(sold_units)')} AS category_unit_return_rate
  FROM lines GROUP BY category
)
SELECT g.key, g.label, g.category, g.sold_units::INTEGER AS sold_units, g.returned_units::INTEGER AS returned_units,
  ${rate('g.returned_units', 'g.sold_units')} AS unit_return_rate,
  ${rate('g.returned_value', 'g.sold_value')} AS value_return_rate,
  ${rate('g.returned_orders', 'g.orders')} AS order_return_rate,
  ${wilsonSql('g.returned_units', 'g.sold_units', '-')} AS ci_low,
  ${wilsonSql('g.returned_units', 'g.sold_units', '+')} AS ci_high,
  g.sold_units < ${lowSample} AS low_sample,
  ${rate('g.defect_units', 'g.sold_units')} AS defect_return_rate,
  ${rate('g.fit_units', 'g.sold_units')} AS fit_return_rate,
  ${topReason} AS top_reason_group,
  ${categoryRate} AS category_unit_return_rate
FROM grouped g${join}
LEFT JOIN category_rates c ON c.category IS NOT DISTINCT FROM g.category`;
	return {
		sql: rates('t.reason_group', `\nLEFT JOIN (${topReasonSql(groupKey, reasons)}) t ON t.key = g.key`),
		shownOnly: {
			rows: rates('NULL::VARCHAR'),
			fill: `SELECT page.* REPLACE (t.reason_group AS top_reason_group)
FROM page LEFT JOIN (${topReasonSql(groupKey, reasons, 'SELECT key FROM page')}) t ON t.key = page.key`
		}
	};
}

/** Totals over the whole scope, for the answer's meta. */
export function buildRateTotalsSql(filters: Filters, exact: boolean, params: SqlParams): string {
	return `SELECT sum(sold_units)::INTEGER AS sold_units, sum(returned_units)::INTEGER AS returned_units,
	  ${rate('sum(returned_units)', 'sum(sold_units)')} AS unit_return_rate,
	  ${rate('sum(returned_value)', 'sum(sold_value)')} AS value_return_rate
	FROM (${rateSource('total', filters, exact, params).sql})`;
}

/** A cohort's length per interval, as fixed SQL chosen by the validated interval. */
const COHORT_LENGTH: Record<'week' | 'month', string> = { week: 'INTERVAL 1 WEEK', month: 'INTERVAL 1 MONTH' };

/**
 * Rates per order cohort (week or month of ordered_at). A cohort is final once its last day plus the
 * return window lies before the newest event in the data: younger cohorts will still see returns.
 */
export function buildReturnRateTrendSql(
	interval: 'week' | 'month',
	returnWindowDays: number,
	filters: Filters,
	exact: boolean,
	params: SqlParams
): string {
	// Monthly cohorts can be read from the cells; weeks only from the lines. A literal date part is
	// folded once, where a bound one would be parsed again on every row.
	const source = rateSource('total', filters, exact && interval === 'month', params);
	const cohort = interval === 'month' ? source.month : `date_trunc('week', ordered_at)`;
	return `
WITH as_of AS (SELECT ${AS_OF_SQL} AS newest),
lines AS (SELECT *, ${cohort} AS cohort FROM (${source.sql}))
SELECT strftime(cohort, '%Y-%m-%d') AS period,
  sum(sold_units)::INTEGER AS sold_units, sum(returned_units)::INTEGER AS returned_units,
  ${rate('sum(returned_units)', 'sum(sold_units)')} AS unit_return_rate,
  ${rate('sum(returned_value)', 'sum(sold_value)')} AS value_return_rate,
  ${rate(source.returnedOrders, source.orders)} AS order_return_rate,
  ${wilsonSql('sum(returned_units)', 'sum(sold_units)', '-')} AS ci_low,
  ${wilsonSql('sum(returned_units)', 'sum(sold_units)', '+')} AS ci_high,
  ${rate('sum(defect_returned_units)', 'sum(sold_units)')} AS defect_return_rate,
  ${rate('sum(fit_returned_units)', 'sum(sold_units)')} AS fit_return_rate,
  cohort + ${COHORT_LENGTH[interval]} + to_days(${params.add(returnWindowDays)}) <= (SELECT newest FROM as_of) AS final
FROM lines GROUP BY cohort`;
}
