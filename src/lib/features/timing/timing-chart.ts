import type { OpenReturnAgeRow, TimingKpis } from './timing.ts';
import { formatCount, formatDays, formatMoneyExact, formatPercent } from '../../ui/format.ts';
import { BASE_TEXT, COLORS, type EChartsOption, rowTooltip } from '../../ui/chart/chart-options.ts';

/** Open returns per age bucket (days since the RMA), oldest buckets in red. */
export function buildOpenAgeOption(rows: OpenReturnAgeRow[], slaDays: number): EChartsOption | null {
	if (rows.length === 0 || rows.every((r) => r.open_lines === 0)) return null;
	return {
		textStyle: BASE_TEXT,
		animation: false,
		grid: { left: 48, right: 16, top: 16, bottom: 40 },
		tooltip: rowTooltip(rows, (r) => ({
			heading: `${r.bucket} days open`,
			lines: [`${formatCount(r.open_lines)} lines (${formatPercent(r.share)}) in ${formatCount(r.open_rmas)} RMAs`, `Value: ${formatMoneyExact(r.open_value)}`]
		})),
		xAxis: { type: 'category', data: rows.map((r) => `${r.bucket} days`), axisLabel: { color: COLORS.axis } },
		yAxis: { type: 'value', min: 0, minInterval: 1, axisLabel: { color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
		series: [
			{
				name: 'Open return lines',
				type: 'bar',
				barMaxWidth: 48,
				data: rows.map((r) => ({ value: r.open_lines, itemStyle: { color: r.min_days > slaDays ? COLORS.danger : COLORS.primary } })),
				label: { show: true, position: 'top', color: COLORS.text }
			}
		]
	};
}

/** Median and 90th percentile days from the RMA to receipt, inspection and refund. */
export function buildStepDaysOption(kpis: TimingKpis): EChartsOption | null {
	const steps = [
		{ label: 'Received', median: kpis.median_days_to_receive, p90: kpis.p90_days_to_receive },
		{ label: 'Inspected', median: kpis.median_days_to_inspect, p90: kpis.p90_days_to_inspect },
		{ label: 'Refunded', median: kpis.median_days_to_refund, p90: kpis.p90_days_to_refund }
	];
	if (steps.every((s) => s.median === null)) return null;
	return {
		textStyle: BASE_TEXT,
		animation: false,
		grid: { left: 8, right: 72, top: 28, bottom: 8, containLabel: true },
		legend: { top: 0, left: 0, data: ['Median', '90th percentile'] },
		// ECharts' own tooltip markup, which escapes what it shows; the steps' names are fixed anyway.
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatDays(v as number) },
		xAxis: { type: 'value', min: 0, axisLabel: { color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
		yAxis: { type: 'category', data: steps.map((s) => s.label).reverse(), axisLabel: { color: COLORS.text }, axisTick: { show: false } },
		series: [
			{
				name: 'Median',
				type: 'bar',
				barMaxWidth: 14,
				color: COLORS.primary,
				data: steps.map((s) => s.median).reverse(),
				label: { show: true, position: 'right', color: COLORS.text, formatter: (p: { value: unknown }) => formatDays(p.value as number) }
			},
			{
				name: '90th percentile',
				type: 'bar',
				barMaxWidth: 14,
				color: '#a9bfe0',
				data: steps.map((s) => s.p90).reverse(),
				label: { show: true, position: 'right', color: COLORS.axis, formatter: (p: { value: unknown }) => formatDays(p.value as number) }
			}
		]
	};
}
