import { describe, expect, it } from 'vitest';
import { alertFilters, alertHref } from '../../src/lib/features/alerts/alert-links.ts';

const window = { window_from: '2026-02-03', window_to: '2026-02-09' };

describe('an alert’s link', () => {
	it('opens the view it is about, filtered to the orders of its window', () => {
		expect(alertHref({ scope: 'product', key: 'P 1/2', product_id: 'P 1/2', ...window })).toBe(
			'/return-rates/P%201%2F2?from=2026-02-03&to=2026-02-09'
		);
		expect(alertHref({ scope: 'sku', key: 'P1-M', product_id: 'P1', ...window })).toBe(
			'/return-rates/P1?from=2026-02-03&to=2026-02-09&sku=P1-M'
		);
		expect(alertHref({ scope: 'sku', key: 'P1-M', product_id: null, ...window })).toBe(
			'/return-rates?by=sku&from=2026-02-03&to=2026-02-09&sku=P1-M'
		);
		expect(alertHref({ scope: 'supplier', key: 'Acme & Co', product_id: null, ...window })).toBe(
			'/suppliers?from=2026-02-03&to=2026-02-09&supplier=Acme+%26+Co'
		);
		expect(alertHref({ scope: 'category', key: 'shoes', product_id: null, ...window })).toBe(
			'/return-rates?from=2026-02-03&to=2026-02-09&category=shoes'
		);
	});

	it('the page passes on only the filters an alert has', () => {
		expect(alertFilters({ from: '2026-01-01', category: ['shoes'], channel: ['web'], country: ['DE'] })).toEqual({
			from: '2026-01-01',
			category: ['shoes']
		});
	});
});
