import type { SegmentRow } from './segments.ts';
import { formatCount } from '../../ui/format.ts';
import { BASE_TEXT, COLORS, type EChartsOption, tooltipHtml } from '../../ui/chart/chart-options.ts';

function truncate(text: string, max = 34): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Segment sizes, largest on top; reason-based segments blue, behaviour-based green. */
export function buildSegmentSizesOption(rows: SegmentRow[]): EChartsOption | null {
	if (rows.length === 0) return null;
	const shown = [...rows].sort((a, b) => a.size - b.size);
	return {
		textStyle: BASE_TEXT,
		animation: false,
		grid: { left: 8, right: 48, top: 28, bottom: 8, containLabel: true },
		legend: { top: 0, left: 0, data: ['From return reasons', 'From behaviour'] },
		tooltip: {
			trigger: 'item',
			formatter: (p: unknown) => {
				const r = shown[(p as { dataIndex: number }).dataIndex];
				return tooltipHtml({ heading: r.name, lines: [`${formatCount(r.size)} customers`, r.definition] });
			}
		},
		xAxis: { type: 'value', min: 0, axisLabel: { color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
		yAxis: { type: 'category', data: shown.map((r) => truncate(r.name)), axisLabel: { color: COLORS.text }, axisTick: { show: false } },
		series: [
			{
				name: 'From return reasons',
				type: 'bar',
				stack: 'size',
				barMaxWidth: 18,
				color: COLORS.primary,
				data: shown.map((r) => (r.kind === 'reason' ? r.size : null)),
				label: { show: true, position: 'right', color: COLORS.text, formatter: (p: { value: unknown }) => formatCount(p.value as number) }
			},
			{
				name: 'From behaviour',
				type: 'bar',
				stack: 'size',
				barMaxWidth: 18,
				color: COLORS.tertiary,
				data: shown.map((r) => (r.kind === 'behaviour' ? r.size : null)),
				label: { show: true, position: 'right', color: COLORS.text, formatter: (p: { value: unknown }) => formatCount(p.value as number) }
			}
		]
	};
}
