import type { Filters } from '../../core/filters/filters.ts';
import { AGE_BUCKETS } from './timing.ts';
import { boundStatement, type SqlParams } from '../../core/db/sql-params.ts';
import type { Statement } from '../../core/db/transaction.ts';
import {
	bucketOf,
	histogramDeltaSql,
	histogramSql,
	quantileBucketsSql,
	quantilesSql
} from '../../core/sql/quantile-sql.ts';
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

/** The quantiles of each step's seconds, in the order of their lists. */
const QUANTILES = [0.5, 0.9];

/** The steps: their quantiles' name, the name of the count of lines that reached them, their seconds. */
const STEPS = [
	{ step: 'receive', lines: 'received_lines', seconds: 'seconds_to_receive' },
	{ step: 'inspect', lines: 'inspected_lines', seconds: 'seconds_to_inspect' },
	{ step: 'refund', lines: 'refunded_lines', seconds: 'seconds_to_refund' }
];

/**
 * Return lines in scope and, per step, how many reached it and the median and 90th percentile of
 * their whole seconds to it (INTEGERs, derived-sql.ts: one sort per step for both quantiles), with
 * `extra` columns of the same scan: one row.
 */
export function buildTimingQuantilesSql(filters: Filters, params: SqlParams, extra: string[] = []): string {
	const quantiles = `[${QUANTILES.join(', ')}]`;
	const steps = STEPS.map(
		(s) => `count(${s.seconds})::INTEGER AS ${s.lines}, quantile_cont(${s.seconds}, ${quantiles}) AS ${s.step}`
	);
	return `SELECT count(*)::INTEGER AS return_lines,
  ${[...steps, ...extra].join(',\n  ')}
FROM ${RETURN_TIMINGS} WHERE ${filterSql(filters, params, 'created_at')}`;
}

/** The quantiles over every return line, stored at ingest (timing-store.ts). */
export const STORED_QUANTILES = 'timing_quantiles';

/**
 * The histogram of each step's seconds over every return line (quantile-sql.ts), which the incremental
 * refresh keeps up to date to find the stored quantiles again without sorting every line's seconds.
 */
export const STORED_SECONDS = 'timing_seconds';

/** STORED_SECONDS's rows over some return lines, each counted `sign` times. */
export function timingSecondsSql(rows = RETURN_TIMINGS, sign = '1'): Statement {
	return boundStatement((params) =>
		STEPS.map(
			(s) => `SELECT ${params.add(s.step)} AS step, * FROM (${histogramSql([], rows, s.seconds, sign)})`
		).join('\nUNION ALL\n')
	);
}

/**
 * Refunded return lines by the number of days begun before the first refund (a refund 36 hours after its
 * RMA is in day 2; one at or before the RMA, in day 0): the refunds slower than an SLA of d whole days are
 * those past day d, so the unfiltered view counts them from a few hundred rows instead of every line.
 */
export const STORED_REFUND_DAYS = 'timing_refund_days';

/** The refund day of `seconds` to the first refund, in BIGINT so the largest INTEGER does not overflow. */
const refundDay = (seconds: string) => `CASE WHEN ${seconds} > 0 THEN (${seconds}::BIGINT + 86399) // 86400 ELSE 0 END`;

/** STORED_REFUND_DAYS's rows over some return lines (`bucket` a day, `n` its lines), each counted `sign` times. */
export const refundDaysSql = (rows = RETURN_TIMINGS, sign = '1'): Statement => ({
	sql: histogramSql([], rows, 'seconds_to_refund', sign, refundDay)
});

/** The refunds slower than an SLA of `sla` days (a bound parameter) over every return line, from STORED_REFUND_DAYS. */
export const storedSlowRefundsSql = (sla: string) =>
	`SELECT coalesce(sum(n), 0)::INTEGER AS slow_refunds FROM ${STORED_REFUND_DAYS} WHERE bucket > ${sla}`;

const temp = (table: string, { sql, params }: Statement): Statement => ({
	sql: `CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}`,
	params
});

/**
 * STORED_QUANTILES brought up to date for a delta: the seconds of the delta orders' return lines as they
 * were (old_return_lines, derived-sql.ts) are taken out of the histogram and those as they are now
 * (new_return_lines) put in; then each quantile is read from the seconds in the buckets that hold its
 * ranks, a few thousand of them, the same number quantile_cont gives over all of them.
 */
export const TIMING_DELTA: Statement[] = [
	temp(
		'timing_seconds_changes',
		timingSecondsSql(
			`(SELECT *, -1 AS sign FROM old_return_lines UNION ALL BY NAME SELECT *, 1 AS sign FROM new_return_lines)`,
			'sign'
		)
	),
	...histogramDeltaSql(STORED_SECONDS, ['step'], 'timing_seconds_changes'),
	temp(
		'timing_refund_day_changes',
		refundDaysSql(
			`(SELECT *, -1 AS sign FROM old_return_lines UNION ALL BY NAME SELECT *, 1 AS sign FROM new_return_lines)`,
			'sign'
		)
	),
	...histogramDeltaSql(STORED_REFUND_DAYS, [], 'timing_refund_day_changes'),
	{
		sql: `CREATE OR REPLACE TEMP TABLE timing_buckets AS ${quantileBucketsSql(STORED_SECONDS, ['step'], QUANTILES)}`
	},
	temp(
		'timing_bucket_values',
		boundStatement((params) =>
			STEPS.map((s) => {
				const step = params.add(s.step);
				return `SELECT ${step} AS step, ${bucketOf(s.seconds)} AS bucket, ${s.seconds} AS value
FROM ${RETURN_TIMINGS} WHERE ${bucketOf(s.seconds)} IN (SELECT bucket FROM timing_buckets WHERE step = ${step})`;
			}).join('\nUNION ALL\n')
		)
	),
	temp('timing_values', { sql: quantilesSql('timing_buckets', 'timing_bucket_values', ['step']) }),
	{ sql: `DELETE FROM ${STORED_QUANTILES}` },
	boundStatement((params) => {
		const figures = STEPS.map((s) => {
			const step = params.add(s.step);
			return `(SELECT coalesce(sum(n), 0) FROM ${STORED_SECONDS} WHERE step = ${step})::INTEGER AS ${s.lines},
  (SELECT list(value ORDER BY q) FROM timing_values WHERE step = ${step}) AS ${s.step}`;
		});
		return `INSERT INTO ${STORED_QUANTILES} BY NAME
SELECT (SELECT count(*) FROM ${RETURN_TIMINGS})::INTEGER AS return_lines, ${figures.join(',\n  ')}`;
	}),
	...[
		'timing_seconds_changes',
		'timing_refund_day_changes',
		'timing_buckets',
		'timing_bucket_values',
		'timing_values'
	].map((table) => ({
		sql: `DROP TABLE ${table}`
	}))
];

/** Times to receive, inspect and refund, refunds slower than the SLA, and the open count: one row. */
export function buildTimingKpisSql(filters: Filters, slaDays: number, params: SqlParams): string {
	const sla = params.add(slaDays);
	const slow = `count(*) FILTER (WHERE seconds_to_refund > ${sla} * 86400)::INTEGER AS slow_refunds`;
	const figures = wholeScope(filters)
		? `SELECT * FROM ${STORED_QUANTILES}, (${storedSlowRefundsSql(sla)})`
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
