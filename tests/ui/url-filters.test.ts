import { describe, expect, it } from 'vitest';
import {
	apiUrl,
	choiceParam,
	filteredHref,
	filtersToParams,
	matchPreset,
	parseFilters,
	presetRange,
	queryHref,
	withChoice,
	withDimension,
	withRange
} from '../../src/lib/ui/url-filters.ts';
import { customerHref, productHref } from '../../src/lib/ui/navigation.ts';

describe('URL ⇄ filter state', () => {
	it('parses dates and repeated dimensions, ignoring other parameters', () => {
		const filters = parseFilters(
			new URLSearchParams(
				'from=2026-01-01&to=2026-03-31&category=shoes&category=apparel&country=DE&by=sku&page=2'
			)
		);
		expect(filters).toEqual({
			from: '2026-01-01',
			to: '2026-03-31',
			category: ['shoes', 'apparel'],
			country: ['DE']
		});
	});

	it('drops what the API would reject instead of breaking the page', () => {
		expect(parseFilters(new URLSearchParams('from=2026-02-30&to=yesterday&category='))).toEqual({});
		expect(parseFilters(new URLSearchParams('from=2026-05-01&to=2026-04-01'))).toEqual({ to: '2026-04-01' });
	});

	it('round-trips through query parameters in a fixed order', () => {
		const filters = { country: ['NL'], to: '2026-02-01', category: ['home', 'beauty'], from: '2026-01-01' };
		const params = filtersToParams(filters);
		expect(params.toString()).toBe('from=2026-01-01&to=2026-02-01&category=home&category=beauty&country=NL');
		expect(parseFilters(params)).toEqual(filters);
	});

	it('removes duplicates', () => {
		expect(parseFilters(new URLSearchParams('channel=web&channel=web'))).toEqual({ channel: ['web'] });
	});

	it('builds API URLs with the filters and the endpoint parameters, leaving out empty ones', () => {
		expect(
			apiUrl('/api/return-rates', { category: ['shoes'] }, { by: 'product', limit: 10, sort: undefined, x: '' })
		).toBe('/api/return-rates?category=shoes&by=product&limit=10');
		expect(apiUrl('/api/summary', {})).toBe('/api/summary');
		expect(apiUrl('/api/fraud/customers', {}, { flag: ['wardrobing', 'item_switch'] })).toBe(
			'/api/fraud/customers?flag=wardrobing&flag=item_switch'
		);
	});

	it('replaces one dimension or the range and keeps the rest', () => {
		const filters = { from: '2026-01-01', category: ['shoes'], country: ['DE'] };
		expect(withDimension(filters, 'category', [])).toEqual({ from: '2026-01-01', country: ['DE'] });
		expect(withDimension(filters, 'supplier', ['Cuoio & Co'])).toMatchObject({
			supplier: ['Cuoio & Co'],
			category: ['shoes']
		});
		expect(withRange(filters, { to: '2026-02-01' })).toEqual({
			to: '2026-02-01',
			category: ['shoes'],
			country: ['DE']
		});
		expect(filters).toEqual({ from: '2026-01-01', category: ['shoes'], country: ['DE'] });
	});
});

describe('date presets', () => {
	it('count back from the anchor, both ends inclusive', () => {
		expect(presetRange('all', '2026-10-31')).toEqual({});
		expect(presetRange('last30', '2026-10-31')).toEqual({ from: '2026-10-02', to: '2026-10-31' });
		expect(presetRange('last90', '2026-03-01')).toEqual({ from: '2025-12-02', to: '2026-03-01' });
		expect(presetRange('thisYear', '2026-10-31')).toEqual({ from: '2026-01-01', to: '2026-10-31' });
	});

	it('recognise a range as a preset, or call it custom', () => {
		expect(matchPreset({}, undefined)).toBe('all');
		expect(matchPreset({ from: '2026-10-02', to: '2026-10-31' }, '2026-10-31')).toBe('last30');
		expect(matchPreset({ from: '2026-10-03', to: '2026-10-31' }, '2026-10-31')).toBe('custom');
		expect(matchPreset({ from: '2026-10-02' }, undefined)).toBe('custom');
	});
});

describe('links that keep the view', () => {
	const filters = { from: '2026-01-01', category: ['shoes'] };

	it('carry the filters to another page, and nothing without them', () => {
		expect(filteredHref('/return-rates', filters)).toBe('/return-rates?from=2026-01-01&category=shoes');
		expect(filteredHref('/return-rates', {})).toBe('/return-rates');
		expect(productHref('P/1 a', filters)).toBe('/return-rates/P%2F1%20a?from=2026-01-01&category=shoes');
		expect(customerHref('C-7', {})).toBe('/fraud/C-7');
	});
});

describe("a page's own choices in the URL", () => {
	const levels = [{ value: 'product' }, { value: 'sku' }] as const;

	it('read an offered value, and the default for a missing or unknown one', () => {
		expect(choiceParam(new URLSearchParams('by=sku&category=shoes'), 'by', levels, 'product')).toBe('sku');
		expect(choiceParam(new URLSearchParams('category=shoes'), 'by', levels, 'product')).toBe('product');
		expect(choiceParam(new URLSearchParams('by=DROP'), 'by', levels, 'product')).toBe('product');
	});

	it('change one choice and keep the rest of the view; the default leaves the URL', () => {
		const url = new URL('http://localhost/return-rates?category=shoes&by=sku');
		expect(withChoice(url, 'by', 'variant', 'product')).toBe('?category=shoes&by=variant');
		expect(withChoice(url, 'by', 'product', 'product')).toBe('?category=shoes');
		expect(withChoice(new URL('http://localhost/return-rates?by=sku'), 'by', 'product', 'product')).toBe(
			'/return-rates'
		);
		expect(queryHref(url, new URLSearchParams())).toBe('/return-rates');
	});
});
