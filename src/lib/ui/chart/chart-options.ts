import type { EChartsOption } from 'echarts';
import { escapeHtml } from '../format.ts';
export type { EChartsOption };

/** One palette for every chart: blue for rates, muted for context, red for costs and problems. */
export const COLORS = {
	primary: '#1f5fbf',
	secondary: '#d9822b',
	tertiary: '#2f8f6b',
	muted: '#8a94a3',
	danger: '#b42323',
	grid: '#e6e9ee',
	text: '#1b2430',
	axis: '#5a6472'
} as const;

export const SERIES_PALETTE = [
	'#1f5fbf',
	'#d9822b',
	'#2f8f6b',
	'#8e44ad',
	'#b42323',
	'#5a6472',
	'#c9a227',
	'#1d8a9e',
	'#7a5c3e'
];

export const BASE_TEXT = { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', color: COLORS.text };

/**
 * A chart as a page shows it: its heading and subtitle, and how its option is built from the API's
 * answer. Pages spread it into a ChartCard with the data: `<ChartCard {...spec} data={answer} />`.
 */
export interface ChartSpec<T> {
	title: string;
	subtitle?: string;
	build: (data: T) => EChartsOption | null;
	emptyText?: string;
}

export const percentAxisLabel = (value: number) => `${Math.round(value * 1000) / 10} %`;

/**
 * What a tooltip says, as plain text: a bold heading, an aside in brackets after it, and lines below.
 * Names in it come from imported files, so tooltipHtml escapes every part.
 */
export interface TooltipText {
	heading: string;
	aside?: string;
	lines?: readonly string[];
}

/** A tooltip's HTML (ECharts renders the formatter's string as HTML): every text escaped. */
export function tooltipHtml({ heading, aside, lines = [] }: TooltipText): string {
	const head = `<strong>${escapeHtml(heading)}</strong>${aside === undefined ? '' : ` (${escapeHtml(aside)})`}`;
	return [head, ...lines.map(escapeHtml)].join('<br>');
}

/**
 * An axis tooltip describing the row under the pointer: ECharts hands over the data index, which picks
 * the row from the same array the chart was drawn from. The description is text, escaped here.
 */
export function rowTooltip<T>(
	rows: readonly T[],
	describe: (row: T, index: number) => TooltipText,
	pointer: 'shadow' | 'line' = 'shadow'
) {
	return {
		trigger: 'axis' as const,
		axisPointer: { type: pointer },
		formatter: (params: unknown) => {
			const index = ((Array.isArray(params) ? params[0] : params) as { dataIndex: number }).dataIndex;
			return tooltipHtml(describe(rows[index] as T, index));
		}
	};
}
