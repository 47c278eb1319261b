import type { Filters } from '../../core/filters/filters.ts';
import { AGE_BUCKETS } from './timing.ts';
import type { SqlParams } from '../../core/db/sql-params.ts';
import { AS_OF_SQL } from '../../core/cells/as-of-sql.ts';
import { filterSql, wholeScope } from '../../core/filters/filter-sql.ts';
import { OPEN_RETURN_LINES, RETURN_TIMINGS } from '../../core/store/return-tables.ts';
import { rate } from '../../core/sql/rate-sql.ts';

function openLinesSql(filters: Filters, params: SqlParams): string {
	return `SELECT rma_id, returned_units, returned_value,
    floor(date_diff('second', created_at, (SELECT newest FROM as_of)) / 86400.0)::INTEGER AS age_days
  FROM ${OPEN_RETURN_LINES} WHERE ${filterSql(filters, params, 'created_at')}`;
}

/** Open RMA lines per age bucket: one row per bucket, empty buckets included, unordered. */
export function buildOpenAgeSql(filters: Filters, params: SqlParams): string {
	const buckets = AGE_BUCKETS.map(
		(b) =>
			`SELECT ${params.add(b.bucket)} AS bucket, ${params.add(b.min_days)}::INTEGER AS min_days,
  ${params.add(b.max_days)}::INTEGER AS max_days`
	).join(' UNION ALL ');
	return `
WITH as_of AS (SELECT ${AS_OF_SQL} AS newest),
open AS (${openLinesSql(filters, params)}),
buckets AS (${buckets})
SELECT b.bucket, b.min_days, b.max_days, count(o.rma_id)::INTEGER AS open_lines,
  count(DISTINCT o.rma_id)::INTEGER AS open_rmas, coalesce(sum(o.returned_units), 0)::INTEGER AS open_units,
  CAST(coalesce(sum(o.returned_value), 0) AS DECIMAL(18, 2)) AS open_value,
  ${rate('count(o.rma_id)', '(SELECT count(*) FROM open)')} AS share
FROM buckets b LEFT JOIN open o ON o.age_days >= b.min_days AND (b.max_days IS NULL OR o.age_days <= b.max_days)
GROUP BY ALL`;
}

/**
 * Return lines in scope and, per step, how many reached it and the median and 90th percentile of
 * their whole seconds to it (INTEGERs, derived-sql.ts: one sort per step for both quantiles), with
 * `extra` columns of the same scan: one row.
 */
export function buildTimingQuantilesSql(filters: Filters, params: SqlParams, extra: string[] = []): string {
	return `SELECT count(*)::INTEGER AS return_lines,
  count(seconds_to_receive)::INTEGER AS received_lines, quantile_cont(seconds_to_receive, [0.5, 0.9]) AS receive,
  count(seconds_to_inspect)::INTEGER AS inspected_lines, quantile_cont(seconds_to_inspect, [0.5, 0.9]) AS inspect,
  count(seconds_to_refund)::INTEGER AS refunded_lines,
  quantile_cont(seconds_to_refund, [0.5, 0.9]) AS refund${extra.map((c) => `, ${c}`).join('')}
FROM ${RETURN_TIMINGS} WHERE ${filterSql(filters, params, 'created_at')}`;
}

/** The quantiles over every return line, stored at ingest (timing-store.ts). */
export const STORED_QUANTILES = 'timing_quantiles';

/** Times to receive, inspect and refund, refunds slower than the SLA, and the open count: one row. */
export function buildTimingKpisSql(filters: Filters, slaDays: number, params: SqlParams): string {
	const sla = params.add(slaDays);
	const slow = `count(*) FILTER (WHERE seconds_to_refund > ${sla} * 86400)::INTEGER AS slow_refunds`;
	const figures = wholeScope(filters)
		? `SELECT * FROM ${STORED_QUANTILES}, (SELECT ${slow} FROM ${RETURN_TIMINGS})`
		: buildTimingQuantilesSql(filters, params, [slow]);
	return `
WITH as_of AS (SELECT ${AS_OF_SQL} AS newest),
figures AS (${figures})
SELECT strftime((SELECT newest FROM as_of), '%Y-%m-%dT%H:%M:%SZ') AS as_of, return_lines,
  received_lines, receive[1] / 86400.0 AS median_days_to_receive, receive[2] / 86400.0 AS p90_days_to_receive,
  inspected_lines, inspect[1] / 86400.0 AS median_days_to_inspect, inspect[2] / 86400.0 AS p90_days_to_inspect,
  refunded_lines, refund[1] / 86400.0 AS median_days_to_refund, refund[2] / 86400.0 AS p90_days_to_refund,
  ${sla}::INTEGER AS sla_days, slow_refunds, ${rate('slow_refunds', 'refunded_lines')} AS slow_refund_share,
  (SELECT count(*) FROM (${openLinesSql(filters, params)}))::INTEGER AS open_lines
FROM figures`;
}
