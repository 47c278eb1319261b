import { z } from 'zod';
import { DEFAULT_MIN_UNITS, filterShape, listShape, querySchema } from '../../core/filters/filters.ts';

export const RATE_DIMENSIONS = ['product', 'sku', 'variant', 'category', 'supplier', 'channel', 'country'] as const;
export type RateDimension = (typeof RATE_DIMENSIONS)[number];

export const RATE_SORT_COLUMNS = [
	'unit_return_rate',
	'value_return_rate',
	'order_return_rate',
	'defect_return_rate',
	'fit_return_rate',
	'ci_low',
	'ci_high',
	'sold_units',
	'returned_units',
	'category_unit_return_rate',
	'key',
	'label'
] as const;

export const RETURN_WINDOW_DAYS = 30;

export const returnRatesQuery = querySchema({
	...filterShape,
	...listShape(RATE_SORT_COLUMNS),
	by: z.enum(RATE_DIMENSIONS).default('product'),
	minUnits: z.coerce.number().int().min(1).default(DEFAULT_MIN_UNITS)
});

export const returnRateTrendQuery = querySchema({
	...filterShape,
	...listShape(['period'] as const),
	interval: z.enum(['week', 'month']).default('month'),
	returnWindowDays: z.coerce.number().int().min(0).max(365).default(RETURN_WINDOW_DAYS)
});

export const RATE_DEFINITIONS = {
	unit_return_rate:
		'returned units / sold units of the order lines in scope (orders selected by ordered_at: a cohort view)',
	value_return_rate: 'Σ returned units × unit_price / Σ sold units × unit_price',
	order_return_rate: 'orders with at least one returned line / orders',
	ci_low: 'lower bound of the 95% Wilson interval of the unit return rate',
	ci_high: 'upper bound of the 95% Wilson interval of the unit return rate',
	low_sample: 'fewer sold units than minUnits; never ranked above a group with enough data',
	defect_return_rate:
		'defect-driven returned units / sold units (reason group defect or damage, or inspection confirmed a defect ' +
		'or found it defective/damaged)',
	fit_return_rate: 'returned units whose reason group is fit / sold units',
	top_reason_group: 'the reason group with the most returned units',
	category:
		'the group’s category (for products, SKUs and variants, the one most of its lines have); none for ' +
		'suppliers, channels and countries, which span categories',
	category_unit_return_rate: 'the unit return rate of the group’s category, for comparison',
	returns: 'RMAs with status rejected or cancelled are not returns'
} as const;

export interface ReturnRateRow {
	key: string;
	label: string;
	category: string | null;
	sold_units: number;
	returned_units: number;
	unit_return_rate: number | null;
	value_return_rate: number | null;
	order_return_rate: number | null;
	ci_low: number | null;
	ci_high: number | null;
	low_sample: boolean;
	defect_return_rate: number | null;
	fit_return_rate: number | null;
	top_reason_group: string | null;
	category_unit_return_rate: number | null;
}
