import type { SegmentRow } from './segments.ts';
import { formatCount } from '../../ui/format.ts';
import { COLORS, tooltipHtml } from '../../ui/chart/chart-options.ts';
import { barFrame, barLabel, groupAxis, legendOf, valueAxis } from '../../ui/chart/chart-parts.ts';
import type { ChartSpec, EChartsOption } from '../../ui/chart/chart-options.ts';
import type { ListResponse } from '../../ui/data/resource.svelte.ts';

function truncate(text: string, max = 34): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Segment sizes, largest on top; reason-based segments blue, behaviour-based green. */
export function buildSegmentSizesOption(rows: SegmentRow[]): EChartsOption | null {
	if (rows.length === 0) return null;
	const shown = [...rows].sort((a, b) => a.size - b.size);
	const kinds = [
		{ kind: 'reason', name: 'From return reasons', color: COLORS.primary },
		{ kind: 'behaviour', name: 'From behaviour', color: COLORS.tertiary }
	] as const;
	return {
		...barFrame(48, 28),
		legend: legendOf(kinds.map((k) => k.name)),
		tooltip: {
			trigger: 'item',
			formatter: (p: unknown) => {
				const r = shown[(p as { dataIndex: number }).dataIndex];
				return tooltipHtml({ heading: r.name, lines: [`${formatCount(r.size)} customers`, r.definition] });
			}
		},
		xAxis: valueAxis({ min: 0 }),
		yAxis: groupAxis(shown.map((r) => truncate(r.name))),
		// One series per kind, stacked: each segment's bar is in the colour of its kind.
		series: kinds.map(({ kind, name, color }) => ({
			name,
			type: 'bar' as const,
			stack: 'size',
			barMaxWidth: 18,
			color,
			data: shown.map((r) => (r.kind === kind ? r.size : null)),
			label: barLabel(formatCount)
		}))
	};
}

export const SEGMENT_SIZES_CHART: ChartSpec<ListResponse<SegmentRow>> = {
	title: 'Customers per segment',
	subtitle: 'Fraud-flagged customers excluded.',
	build: (answer) => buildSegmentSizesOption(answer.rows)
};
