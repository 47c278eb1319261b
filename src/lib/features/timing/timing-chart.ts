import type { OpenReturnAgeRow, TimingKpis } from './timing.ts';
import { formatCount, formatDays, formatMoneyExact, formatPercent } from '../../ui/format.ts';
import { COLORS, rowTooltip } from '../../ui/chart/chart-options.ts';
import { barFrame, barLabel, frame, groupAxis, legendOf, valueAxis } from '../../ui/chart/chart-parts.ts';
import type { ChartSpec, EChartsOption } from '../../ui/chart/chart-options.ts';
import type { ListResponse } from '../../ui/data/resource.svelte.ts';

/** The answer of /api/timing: open returns by age bucket, the timing KPIs in its meta. */
export type TimingAnswer = ListResponse<OpenReturnAgeRow, { kpis?: TimingKpis; slaDays?: number }>;

/** Open returns per age bucket (days since the RMA), oldest buckets in red. */
export function buildOpenAgeOption(rows: OpenReturnAgeRow[], slaDays: number): EChartsOption | null {
	if (rows.length === 0 || rows.every((r) => r.open_lines === 0)) return null;
	return {
		...frame({ left: 48, right: 16, top: 16, bottom: 40 }),
		tooltip: rowTooltip(rows, (r) => ({
			heading: `${r.bucket} days open`,
			lines: [
				`${formatCount(r.open_lines)} lines (${formatPercent(r.share)}) in ${formatCount(r.open_rmas)} RMAs`,
				`Value: ${formatMoneyExact(r.open_value)}`
			]
		})),
		xAxis: { type: 'category', data: rows.map((r) => `${r.bucket} days`), axisLabel: { color: COLORS.axis } },
		yAxis: valueAxis({ min: 0, minInterval: 1 }),
		series: [
			{
				name: 'Open return lines',
				type: 'bar',
				barMaxWidth: 48,
				data: rows.map((r) => ({
					value: r.open_lines,
					itemStyle: { color: r.min_days > slaDays ? COLORS.danger : COLORS.primary }
				})),
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
		...barFrame(72, 28),
		legend: legendOf(['Median', '90th percentile']),
		// ECharts' own tooltip markup, which escapes what it shows; the steps' names are fixed anyway.
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			valueFormatter: (v: unknown) => formatDays(v as number)
		},
		xAxis: valueAxis({ min: 0 }),
		yAxis: groupAxis(steps.map((s) => s.label).reverse()),
		series: [
			{
				name: 'Median',
				type: 'bar',
				barMaxWidth: 14,
				color: COLORS.primary,
				data: steps.map((s) => s.median).reverse(),
				label: barLabel(formatDays)
			},
			{
				name: '90th percentile',
				type: 'bar',
				barMaxWidth: 14,
				color: '#a9bfe0',
				data: steps.map((s) => s.p90).reverse(),
				label: barLabel(formatDays, COLORS.axis)
			}
		]
	};
}

/** Open returns by age, the buckets past the SLA (`slaDays`, from the answer) in red. */
export function openAgeChart(slaDays: number): ChartSpec<TimingAnswer> {
	return {
		title: 'Open returns by age',
		subtitle:
			`Return lines not yet refunded or closed, by days since the RMA; ` +
			`red: older than the ${slaDays}-day SLA.`,
		build: (answer) => buildOpenAgeOption(answer.rows, slaDays),
		emptyText: 'No open returns for these filters.'
	};
}

export const STEP_DAYS_CHART: ChartSpec<TimingAnswer> = {
	title: 'Days from RMA to receipt, inspection and refund',
	subtitle: 'Median and 90th percentile over the return lines that reached each step.',
	build: (answer) => (answer.meta.kpis ? buildStepDaysOption(answer.meta.kpis) : null)
};
