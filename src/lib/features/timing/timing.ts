import { z } from 'zod';
import { filterShape, listShape, querySchema } from '../../core/filters/filters.ts';

export const DEFAULT_SLA_DAYS = 14;

/** Ages of open returns, in whole days since the RMA was created; the last bucket has no upper end. */
export const AGE_BUCKETS = [
	{ bucket: '0-7', min_days: 0, max_days: 7 },
	{ bucket: '8-14', min_days: 8, max_days: 14 },
	{ bucket: '15-30', min_days: 15, max_days: 30 },
	{ bucket: '31-60', min_days: 31, max_days: 60 },
	{ bucket: '61+', min_days: 61, max_days: null }
] as const;

export const TIMING_SORT_COLUMNS = [
	'min_days',
	'open_lines',
	'open_rmas',
	'open_units',
	'open_value',
	'share'
] as const;

export const timingQuery = querySchema({
	...filterShape,
	...listShape(TIMING_SORT_COLUMNS),
	slaDays: z.coerce.number().int().min(1).max(365).default(DEFAULT_SLA_DAYS)
});

export const TIMING_DEFINITIONS = {
	period: 'RMAs created in the period (by created_at); RMAs rejected or cancelled are not returns',
	unit: 'an RMA line',
	days_to_receive: 'received_at (the warehouse receipt on the latest inspection) − RMA created_at, in days',
	days_to_inspect: 'inspected_at (latest inspection) − RMA created_at, in days',
	days_to_refund: 'first refund issued_at − RMA created_at, in days',
	median: 'the median over the RMA lines that reached that step',
	p90: '90th percentile, interpolated between the nearest lines',
	slow_refunds: 'refunded RMA lines whose days_to_refund exceeds slaDays',
	slow_refund_share: 'slow_refunds / refunded RMA lines',
	open:
		'RMA lines still requested, approved, in transit, received or inspected ' +
		'(not refunded, closed, rejected or cancelled)',
	age_days: 'whole days from RMA created_at to as_of, the newest event in the data (order, RMA or refund)',
	share: 'open lines in the bucket / all open lines',
	open_value: 'Σ returned units × unit_price of the open lines'
} as const;

/** One age bucket of open returns. */
export interface OpenReturnAgeRow {
	bucket: (typeof AGE_BUCKETS)[number]['bucket'];
	min_days: number;
	max_days: number | null;
	open_lines: number;
	open_rmas: number;
	open_units: number;
	open_value: string;
	share: number | null;
}

/** The timing KPIs over the same scope, in the answer's meta. Days are fractional. */
export interface TimingKpis {
	as_of: string | null;
	return_lines: number;
	received_lines: number;
	median_days_to_receive: number | null;
	p90_days_to_receive: number | null;
	inspected_lines: number;
	median_days_to_inspect: number | null;
	p90_days_to_inspect: number | null;
	refunded_lines: number;
	median_days_to_refund: number | null;
	p90_days_to_refund: number | null;
	sla_days: number;
	slow_refunds: number;
	slow_refund_share: number | null;
	open_lines: number;
}
