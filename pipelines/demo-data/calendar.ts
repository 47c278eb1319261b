/**
 * Time in the demo world: seconds since 2025-01-01T00:00:00Z (integers are cheaper to carry around
 * than Date objects) and the order-volume curve over the days.
 */

import { cumulative } from './prng.ts';

export const DAY = 86_400;
const EPOCH_MS = Date.UTC(2025, 0, 1);

/** The date the data set pretends to be exported on; nothing happens on or after it. */
export const GENERATED_FOR = '2026-11-23';
export const FIRST_ORDER_DATE = '2025-01-01';
export const LAST_ORDER_DATE = '2026-10-31';

export function dayOf(isoDate: string): number {
	return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - EPOCH_MS) / (DAY * 1000));
}

export const NOW = dayOf(GENERATED_FOR) * DAY;
export const ORDER_DAYS = dayOf(LAST_ORDER_DATE) + 1;

// Covers every event that can still precede NOW, with room for the far end of a return timeline.
const TABLE_DAYS = dayOf(GENERATED_FOR) + 120;
const DATE_STRINGS: string[] = [];
const MONTHS = new Uint8Array(TABLE_DAYS);
const WEEKDAYS = new Uint8Array(TABLE_DAYS);
for (let d = 0; d < TABLE_DAYS; d++) {
	const date = new Date(EPOCH_MS + d * DAY * 1000);
	DATE_STRINGS.push(date.toISOString().slice(0, 10));
	MONTHS[d] = date.getUTCMonth();
	WEEKDAYS[d] = date.getUTCDay();
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

export function dateString(day: number): string {
	return DATE_STRINGS[day] as string;
}

/** 0 = January. */
export function monthOf(day: number): number {
	return MONTHS[day] as number;
}

export type TimestampStyle = 'iso' | 'space' | 'date';

/** Exports differ in how they write a timestamp; the contract accepts all three. */
export function formatTimestamp(seconds: number, style: TimestampStyle = 'iso'): string {
	const day = Math.floor(seconds / DAY);
	const date = DATE_STRINGS[day] as string;
	if (style === 'date') return date;
	let rest = seconds - day * DAY;
	const h = Math.floor(rest / 3600);
	rest -= h * 3600;
	const m = Math.floor(rest / 60);
	const clock = `${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[rest - m * 60]}`;
	return style === 'iso' ? `${date}T${clock}Z` : `${date} ${clock}`;
}

// Retail volume: Nov/Dec peak, a summer dip, slow growth, busier Sundays and Mondays.
const MONTH_FACTOR = [0.9, 0.82, 0.9, 0.92, 0.95, 0.82, 0.75, 0.78, 0.92, 1.0, 1.45, 1.55];
const WEEKDAY_FACTOR = [1.12, 1.1, 1.0, 0.98, 0.98, 0.94, 0.88];
const PEAK_DAYS: Record<string, number> = {
	'2025-11-28': 2.6,
	'2025-11-29': 1.8,
	'2025-12-01': 2.0,
	'2025-12-24': 0.5,
	'2025-12-25': 0.45,
	'2025-12-26': 0.7,
	'2025-12-31': 0.7,
	'2026-01-01': 0.6
};

function dayWeight(d: number): number {
	const trend = 1 + (0.35 * d) / ORDER_DAYS;
	const month = MONTHS[d] as number;
	const dom = Number(DATE_STRINGS[d]?.slice(8, 10));
	// Christmas orders tail off once delivery before the 24th is no longer promised.
	const christmas = month === 11 && dom >= 19 && dom <= 23 ? 0.8 : 1;
	return (
		trend *
		(MONTH_FACTOR[month] as number) *
		(WEEKDAY_FACTOR[WEEKDAYS[d] as number] as number) *
		(PEAK_DAYS[DATE_STRINGS[d] as string] ?? 1) *
		christmas
	);
}

/** Cumulative share of all order lines placed up to and including each order day. */
export function cumulativeDayShares(): Float64Array {
	const out = new Float64Array(ORDER_DAYS);
	let sum = 0;
	for (let d = 0; d < ORDER_DAYS; d++) {
		sum += dayWeight(d);
		out[d] = sum;
	}
	for (let d = 0; d < ORDER_DAYS; d++) out[d] = (out[d] as number) / sum;
	return out;
}

/** Share of all order lines placed in [fromDay, toDay]. */
export function shareOfDays(shares: Float64Array, fromDay: number, toDay: number): number {
	return (shares[toDay] as number) - (fromDay > 0 ? (shares[fromDay - 1] as number) : 0);
}

/** Sales periods: discounts are deeper and more frequent. */
export function isSaleDay(day: number): boolean {
	const month = MONTHS[day] as number;
	const dom = Number(DATE_STRINGS[day]?.slice(8, 10));
	if (month === 0 && dom <= 20) return true;
	if (month === 6) return true;
	const date = DATE_STRINGS[day] as string;
	return date >= '2025-11-24' && date <= '2025-12-01';
}

// Evening shopping peak, almost nothing at night.
const HOUR_WEIGHTS = [
	0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.6, 1.2, 2, 2.6, 3, 3.2, 3.6, 3.4, 3.2, 3.2, 3.4, 3.8, 4.4, 5.2, 5.8, 5.4, 3.8, 1.8
];
export const HOUR_CUMULATIVE = cumulative(HOUR_WEIGHTS);
