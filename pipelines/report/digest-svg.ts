import { escapeHtml } from '../../src/lib/ui/format.ts';

/**
 * The digest's charts as inline SVG, drawn here rather than by a chart library: a mail client runs no
 * script and fetches nothing, and the file must read alike in a browser, a mail and a PDF.
 */
export interface Bar {
	label: string;
	/** Null: no figure for that bar (drawn as a gap, labelled "–"). */
	value: number | null;
	/** The bar the chart is about (this week), drawn in the accent colour. */
	highlight?: boolean;
}

export interface BarChart {
	title: string;
	bars: Bar[];
	format: (value: number) => string;
	width?: number;
	height?: number;
}

const ACCENT = '#1f5fbf';
const MUTED = '#9aa9bd';
const TEXT = '#1d2733';

const round = (n: number) => Math.round(n * 10) / 10;

/** A column chart with each bar's value above it and its label below; accessible by its title. */
export function barChartSvg({ title, bars, format, width = 560, height = 200 }: BarChart): string {
	const top = 22;
	const bottom = 34;
	const plot = height - top - bottom;
	const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
	const slot = width / Math.max(1, bars.length);
	const barWidth = Math.max(4, slot * 0.6);
	const parts = bars.map((bar, i) => {
		const x = round(i * slot + (slot - barWidth) / 2);
		const center = round(i * slot + slot / 2);
		const h = bar.value === null || max === 0 ? 0 : round((Math.max(0, bar.value) / max) * plot);
		const y = round(top + plot - h);
		const value = bar.value === null ? '–' : format(bar.value);
		const weight = bar.highlight ? ' font-weight="700"' : '';
		const fill = bar.highlight ? ACCENT : MUTED;
		return (
			`<rect x="${x}" y="${y}" width="${round(barWidth)}" height="${h}" fill="${fill}"/>` +
			`<text x="${center}" y="${round(y - 5)}" text-anchor="middle" font-size="11"${weight}>` +
			`${escapeHtml(value)}</text>` +
			`<text x="${center}" y="${height - bottom + 16}" text-anchor="middle" font-size="11"${weight}>` +
			`${escapeHtml(bar.label)}</text>`
		);
	});
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
		`role="img" aria-label="${escapeHtml(title)}" font-family="Helvetica, Arial, sans-serif" fill="${TEXT}">` +
		`<title>${escapeHtml(title)}</title>` +
		`<line x1="0" y1="${top + plot}" x2="${width}" y2="${top + plot}" stroke="#d5dde8"/>` +
		parts.join('') +
		'</svg>'
	);
}
