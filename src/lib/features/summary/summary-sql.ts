import type { Filters } from '../../core/filters/filters.ts';
import type { SqlParams } from '../../core/db/sql-params.ts';
import { filterSql } from '../../core/filters/filter-sql.ts';
import { OPEN_RETURN_LINES } from '../../core/store/return-tables.ts';
import { LOSS_CELLS, REFUND_CELLS, rateSource, sumsSource } from '../../core/cells/rate-source-sql.ts';
import { rate } from '../../core/sql/rate-sql.ts';

/** The period the summary covers: as asked, or the last `days` days up to the newest order. */
export function buildPeriodSql(filters: Filters, days: number, params: SqlParams): string {
	const to = filters.to
		? `CAST(${params.add(filters.to)} AS DATE)`
		: '(SELECT CAST(max(ordered_at) AS DATE) FROM orders)';
	const from = filters.from
		? `CAST(${params.add(filters.from)} AS DATE)`
		: `${to} - ${params.add(days - 1)}::INTEGER`;
	return `SELECT strftime(${from}, '%Y-%m-%d') AS "from", strftime(${to}, '%Y-%m-%d') AS "to"`;
}

/**
 * The KPIs of one period; dimension filters apply to every figure, the period to each figure's own
 * date. Sales, refunds and value lost are summed from their cells wherever those answer.
 */
function kpisSql(
	period: 'current' | 'previous',
	from: string,
	to: string,
	filters: Filters,
	exact: boolean,
	params: SqlParams
): string {
	const dims = { ...filters, from: undefined, to: undefined };
	const lines = rateSource('total', { ...dims, from, to }, exact, params);
	const refunds = sumsSource([], { ...dims, from, to }, params, REFUND_CELLS);
	const losses = sumsSource([], { ...dims, from, to }, params, LOSS_CELLS);
	const inPeriod = (column: string) =>
		`${column} >= CAST(${params.add(from)} AS DATE) AND ${column} < CAST(${params.add(to)} AS DATE) + 1`;
	return `
SELECT ${params.add(period)} AS period, ${params.add(from)} AS "from", ${params.add(to)} AS "to",
  c.orders, c.units_sold, c.units_returned,
  ${rate('c.units_returned', 'c.units_sold')} AS unit_return_rate,
  ${rate('c.value_returned', 'c.value_sold')} AS value_return_rate,
  ${rate('c.returned_orders', 'c.orders')} AS order_return_rate,
  f.refunded, CAST(f.processing - f.fees + v.value_lost AS DECIMAL(18, 2)) AS net_return_cost,
  t.median_days_to_refund, o.open_returns,
  ${rate('c.defect_units', 'c.units_returned')} AS defect_share
FROM (
  SELECT coalesce(${lines.orders}, 0)::INTEGER AS orders, coalesce(sum(sold_units), 0)::INTEGER AS units_sold,
    coalesce(sum(returned_units), 0)::INTEGER AS units_returned, sum(sold_value) AS value_sold,
    sum(returned_value) AS value_returned,
    ${lines.returnedOrders} AS returned_orders, sum(defect_returned_units) AS defect_units
  FROM (${lines.sql})
) c,
(
  SELECT coalesce(sum(amount), 0)::DECIMAL(18, 2) AS refunded,
    coalesce(sum(return_shipping_cost) + sum(handling_cost), 0) AS processing,
    coalesce(sum(restocking_fee), 0) AS fees
  FROM (${refunds.sql})
) f,
(SELECT coalesce(sum(value_lost), 0) AS value_lost FROM (${losses.sql})) v,
(
  SELECT median(seconds_to_refund) / 86400.0 AS median_days_to_refund
  FROM return_lines
  WHERE first_refund_at IS NOT NULL AND ${filterSql(dims, params, null)} AND ${inPeriod('first_refund_at')}
) t,
(
  SELECT count(*)::INTEGER AS open_returns FROM ${OPEN_RETURN_LINES}
  WHERE ${filterSql(dims, params, null)} AND ${inPeriod('created_at')}
) o`;
}

export function buildSummarySql(
	current: { from: string; to: string },
	previous: { from: string; to: string },
	filters: Filters,
	exact: boolean,
	params: SqlParams
): string {
	return `${kpisSql('current', current.from, current.to, filters, exact, params)}
UNION ALL
${kpisSql('previous', previous.from, previous.to, filters, exact, params)}`;
}
