import type { ReturnRateRow } from './return-rates.ts';
import { formatCount, formatInterval, formatPercent, humanize } from '../../ui/format.ts';
import { BASE_TEXT, COLORS, percentAxisLabel, type EChartsOption, rowTooltip } from '../../ui/chart/chart-options.ts';

function truncate(text: string, max = 26): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The rows the ranking draws, in the order of its bars (the data index of a click): the `max` highest
 * rates of the groups with enough data, the highest last, so it is drawn on top.
 */
export function topRateRows(rows: readonly ReturnRateRow[], max = 10): ReturnRateRow[] {
	return rows
		.filter((r) => !r.low_sample && r.unit_return_rate !== null)
		.slice(0, max)
		.reverse();
}

/**
 * Products (or any group) ranked by unit return rate, highest on top, with the category's rate as a
 * marker for comparison. Low-sample groups are left out: a rate over a handful of units ranks nothing.
 */
export function buildTopRatesOption(rows: ReturnRateRow[], max = 10): EChartsOption | null {
	const shown = topRateRows(rows, max);
	if (shown.length === 0) return null;
	const names = shown.map((r) => truncate(r.label));
	return {
		textStyle: BASE_TEXT,
		animation: false,
		grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
		legend: { top: 0, left: 0, data: ['Return rate', 'Category rate'] },
		tooltip: rowTooltip(shown, (r) => ({
			heading: r.label,
			aside: r.category ?? 'no category',
			lines: [
				`Return rate: ${formatPercent(r.unit_return_rate)} (95%: ${formatInterval(r.ci_low, r.ci_high)})`,
				`Category: ${formatPercent(r.category_unit_return_rate)}`,
				`Returned ${formatCount(r.returned_units)} of ${formatCount(r.sold_units)} units`,
				`Top reason: ${humanize(r.top_reason_group)}`
			]
		})),
		xAxis: {
			type: 'value',
			min: 0,
			splitNumber: 4,
			axisLabel: { formatter: percentAxisLabel, color: COLORS.axis, hideOverlap: true },
			splitLine: { lineStyle: { color: COLORS.grid } }
		},
		yAxis: { type: 'category', data: names, axisLabel: { color: COLORS.text }, axisTick: { show: false } },
		series: [
			{
				name: 'Return rate',
				type: 'bar',
				data: shown.map((r) => r.unit_return_rate),
				color: COLORS.primary,
				barMaxWidth: 18,
				label: { show: true, position: 'right', formatter: (p: { value: unknown }) => formatPercent(p.value as number), color: COLORS.text }
			},
			{
				name: 'Category rate',
				type: 'line',
				data: shown.map((r) => r.category_unit_return_rate),
				color: COLORS.muted,
				lineStyle: { opacity: 0 },
				symbol: 'rect',
				symbolSize: [3, 16],
				z: 5
			}
		]
	};
}
