import { describe, expect, it } from 'vitest';
import type { ReasonRow } from '../../src/lib/features/reasons/reasons.ts';
import type { RefundBreakdownRow } from '../../src/lib/features/costs/costs.ts';
import type { ReturnRateRow } from '../../src/lib/features/return-rates/return-rates.ts';
import { buildNetCostOption } from '../../src/lib/features/costs/costs-chart.ts';
import { buildTopRatesOption } from '../../src/lib/features/return-rates/ranking-chart.ts';
import { buildReasonsOption } from '../../src/lib/features/reasons/reasons-chart.ts';
import { rowTooltip, tooltipHtml } from '../../src/lib/ui/chart/chart-options.ts';
import { buildTrendOption } from '../../src/lib/features/return-rates/trend-chart.ts';
import type { ReturnRateTrendRow } from '../../src/lib/features/return-rates/trend-row.ts';

type Series = { name: string; type: string; data: unknown[]; markArea?: unknown };
const seriesOf = (option: unknown) => (option as { series: Series[] }).series;
const categories = (option: unknown, axis: 'xAxis' | 'yAxis') => (option as Record<string, { data: string[] }>)[axis].data;

const cohort = (period: string, rate: number, final: boolean): ReturnRateTrendRow => ({
	period,
	final,
	sold_units: 100,
	returned_units: rate * 100,
	unit_return_rate: rate,
	value_return_rate: rate,
	order_return_rate: rate,
	ci_low: rate - 0.05,
	ci_high: rate + 0.05,
	defect_return_rate: 0.02,
	fit_return_rate: 0.05
});

const rateRow = (key: string, rate: number, over: Partial<ReturnRateRow> = {}): ReturnRateRow => ({
	key,
	label: `Product ${key}`,
	category: 'shoes',
	sold_units: 100,
	returned_units: rate * 100,
	unit_return_rate: rate,
	value_return_rate: rate,
	order_return_rate: rate,
	ci_low: rate - 0.05,
	ci_high: rate + 0.05,
	low_sample: false,
	defect_return_rate: 0.01,
	fit_return_rate: 0.1,
	top_reason_group: 'fit',
	category_unit_return_rate: 0.2,
	...over
});

describe('trend option', () => {
	it('draws final cohorts solid and open ones dashed, connected at the last final cohort', () => {
		const option = buildTrendOption([cohort('2026-01-01', 0.2, true), cohort('2026-02-01', 0.22, true), cohort('2026-03-01', 0.1, false)]);
		expect(categories(option, 'xAxis')).toEqual(['Jan 2026', 'Feb 2026', 'Mar 2026']);
		const [final, open] = seriesOf(option);
		expect(final.data).toEqual([0.2, 0.22, null]);
		expect(open.data).toEqual([null, 0.22, 0.1]);
		expect(open).toMatchObject({ lineStyle: { type: 'dashed' } });
		expect(open.markArea).toBeDefined();
	});

	it('has one series when every cohort is final, and no option without rows', () => {
		expect(seriesOf(buildTrendOption([cohort('2026-01-01', 0.2, true)]))).toHaveLength(1);
		expect(buildTrendOption([])).toBeNull();
	});
});

describe('top rates option', () => {
	it('ranks groups with enough data, highest on top, with the category rate for comparison', () => {
		const rows = [rateRow('A', 0.4), rateRow('B', 0.9, { low_sample: true }), rateRow('C', 0.3), rateRow('D', 0.2)];
		const option = buildTopRatesOption(rows, 2);
		expect(categories(option, 'yAxis')).toEqual(['Product C', 'Product A']);
		const [rates, category] = seriesOf(option);
		expect(rates.data).toEqual([0.3, 0.4]);
		expect(category.data).toEqual([0.2, 0.2]);
	});

	it('is empty without rankable rows', () => {
		expect(buildTopRatesOption([rateRow('B', 0.9, { low_sample: true })])).toBeNull();
	});
});

describe('reasons option', () => {
	const reason = (key: string, units: number): ReasonRow => ({
		key,
		label: key,
		reason_group: key,
		rma_lines: units,
		returned_units: units,
		share: units / 100,
		returned_value: '0.00',
		trend: []
	});

	it('sorts reason groups by returned units, largest on top', () => {
		const option = buildReasonsOption([reason('defect', 10), reason('fit', 60), reason('other', 0), reason('changed_mind', 30)]);
		expect(categories(option, 'yAxis')).toEqual(['Defect', 'Changed mind', 'Fit']);
		expect(seriesOf(option)[0].data).toEqual([10, 30, 60]);
		expect(buildReasonsOption([])).toBeNull();
	});
});

