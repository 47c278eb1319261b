import type { Filters } from '../../core/filters/filters.ts';
import { productHref } from '../../ui/navigation.ts';
import { filteredHref, filtersToParams } from '../../ui/url-filters.ts';
import type { AlertRow } from './alerts.ts';

/**
 * The view an alert is about, filtered to the orders of its window: a product's (or a SKU's) page, the
 * suppliers' report of its supplier, or the return rates of its category.
 */
export function alertHref(alert: Pick<AlertRow, 'scope' | 'key' | 'product_id' | 'window_from' | 'window_to'>): string {
	const window: Filters = { from: alert.window_from, to: alert.window_to };
	switch (alert.scope) {
		case 'product':
			return productHref(alert.key, window);
		case 'sku':
			return alert.product_id
				? productHref(alert.product_id, { ...window, sku: [alert.key] })
				: `/return-rates?by=sku&${filtersToParams({ ...window, sku: [alert.key] })}`;
		case 'supplier':
			return filteredHref('/suppliers', { ...window, supplier: [alert.key] });
		case 'category':
			return filteredHref('/return-rates', { ...window, category: [alert.key] });
	}
}

/** The filters of a page's URL an alert has: its catalogue place and the detection days (no channel or country). */
export function alertFilters(filters: Filters): Filters {
	const { channel: _channel, country: _country, ...rest } = filters;
	return rest;
}
