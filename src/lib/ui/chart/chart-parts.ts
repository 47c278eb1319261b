import { BASE_TEXT, COLORS } from './chart-options.ts';

/**
 * The parts an option is built from, so every chart has the same frame, axes, legend and labels; the
 * builders (a feature's *-chart.ts) add their data and what is particular to them.
 */

/** What every chart starts with: the font, no animation, and the plot's margins. */
export function frame(grid: { left: number; right: number; top: number; bottom: number; containLabel?: boolean }) {
	return { textStyle: BASE_TEXT, animation: false, grid };
}

/**
 * The frame of a horizontal bar chart: the groups' names inside the margins, room on the right for the bars'
 * labels.
 */
export const barFrame = (right: number, top = 8) => frame({ left: 8, right, top, bottom: 8, containLabel: true });

/** A legend in the top left corner, naming the series in this order. */
export const legendOf = (names: string[]) => ({ top: 0, left: 0, data: names });

/** The axis of a horizontal bar chart's groups: their names, no ticks. */
export const groupAxis = (names: string[]) => ({
	type: 'category' as const,
	data: names,
	axisLabel: { color: COLORS.text },
	axisTick: { show: false }
});

/** The axis of a time series: one label per period. */
export const periodAxis = (labels: string[]) => ({
	type: 'category' as const,
	data: labels,
	axisLabel: { color: COLORS.axis },
	axisLine: { lineStyle: { color: COLORS.grid } }
});

/** A value axis with light grid lines: its scale (`min`, `splitNumber`…) and how its labels read. */
export function valueAxis(
	scale: { min?: number; minInterval?: number; splitNumber?: number } = {},
	label: { formatter?: (value: number) => string; hideOverlap?: boolean } = {}
) {
	return {
		type: 'value' as const,
		...scale,
		axisLabel: { ...label, color: COLORS.axis },
		splitLine: { lineStyle: { color: COLORS.grid } }
	};
}

/** The figure at the end of a horizontal bar, as `format` writes it (the plain value without one). */
export function barLabel(format?: (value: number) => string, color: string = COLORS.text) {
	const label = { show: true, position: 'right' as const, color };
	return format ? { ...label, formatter: (p: { value: unknown }) => format(p.value as number) } : label;
}
