import type { Filters } from '../../core/filters/filters.ts';
import { apiResource } from '../../ui/api-resource.ts';
import type { ListResponse, Resource } from '../../ui/data/resource.svelte.ts';
import type { ReturnRateRow } from './return-rates.ts';
import type { ReturnRateTrendRow } from './trend-row.ts';

/** The return-rates answers the pages show, each asked for in one place (see apiResource). */
type Rates = Resource<ListResponse<ReturnRateRow>>;

export type RateLevel = 'product' | 'sku' | 'variant';

/** The levels the return-rates page ranks, in the order it offers them. */
export const RATE_LEVELS: readonly { value: RateLevel; label: string }[] = [
	{ value: 'product', label: 'Products' },
	{ value: 'sku', label: 'SKUs' },
	{ value: 'variant', label: 'Variants (sizes, colours)' }
];

/** The highest rates of a level: enough rows for a top 10 of the groups with enough data. */
export const topRates = (filters: () => Filters | null, by: () => RateLevel = () => 'product'): Rates =>
	apiResource('/api/return-rates', filters, () => ({ by: by(), sort: 'unit_return_rate', limit: 40 }));

/** The unit return rate per monthly order cohort, oldest first. */
export const monthlyRateTrend = (filters: () => Filters | null): Resource<ListResponse<ReturnRateTrendRow>> =>
	apiResource('/api/return-rates/trend', filters, () => ({
		interval: 'month',
		limit: 10000,
		sort: 'period',
		order: 'asc'
	}));

/** One product's rates (the filters name it), however few units it sold. */
export const productRates = (filters: () => Filters | null): Rates =>
	apiResource('/api/return-rates', filters, () => ({ by: 'product', minUnits: 1 }));

/** The rates of whole categories. */
export const categoryRates = (filters: () => Filters | null): Rates =>
	apiResource('/api/return-rates', filters, () => ({ by: 'category' }));
