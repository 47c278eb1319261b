import type { ReturnRateRow } from './return-rates.ts';
import { formatCount, formatInterval, formatPercent, humanize } from '../../ui/format.ts';
import { COLORS, percentAxisLabel, rowTooltip } from '../../ui/chart/chart-options.ts';
import { barFrame, barLabel, groupAxis, legendOf, valueAxis } from '../../ui/chart/chart-parts.ts';
import type { ChartSpec, EChartsOption } from '../../ui/chart/chart-options.ts';
import type { ListResponse } from '../../ui/data/resource.svelte.ts';

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
		...barFrame(56, 28),
		legend: legendOf(['Return rate', 'Category rate']),
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
		xAxis: valueAxis({ min: 0, splitNumber: 4 }, { formatter: percentAxisLabel, hideOverlap: true }),
		yAxis: groupAxis(names),
		series: [
			{
				name: 'Return rate',
				type: 'bar',
				data: shown.map((r) => r.unit_return_rate),
				color: COLORS.primary,
				barMaxWidth: 18,
				label: barLabel(formatPercent)
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

/** The top 10 of a level (`groups`: "products", "skus"); `clickable` where a bar opens the product. */
export function topRatesChart(groups: string, clickable: boolean): ChartSpec<ListResponse<ReturnRateRow>> {
	return {
		title: `Top 10 ${groups} by unit return rate`,
		subtitle:
			`At least 30 units sold; grey mark: the category's rate.` +
			`${clickable ? ' Click a bar for the product.' : ''}`,
		build: (answer) => buildTopRatesOption(answer.rows, 10)
	};
}
