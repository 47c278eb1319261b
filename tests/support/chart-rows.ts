/**
 * Rows for the chart option builders' tests, one maker per API answer: the fields a builder reads,
 * the rest cast away. Also the two readers of an option those tests share.
 */
import type { RefundBreakdownRow } from '../../src/lib/features/costs/costs.ts';
import type { FraudCustomerRow } from '../../src/lib/features/fraud/fraud.ts';
import type { ReasonMismatchRow } from '../../src/lib/features/reasons/mismatch/mismatch.ts';
import type { ReasonRow } from '../../src/lib/features/reasons/reasons.ts';
import type { ReturnRateRow } from '../../src/lib/features/return-rates/return-rates.ts';
import type { ReturnRateTrendRow } from '../../src/lib/features/return-rates/trend-row.ts';
import type { SegmentRow } from '../../src/lib/features/segments/segments.ts';
import type { SupplierRow } from '../../src/lib/features/suppliers/suppliers.ts';
import type { OpenReturnAgeRow } from '../../src/lib/features/timing/timing.ts';

export type Series = { name: string; type: string; data: unknown[]; markArea?: unknown };
export const seriesOf = (option: unknown) => (option as { series: Series[] }).series;
export const categories = (option: unknown, axis: 'xAxis' | 'yAxis') =>
	(option as Record<string, { data: string[] }>)[axis].data;

/** What every row of /api/return-rates and its trend has, around one unit return rate over 100 units. */
const rates = (rate: number) => ({
	sold_units: 100,
	returned_units: rate * 100,
	unit_return_rate: rate,
	value_return_rate: rate,
	order_return_rate: rate,
	ci_low: rate - 0.05,
	ci_high: rate + 0.05
});

export const cohort = (period: string, rate: number, final: boolean): ReturnRateTrendRow => ({
	period,
	final,
	...rates(rate),
	defect_return_rate: 0.02,
	fit_return_rate: 0.05
});

export const rateRow = (key: string, rate: number, over: Partial<ReturnRateRow> = {}): ReturnRateRow => ({
	key,
	label: `Product ${key}`,
	category: 'shoes',
	...rates(rate),
	low_sample: false,
	defect_return_rate: 0.01,
	fit_return_rate: 0.1,
	top_reason_group: 'fit',
	category_unit_return_rate: 0.2,
	...over
});

export const reasonRow = (key: string, units: number, trend: ReasonRow['trend'] = []): ReasonRow => ({
	key,
	label: key,
	reason_group: key,
	rma_lines: units,
	returned_units: units,
	share: units / 100,
	returned_value: '0.00',
	trend
});

export const mismatchRow = (key: string, inspected: number, newItems: number, defective: number) =>
	({
		key,
		label: key,
		inspected_lines: inspected,
		condition_new: newItems,
		condition_like_new: 0,
		condition_used: 0,
		condition_damaged: 0,
		condition_defective: defective,
		condition_wrong_item: 0,
		condition_empty: 0,
		condition_missing_parts: 0,
		claimed_defect_lines: 0,
		claimed_defect_not_confirmed: 0
	}) as ReasonMismatchRow;

export const monthRow = (key: string, net: string, label = key): RefundBreakdownRow =>
	({
		key,
		label,
		refunds: 1,
		inspected_lines: 1,
		refunded: '100.00',
		processing_cost: '10.00',
		fees_recovered: '2.00',
		value_lost: '5.00',
		net_return_cost: net,
		sold_value: '1000.00',
		net_cost_share: 0.013
	}) as RefundBreakdownRow;

export const refundGroup = (key: string, refunded: string, label = key) =>
	({ key, label, refunded, net_return_cost: null }) as unknown as RefundBreakdownRow;

export const customerRow = (flags: FraudCustomerRow['flags']): FraudCustomerRow => ({
	customer_id: 'C1',
	score: 50,
	flags,
	evidence: [],
	lines: 1,
	returns: 1,
	refunded: '1.00'
});

export const segmentRow = (id: string, kind: SegmentRow['kind'], size: number, name = id): SegmentRow => ({
	id,
	name,
	kind,
	size,
	definition: ''
});

export const supplierRow = (key: string, defect: number, lowSample = false, label = key) =>
	({ key, label, defect_return_rate: defect, unit_return_rate: defect * 3, low_sample: lowSample }) as SupplierRow;

export const ageBucket = (name: string, min: number, lines: number) =>
	({
		bucket: name,
		min_days: min,
		max_days: null,
		open_lines: lines,
		open_rmas: lines,
		open_units: lines,
		open_value: '0.00',
		share: null
	}) as unknown as OpenReturnAgeRow;
