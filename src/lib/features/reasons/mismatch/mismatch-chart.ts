import type { BarSeriesOption } from 'echarts';
import { CONDITIONS } from '../../../core/contract/entities.ts';
import type { ReasonMismatchRow } from './mismatch.ts';
import { formatCount, humanize } from '../../../ui/format.ts';
import { rowTooltip } from '../../../ui/chart/chart-options.ts';
import { barFrame, groupAxis, valueAxis } from '../../../ui/chart/chart-parts.ts';
import type { ChartSpec, EChartsOption } from '../../../ui/chart/chart-options.ts';
import type { ListResponse } from '../../../ui/data/resource.svelte.ts';

/** Unharmed conditions in greens, faults in reds, the rest in neutral tones. */
export const CONDITION_COLORS: Record<(typeof CONDITIONS)[number], string> = {
	new: '#2f8f6b',
	like_new: '#7cc3a3',
	used: '#c9a227',
	damaged: '#d9822b',
	defective: '#b42323',
	wrong_item: '#8e44ad',
	empty: '#5a6472',
	missing_parts: '#a7b0bd'
};

/**
 * Stated reason (rows of /api/reasons/mismatch?by=reason_group) against what the warehouse found:
 * one horizontal bar per stated reason group, stacked by inspected condition.
 */
export function buildMismatchOption(rows: ReasonMismatchRow[]): EChartsOption | null {
	const shown = rows.filter((r) => r.inspected_lines > 0).sort((a, b) => a.inspected_lines - b.inspected_lines);
	if (shown.length === 0) return null;
	const series: BarSeriesOption[] = CONDITIONS.map((condition) => ({
		name: humanize(condition),
		type: 'bar',
		stack: 'found',
		color: CONDITION_COLORS[condition],
		barMaxWidth: 20,
		data: shown.map((r) => r[`condition_${condition}`])
	}));
	return {
		...barFrame(16, 56),
		legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
		tooltip: rowTooltip(shown, (r) => {
			const found = CONDITIONS.filter((c) => r[`condition_${c}`] > 0).map(
				(c) => `${humanize(c)}: ${formatCount(r[`condition_${c}`])}`
			);
			const extra =
				r.claimed_defect_lines > 0
					? [
							`Defect/damage claims not confirmed: ${formatCount(r.claimed_defect_not_confirmed)} ` +
								`of ${formatCount(r.claimed_defect_lines)}`
						]
					: [];
			return {
				heading: `Stated: ${humanize(r.label)}`,
				aside: `${formatCount(r.inspected_lines)} inspected`,
				lines: [...found, ...extra]
			};
		}),
		xAxis: valueAxis({ min: 0 }),
		yAxis: groupAxis(shown.map((r) => humanize(r.label))),
		series
	};
}

export const MISMATCH_CHART: ChartSpec<ListResponse<ReasonMismatchRow>> = {
	title: 'Stated reason against what inspection found',
	subtitle: 'Inspected returns per stated reason, by the condition the warehouse found.',
	build: (answer) => buildMismatchOption(answer.rows)
};