describe('net cost option', () => {
	const month = (key: string, net: string): RefundBreakdownRow =>
		({
			key,
			label: key,
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

	it('stacks the costs per month in order, fees below zero, with the net cost as a line', () => {
		const option = buildNetCostOption([month('2026-02-01', '13.00'), month('2026-01-01', '12.00'), month('(none)', '1.00')]);
		expect(categories(option, 'xAxis')).toEqual(['Jan 2026', 'Feb 2026']);
		const series = seriesOf(option);
		expect(series.map((s) => s.name)).toEqual(['Processing cost', 'Value lost', 'Fees recovered', 'Net return cost']);
		expect(series[2].data).toEqual([-2, -2]);
		expect(series[3].data).toEqual([12, 13]);
		expect(buildNetCostOption([])).toBeNull();
	});
});

import type { FraudCustomerRow } from '../../src/lib/features/fraud/fraud.ts';
import type { ReasonMismatchRow } from '../../src/lib/features/reasons/mismatch/mismatch.ts';
import { buildFlagCountsOption, countFlags } from '../../src/lib/features/fraud/fraud-chart.ts';
import { buildMismatchOption } from '../../src/lib/features/reasons/mismatch/mismatch-chart.ts';

describe('mismatch option', () => {
	const found = (key: string, inspected: number, newItems: number, defective: number) =>
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

	it('stacks the conditions found per stated reason, largest on top, skipping uninspected groups', () => {
		const option = buildMismatchOption([found('defect', 5, 1, 4), found('fit', 10, 10, 0), found('other', 0, 0, 0)]);
		expect(categories(option, 'yAxis')).toEqual(['Defect', 'Fit']);
		const series = seriesOf(option);
		expect(series).toHaveLength(8);
		expect(series.find((s) => s.name === 'New')?.data).toEqual([1, 10]);
		expect(series.find((s) => s.name === 'Defective')?.data).toEqual([4, 0]);
		expect(buildMismatchOption([found('other', 0, 0, 0)])).toBeNull();
	});
});

describe('fraud flag counts', () => {
	const customer = (flags: FraudCustomerRow['flags']): FraudCustomerRow => ({
		customer_id: 'C1',
		score: 50,
		flags,
		evidence: [],
		lines: 1,
		returns: 1,
		refunded: '1.00'
	});

	it('counts customers per flag in the fixed order', () => {
		const rows = [customer(['wardrobing', 'item_switch']), customer(['wardrobing']), customer([])];
		expect(countFlags(rows)).toMatchObject({ wardrobing: 2, item_switch: 1, serial_returner: 0 });
		const option = buildFlagCountsOption(rows);
		expect(categories(option, 'yAxis')[0]).toBe('Keep it abuse');
		expect(seriesOf(option)[0].data).toEqual([0, 0, 0, 1, 2, 0]);
		expect(buildFlagCountsOption([customer([])])).toBeNull();
	});
});

import type { SegmentRow } from '../../src/lib/features/segments/segments.ts';
import { buildSegmentSizesOption } from '../../src/lib/features/segments/segments-chart.ts';

describe('segment sizes option', () => {
	const segment = (id: string, kind: SegmentRow['kind'], size: number): SegmentRow => ({ id, name: id, kind, size, definition: '' });

	it('puts the largest segment on top and splits reason from behaviour segments', () => {
		const option = buildSegmentSizesOption([segment('a', 'reason', 5), segment('b', 'behaviour', 9), segment('c', 'reason', 1)]);
		expect(categories(option, 'yAxis')).toEqual(['c', 'a', 'b']);
		const [reason, behaviour] = seriesOf(option);
		expect(reason.data).toEqual([1, 5, null]);
		expect(behaviour.data).toEqual([null, null, 9]);
		expect(buildSegmentSizesOption([])).toBeNull();
	});
});

import { buildMoneyRankingOption } from '../../src/lib/features/costs/costs-chart.ts';

describe('money ranking option', () => {
	const group = (key: string, refunded: string) => ({ key, label: key, refunded, net_return_cost: null }) as unknown as RefundBreakdownRow;

	it('ranks groups by a money figure, largest on top, leaving out zero and missing values', () => {
		const option = buildMoneyRankingOption([group('cash', '10.00'), group('gift_card', '0.00'), group('original_payment', '250.50')], 'refunded', (k) => k.toUpperCase());
		expect(categories(option, 'yAxis')).toEqual(['CASH', 'ORIGINAL_PAYMENT']);
		expect(seriesOf(option)[0].data).toEqual([10, 250.5]);
		expect(buildMoneyRankingOption([group('cash', '1.00')], 'net_return_cost')).toBeNull();
	});
});

import type { SupplierRow } from '../../src/lib/features/suppliers/suppliers.ts';
import { buildSupplierRatesOption } from '../../src/lib/features/suppliers/suppliers-chart.ts';

describe('supplier rates option', () => {
	const supplier = (key: string, defect: number, lowSample = false) =>
		({ key, label: key, defect_return_rate: defect, unit_return_rate: defect * 3, low_sample: lowSample }) as SupplierRow;

	it('ranks suppliers with enough data by defect-driven rate, highest on top, with their return rate', () => {
		const option = buildSupplierRatesOption([supplier('A', 0.01), supplier('B', 0.05), supplier('C', 0.9, true)]);
		expect(categories(option, 'yAxis')).toEqual(['A', 'B']);
		const [defect, rate] = seriesOf(option);
		expect(defect.data).toEqual([0.01, 0.05]);
		expect(rate.data).toEqual([0.03, 0.15000000000000002]);
		expect(buildSupplierRatesOption([supplier('C', 0.9, true)])).toBeNull();
	});
});

import type { OpenReturnAgeRow, TimingKpis } from '../../src/lib/features/timing/timing.ts';
import { buildOpenAgeOption, buildStepDaysOption } from '../../src/lib/features/timing/timing-chart.ts';

describe('timing options', () => {
	const bucket = (name: string, min: number, lines: number) =>
		({ bucket: name, min_days: min, max_days: null, open_lines: lines, open_rmas: lines, open_units: lines, open_value: '0.00', share: null }) as unknown as OpenReturnAgeRow;

	it('shows open returns per age bucket, past the SLA in red', () => {
		const option = buildOpenAgeOption([bucket('0-7', 0, 5), bucket('15-30', 15, 2)], 14);
		expect(categories(option, 'xAxis')).toEqual(['0-7 days', '15-30 days']);
		const data = seriesOf(option)[0].data as { value: number; itemStyle: { color: string } }[];
		expect(data.map((d) => d.value)).toEqual([5, 2]);
		expect(data[0].itemStyle.color).not.toBe(data[1].itemStyle.color);
		expect(buildOpenAgeOption([bucket('0-7', 0, 0)], 14)).toBeNull();
	});

	it('shows the median and p90 days per step, first step on top', () => {
		const kpis = { median_days_to_receive: 5, p90_days_to_receive: 8, median_days_to_inspect: 7, p90_days_to_inspect: 10, median_days_to_refund: 9, p90_days_to_refund: 14 } as TimingKpis;
		const option = buildStepDaysOption(kpis);
		expect(categories(option, 'yAxis')).toEqual(['Refunded', 'Inspected', 'Received']);
		expect(seriesOf(option)[0].data).toEqual([9, 7, 5]);
		expect(buildStepDaysOption({ ...kpis, median_days_to_receive: null, median_days_to_inspect: null, median_days_to_refund: null })).toBeNull();
	});
});

import { buildReasonTrendOption } from '../../src/lib/features/reasons/reasons-chart.ts';

describe('reason trend option', () => {
	it('draws one line per reason over every month, zero where a reason had none', () => {
		const rows = [
			{ key: 'fit', label: 'fit', returned_units: 9, trend: [{ period: '2026-01-01', units: 4 }, { period: '2026-02-01', units: 5 }] },
			{ key: 'defect', label: 'defect', returned_units: 2, trend: [{ period: '2026-02-01', units: 2 }] }
		] as ReasonRow[];
		const option = buildReasonTrendOption(rows);
		expect(categories(option, 'xAxis')).toEqual(['Jan 2026', 'Feb 2026']);
		expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
			['Fit', [4, 5]],
			['Defect', [0, 2]]
		]);
		expect(buildReasonTrendOption([])).toBeNull();
	});
});

