import { z } from 'zod';
import { FILTER_DIMENSIONS, type FilterDimension } from './filters.ts';

/** `GET /api/filter-options`: the values the filter bar offers, for the dimensions asked (default: all). */
export const filterOptionsQuery = z.strictObject({
	dimension: z
		.union([z.enum(FILTER_DIMENSIONS), z.array(z.enum(FILTER_DIMENSIONS))])
		.transform((v) => (Array.isArray(v) ? v : [v]))
		.optional()
});

export interface FilterOption {
	/** The value a filter takes, e.g. a product id. */
	key: string;
	/** What people read, e.g. the product's name. */
	label: string;
}

export interface FilterOptions {
	/** Every value in the loaded orders, sorted by label. */
	dimensions: Partial<Record<FilterDimension, FilterOption[]>>;
	/** The first and last order dates in the data (YYYY-MM-DD), or null without orders. */
	orderDates: { first: string; last: string } | null;
}
