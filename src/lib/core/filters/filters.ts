import { z } from 'zod';

/**
 * The filters every analytic takes, shared by the API (validation) and the dashboard (URL state).
 * Dimension filters may repeat (`?category=shoes&category=apparel`).
 */
export const FILTER_DIMENSIONS = ['category', 'product', 'sku', 'supplier', 'channel', 'country'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/**
 * Dates the analytics can take: a calendar date as YYYY-MM-DD within 1900–2999. Beyond, a period's
 * edges (the next month, the previous period of equal length) would leave the dates DuckDB and
 * JavaScript both write as YYYY-MM-DD, and no shop's orders lie there.
 */
const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
	.refine(
		(s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
		'not a calendar date'
	)
	.refine((s) => s >= '1900-01-01' && s <= '2999-12-31', 'expected a date between 1900-01-01 and 2999-12-31');

const repeatable = z
	.union([z.string().min(1), z.array(z.string().min(1))])
	.transform((v) => (Array.isArray(v) ? v : [v]))
	.optional();

export const filterShape = {
	from: isoDate.optional(),
	to: isoDate.optional(),
	category: repeatable,
	product: repeatable,
	sku: repeatable,
	supplier: repeatable,
	channel: repeatable,
	country: repeatable
};

export type Filters = {
	from?: string;
	to?: string;
} & Partial<Record<FilterDimension, string[]>>;

export const FORMATS = ['json', 'csv', 'arrow'] as const;
export type Format = (typeof FORMATS)[number];

export const MAX_LIMIT = 10_000;

/** Paging, sorting and export format for endpoints that list rows. */
export function listShape<const Sort extends readonly [string, ...string[]]>(sortColumns: Sort) {
	return {
		limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional(),
		offset: z.coerce.number().int().min(0).default(0),
		sort: z.enum(sortColumns).optional(),
		order: z.enum(['asc', 'desc']).default('desc'),
		format: z.enum(FORMATS).default('json')
	};
}

/** A strict query schema: unknown parameters are an error, and `from` may not come after `to`. */
export function querySchema<Shape extends z.ZodRawShape>(shape: Shape) {
	return z.strictObject(shape).superRefine((value, ctx) => {
		const { from, to } = value as { from?: string; to?: string };
		if (from && to && from > to)
			ctx.addIssue({ code: 'custom', path: ['from'], message: `from ${from} is after to ${to}` });
	});
}

/** Groups with fewer sold units than this (`minUnits`) are low-sample: never ranked above groups with enough data. */
export const DEFAULT_MIN_UNITS = 30;