describe('rowTooltip', () => {
	it('describes the row under the pointer, whether ECharts hands over one point or a list', () => {
		const tooltip = rowTooltip(['a', 'b', 'c'], (row, index) => ({ heading: `${row}@${index}` }));
		expect(tooltip.formatter([{ dataIndex: 1 }, { dataIndex: 1 }])).toBe('<strong>b@1</strong>');
		expect(tooltip.formatter({ dataIndex: 2 })).toBe('<strong>c@2</strong>');
		expect(tooltip.axisPointer).toEqual({ type: 'shadow' });
		expect(rowTooltip([], () => ({ heading: '' }), 'line').axisPointer).toEqual({ type: 'line' });
	});

	it('escapes what the row says', () => {
		const tooltip = rowTooltip(['<b>'], (row) => ({ heading: row, aside: row, lines: [row] }));
		expect(tooltip.formatter({ dataIndex: 0 })).toBe('<strong>&lt;b&gt;</strong> (&lt;b&gt;)<br>&lt;b&gt;');
	});
});

describe('tooltipHtml', () => {
	it('sets the heading in bold, the aside in brackets after it and each line below', () => {
		expect(tooltipHtml({ heading: 'Jan 2026', aside: 'final', lines: ['Return rate: 20 %', 'Sold: 10'] })).toBe(
			'<strong>Jan 2026</strong> (final)<br>Return rate: 20 %<br>Sold: 10'
		);
		expect(tooltipHtml({ heading: 'Fit' })).toBe('<strong>Fit</strong>');
	});

	it('escapes every part, so a name from an imported file is shown as text', () => {
		const html = tooltipHtml({ heading: 'A & B "C"', aside: "O'Neill", lines: ['<script>alert(1)</script>'] });
		expect(html).toBe('<strong>A &amp; B &quot;C&quot;</strong> (O&#39;Neill)<br>&lt;script&gt;alert(1)&lt;/script&gt;');
	});
});
