import type { ReasonRow } from './reasons.ts';
import { formatCount, formatPercent, formatPeriod, humanize } from '../../ui/format.ts';
import { BASE_TEXT, COLORS, SERIES_PALETTE, type EChartsOption, rowTooltip } from '../../ui/chart/chart-options.ts';

/** Stated reason groups by returned units, largest first, labelled with their share. */
export function buildReasonsOption(rows: ReasonRow[]): EChartsOption | null {
	const ranked = rows.filter((r) => r.returned_units > 0).sort((a, b) => b.returned_units - a.returned_units);
	if (ranked.length === 0) return null;
	const shown = [...ranked].reverse();
	return {
		textStyle: BASE_TEXT,
		animation: false,
		grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
		tooltip: rowTooltip(shown, (r) => ({
			heading: humanize(r.label),
			lines: [`${formatCount(r.returned_units)} units returned (${formatPercent(r.share)})`, `${formatCount(r.rma_lines)} RMA lines`]
		})),
		xAxis: { type: 'value', min: 0, axisLabel: { color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
		yAxis: { type: 'category', data: shown.map((r) => humanize(r.label)), axisLabel: { color: COLORS.text }, axisTick: { show: false } },
		series: [
			{
				name: 'Returned units',
				type: 'bar',
				data: shown.map((r) => r.returned_units),
				color: COLORS.primary,
				barMaxWidth: 18,
				label: {
					show: true,
					position: 'right',
					color: COLORS.text,
					formatter: (p: { dataIndex: number }) => formatPercent(shown[p.dataIndex].share)
				}
			}
		]
	};
}

/** Returned units per order month, one line per reason (rows of /api/reasons with their monthly trend). */
export function buildReasonTrendOption(rows: ReasonRow[], max = 6): EChartsOption | null {
	const top = rows.filter((r) => r.returned_units > 0 && r.trend.length > 0).sort((a, b) => b.returned_units - a.returned_units).slice(0, max);
	if (top.length === 0) return null;
	const periods = [...new Set(top.flatMap((r) => r.trend.map((p) => p.period)))].sort();
	return {
		textStyle: BASE_TEXT,
		animation: false,
		grid: { left: 48, right: 20, top: 36, bottom: 36 },
		legend: { top: 0, left: 0, type: 'scroll' },
		// ECharts' own tooltip markup escapes the series names (the reason groups) itself.
		tooltip: { trigger: 'axis' },
		xAxis: {
			type: 'category',
			data: periods.map((p) => formatPeriod(p, 'month')),
			axisLabel: { color: COLORS.axis },
			axisLine: { lineStyle: { color: COLORS.grid } }
		},
		yAxis: { type: 'value', min: 0, axisLabel: { color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
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
