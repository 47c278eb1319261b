import { z } from 'zod';
import { FILTER_DIMENSIONS, filterShape, type FilterDimension, type Filters } from '../core/filters/filters.ts';

/**
 * The dashboard's filter state lives in the URL, so a link reproduces the view. Parsing uses the API's
 * own `filterShape`; a malformed value in a hand-edited link is dropped rather than breaking the page.
 */
export function parseFilters(params: URLSearchParams): Filters {
	const filters: Filters = {};
	for (const key of ['from', 'to'] as const) {
		const parsed = filterShape[key].safeParse(params.get(key) ?? undefined);
		if (parsed.success && parsed.data) filters[key] = parsed.data;
	}
	if (filters.from && filters.to && filters.from > filters.to) delete filters.from;
	for (const dimension of FILTER_DIMENSIONS) {
		const values = params.getAll(dimension).filter((v) => v !== '');
		const parsed = filterShape[dimension].safeParse(values.length === 0 ? undefined : values);
		if (parsed.success && parsed.data && parsed.data.length > 0) filters[dimension] = [...new Set(parsed.data)];
	}
	return filters;
}

/** The filters as query parameters, in a fixed order so equal filters give equal links. */
export function filtersToParams(filters: Filters): URLSearchParams {
	const params = new URLSearchParams();
	if (filters.from) params.set('from', filters.from);
	if (filters.to) params.set('to', filters.to);
	for (const dimension of FILTER_DIMENSIONS)
		for (const value of filters[dimension] ?? []) params.append(dimension, value);
	return params;
}

/** A page's address with the filters of the current view, so a link keeps what the reader chose. */
export function filteredHref(path: string, filters: Filters): string {
	const query = filtersToParams(filters).toString();
	return query ? `${path}?${query}` : path;
}

/**
 * A page's own choice kept in the URL (`?by=sku`, `?flag=wardrobing`): the value if it is one of the
 * options offered, else `fallback`, so a hand-edited link cannot ask the API for something it rejects.
 */
export function choiceParam<T extends string>(
	params: URLSearchParams,
	name: string,
	options: readonly { value: T }[],
	fallback: T
): T {
	const value = params.get(name);
	return options.find((option) => option.value === value)?.value ?? fallback;
}

/** The address of the same view with one choice changed; the page's default leaves the URL. */
export function withChoice(url: URL, name: string, value: string, fallback: string): string {
	const params = new URLSearchParams(url.searchParams);
	if (value === fallback) params.delete(name);
	else params.set(name, value);
	return queryHref(url, params);
}

/** `?query`, or the bare path when the query is empty (a link to `?` would keep the old one). */
export function queryHref(url: URL, params: URLSearchParams): string {
	const query = params.toString();
	return query ? `?${query}` : url.pathname;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;

/** An API path with the filters and the endpoint's own parameters; empty values are left out. */
export function apiUrl(path: string, filters: Filters, extra: Record<string, QueryValue> = {}): string {
	const params = filtersToParams(filters);
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value)) for (const v of value) params.append(key, v);
		else params.set(key, String(value));
	}
	const query = params.toString();
	return query ? `${path}?${query}` : path;
}

/** Replaces one dimension's selection (an empty list clears it) and keeps everything else. */
export function withDimension(filters: Filters, dimension: FilterDimension, values: string[]): Filters {
	const next: Filters = { ...filters };
	if (values.length === 0) delete next[dimension];
	else next[dimension] = values;
	return next;
}

export const DATE_PRESETS = ['all', 'last30', 'last90', 'thisYear'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];
export const DATE_PRESET_LABELS: Record<DatePreset, string> = {
	all: 'All time',
	last30: 'Last 30 days',
	last90: 'Last 90 days',
	thisYear: 'This year'
};

const day = z.iso.date();

function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/**
 * The date range of a preset, counted back from `anchor` (the last day with orders in the data, so a
 * demo or an old export still shows something), both ends inclusive.
 */
export function presetRange(preset: DatePreset, anchor: string): { from?: string; to?: string } {
	day.parse(anchor);
	switch (preset) {
		case 'all':
			return {};
		case 'last30':
			return { from: addDays(anchor, -29), to: anchor };
		case 'last90':
			return { from: addDays(anchor, -89), to: anchor };
		case 'thisYear':
			return { from: `${anchor.slice(0, 4)}-01-01`, to: anchor };
	}
}

/** Which preset a range is, if any; 'custom' otherwise. */
export function matchPreset(filters: Pick<Filters, 'from' | 'to'>, anchor: string | undefined): DatePreset | 'custom' {
	if (!filters.from && !filters.to) return 'all';
	if (!anchor) return 'custom';
	for (const preset of DATE_PRESETS) {
		const range = presetRange(preset, anchor);
		if (range.from === filters.from && range.to === filters.to) return preset;
	}
	return 'custom';
}

export function withRange(filters: Filters, range: { from?: string; to?: string }): Filters {
	const next: Filters = { ...filters };
	delete next.from;
	delete next.to;
	if (range.from) next.from = range.from;
	if (range.to) next.to = range.to;
	return next;
}
