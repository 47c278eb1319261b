import type { ReturnRateTrendRow } from './trend-row.ts';
import { formatCount, formatInterval, formatPercent, formatPeriod } from '../../ui/format.ts';
import type { LineSeriesOption } from 'echarts';
import { COLORS, percentAxisLabel, rowTooltip } from '../../ui/chart/chart-options.ts';
import { frame, legendOf, periodAxis, valueAxis } from '../../ui/chart/chart-parts.ts';
import type { ChartSpec, EChartsOption } from '../../ui/chart/chart-options.ts';
import type { ListResponse } from '../../ui/data/resource.svelte.ts';

/**
 * Unit return rate per order cohort. Cohorts whose return window is still open (`final: false`) are
 * drawn dashed in their own series and shaded: their rate will still rise.
 */
export function buildTrendOption(
	rows: ReturnRateTrendRow[],
	interval: 'week' | 'month' = 'month'
): EChartsOption | null {
	if (rows.length === 0) return null;
	const labels = rows.map((r) => formatPeriod(r.period, interval));
	const firstOpen = rows.findIndex((r) => !r.final);
	const rate = (r: ReturnRateTrendRow) => r.unit_return_rate;
	// The open series starts at the last final cohort so the line stays connected.
	const finalData = rows.map((r, i) => (firstOpen === -1 || i < firstOpen ? rate(r) : null));
	const openData = rows.map((r, i) => (firstOpen !== -1 && i >= Math.max(0, firstOpen - 1) ? rate(r) : null));
	const hasOpen = firstOpen !== -1;
	const series: LineSeriesOption[] = [
		{
			name: 'Final cohorts',
			type: 'line',
			data: finalData,
			color: COLORS.primary,
			symbolSize: 5,
			lineStyle: { width: 2.5 },
			connectNulls: false
		}
	];
	if (hasOpen) {
		series.push({
			name: 'Return window still open',
			type: 'line',
			data: openData,
			color: COLORS.secondary,
			symbol: 'emptyCircle',
			symbolSize: 6,
			lineStyle: { width: 2.5, type: 'dashed' },
			markArea: {
				silent: true,
				itemStyle: { color: 'rgba(217, 130, 43, 0.08)' },
				data: [[{ xAxis: labels[firstOpen] }, { xAxis: labels[labels.length - 1] }]]
			}
		});
	}
	return {
		...frame({ left: 56, right: 20, top: 36, bottom: 36 }),
		legend: legendOf(hasOpen ? ['Final cohorts', 'Return window still open'] : ['Final cohorts']),
		tooltip: rowTooltip(
			rows,
			(r, index) => ({
				heading: labels[index],
				aside: r.final ? 'final' : 'return window still open: the rate will still rise',
				lines: [
					`Return rate: ${formatPercent(r.unit_return_rate)}`,
					`95% interval: ${formatInterval(r.ci_low, r.ci_high)}`,
					`Returned ${formatCount(r.returned_units)} of ${formatCount(r.sold_units)} units`
				]
			}),
			'line'
		),
		xAxis: periodAxis(labels),
		yAxis: valueAxis({ min: 0 }, { formatter: percentAxisLabel }),
		series
	};
}

/** The monthly trend of the unit return rate, of the whole scope or of one product (`of`: "this product"). */
export function rateTrendChart(of?: string): ChartSpec<ListResponse<ReturnRateTrendRow>> {
	return {
		title: `Unit return rate${of ? ` of ${of}` : ''} by order month`,
		subtitle: of
			? 'Dashed and shaded: cohorts whose return window is still open.'
			: 'Orders grouped by the month they were placed. ' +
				'Dashed and shaded: cohorts whose 30-day return window is still open, so their rate will still rise.',
		build: (answer) => buildTrendOption(answer.rows, 'month')
	};
}
