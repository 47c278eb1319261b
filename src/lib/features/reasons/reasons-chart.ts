import type { ReasonRow } from './reasons.ts';
import { formatCount, formatPercent, formatPeriod, humanize } from '../../ui/format.ts';
import { COLORS, SERIES_PALETTE, rowTooltip } from '../../ui/chart/chart-options.ts';
import { barFrame, barLabel, frame, groupAxis, periodAxis, valueAxis } from '../../ui/chart/chart-parts.ts';
import type { ChartSpec, EChartsOption } from '../../ui/chart/chart-options.ts';
import type { ListResponse } from '../../ui/data/resource.svelte.ts';

/** Stated reason groups by returned units, largest first, labelled with their share. */
export function buildReasonsOption(rows: ReasonRow[]): EChartsOption | null {
	const ranked = rows.filter((r) => r.returned_units > 0).sort((a, b) => b.returned_units - a.returned_units);
	if (ranked.length === 0) return null;
	const shown = [...ranked].reverse();
	return {
		...barFrame(64),
		tooltip: rowTooltip(shown, (r) => ({
			heading: humanize(r.label),
			lines: [
				`${formatCount(r.returned_units)} units returned (${formatPercent(r.share)})`,
				`${formatCount(r.rma_lines)} RMA lines`
			]
		})),
		xAxis: valueAxis({ min: 0 }),
		yAxis: groupAxis(shown.map((r) => humanize(r.label))),
		series: [
			{
				name: 'Returned units',
				type: 'bar',
				data: shown.map((r) => r.returned_units),
				color: COLORS.primary,
				barMaxWidth: 18,
				label: {
					...barLabel(),
					formatter: (p: { dataIndex: number }) => formatPercent(shown[p.dataIndex].share)
				}
			}
		]
	};
}

/** Returned units per order month, one line per reason (rows of /api/reasons with their monthly trend). */
export function buildReasonTrendOption(rows: ReasonRow[], max = 6): EChartsOption | null {
	const top = rows
		.filter((r) => r.returned_units > 0 && r.trend.length > 0)
		.sort((a, b) => b.returned_units - a.returned_units)
		.slice(0, max);
	if (top.length === 0) return null;
	const periods = [...new Set(top.flatMap((r) => r.trend.map((p) => p.period)))].sort();
	return {
		...frame({ left: 48, right: 20, top: 36, bottom: 36 }),
		legend: { top: 0, left: 0, type: 'scroll' },
		// ECharts' own tooltip markup escapes the series names (the reason groups) itself.
		tooltip: { trigger: 'axis' },
		xAxis: periodAxis(periods.map((p) => formatPeriod(p, 'month'))),
		yAxis: valueAxis({ min: 0 }),
		series: top.map((r, i) => {
			const byPeriod = new Map(r.trend.map((p) => [p.period, p.units]));
			return {
				name: humanize(r.label),
				type: 'line' as const,
				data: periods.map((p) => byPeriod.get(p) ?? 0),
				color: SERIES_PALETTE[i % SERIES_PALETTE.length],
				symbolSize: 4
			};
		})
	};
}

/** Returned units per stated reason group; `of` ("the product's") names whose returns the shares are of. */
export function reasonGroupsChart(of?: string): ChartSpec<ListResponse<ReasonRow>> {
	return {
		title: 'Returned units by stated reason group',
		subtitle: `Labels: share of ${of ? `${of} returned units` : 'all returned units in scope'}.`,
		build: (answer) => buildReasonsOption(answer.rows)
	};
}

export const REASON_TREND_CHART: ChartSpec<ListResponse<ReasonRow>> = {
	title: 'Returned units per order month, by reason group',
	subtitle: 'The six largest reason groups; returns counted in the month the order was placed.',
	build: (answer) => buildReasonTrendOption(answer.rows)
};
