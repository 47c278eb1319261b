/** Numbers for people: compact money, percentages with one decimal, counts with separators. */

const NBSP = '\u00a0';
const DASH = '–';

// Made once: toLocaleString with options builds a new formatter on every call, and tables call it per cell.
const EXACT_MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function toNumber(value: number | string | null | undefined): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : null;
}

function compact(n: number): string {
	const abs = Math.abs(n);
	const sign = n < 0 ? '−' : '';
	const units: [number, string][] = [
		[1e9, 'bn'],
		[1e6, 'm'],
		[1e3, 'k']
	];
	for (const [size, suffix] of units) {
		if (abs >= size * 0.9995) {
			const scaled = abs / size;
			const digits = scaled >= 100 ? 0 : 1;
			return `${sign}${trimZero(scaled.toFixed(digits))}${suffix}`;
		}
	}
	return `${sign}${trimZero(abs.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2))}`;
}

function trimZero(s: string): string {
	return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** `"12400.50"` → `€ 12.4k`; the API's decimal strings and plain numbers alike. */
export function formatMoney(value: number | string | null | undefined, currency = '€'): string {
	const n = toNumber(value);
	if (n === null) return DASH;
	return `${currency}${NBSP}${compact(n)}`;
}

/** Exact money for tables and tooltips: `€ 12,400.50`. */
export function formatMoneyExact(value: number | string | null | undefined, currency = '€'): string {
	const n = toNumber(value);
	if (n === null) return DASH;
	const text = EXACT_MONEY.format(Math.abs(n));
	return `${n < 0 ? '−' : ''}${currency}${NBSP}${text}`;
}

/** A share as a percentage: `0.183` → `18.3 %`. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
	const n = toNumber(value);
	if (n === null) return DASH;
	return `${(n * 100).toFixed(digits)}${NBSP}%`;
}

/** A count: `12345` → `12,345`. */
export function formatCount(value: number | null | undefined): string {
	const n = toNumber(value);
	if (n === null) return DASH;
	return COUNT.format(Math.round(n));
}

/** A count, compact for tight spaces: `12345` → `12.3k`. */
export function formatCompact(value: number | null | undefined): string {
	const n = toNumber(value);
	if (n === null) return DASH;
	return compact(n);
}

export function formatDays(value: number | null | undefined): string {
	const n = toNumber(value);
	if (n === null) return DASH;
	return `${n.toFixed(1)}${NBSP}days`;
}

/** A 95% interval of a rate: `12.1–15.3 %`. */
export function formatInterval(low: number | null | undefined, high: number | null | undefined): string {
	const lo = toNumber(low);
	const hi = toNumber(high);
	if (lo === null || hi === null) return DASH;
	return `${(lo * 100).toFixed(1)}${DASH}${(hi * 100).toFixed(1)}${NBSP}%`;
}

export type Direction = 'up' | 'down' | 'flat';

export interface Change {
	text: string;
	direction: Direction;
}

/**
 * The change of a KPI against the previous period. Rates change in percentage points (`+1.2 pp`),
 * amounts and counts relatively (`+8.0 %`). Null when either side is missing or the base is zero.
 */
export function formatChange(
	current: number | string | null | undefined,
	previous: number | string | null | undefined,
	kind: 'rate' | 'relative'
): Change | null {
	const c = toNumber(current);
	const p = toNumber(previous);
	if (c === null || p === null) return null;
	let delta: number;
	let text: string;
	if (kind === 'rate') {
		delta = (c - p) * 100;
		text = `${Math.abs(delta).toFixed(1)}${NBSP}pp`;
	} else {
		if (p === 0) return null;
		delta = ((c - p) / Math.abs(p)) * 100;
		text = `${Math.abs(delta).toFixed(1)}${NBSP}%`;
	}
	const rounded = Number(Math.abs(delta).toFixed(1));
	const direction: Direction = rounded === 0 ? 'flat' : delta > 0 ? 'up' : 'down';
	const sign = direction === 'up' ? '+' : direction === 'down' ? '−' : '±';
	return { text: `${sign}${text}`, direction };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-03-14` → `14 Mar 2026`. */
export function formatDate(value: string | null | undefined): string {
	if (!value) return DASH;
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
	if (!m) return value;
	return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** A cohort label: month `2026-03-01` → `Mar 2026`; week → `9 Mar 2026`. */
export function formatPeriod(value: string, interval: 'week' | 'month'): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
	if (!m) return value;
	return interval === 'month' ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : formatDate(value);
}

/** `reason_group`-style keys for people: `not_as_described` → `Not as described`. */
export function humanize(key: string | null | undefined): string {
	if (!key) return DASH;
	const text = key.replace(/_/g, ' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe to put into HTML: product, supplier, category, reason and customer names come from
 * imported files, and ECharts renders a tooltip's formatter string as HTML.
 */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** The comment languages the reason clusters recognise, by their code in the API. */
export const LANGUAGE_NAMES: Record<string, string> = { de: 'German', en: 'English', nl: 'Dutch', fr: 'French' };
