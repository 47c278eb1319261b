import { z } from 'zod';
import { FORMATS, filterShape, listShape, querySchema } from '../../core/filters/filters.ts';

/**
 * Ready-made customer segments for marketing, built from return reasons and behaviour. Customers
 * with a fraud flag are left out of every segment: nobody should be sent a voucher for a
 * "defective" item they swapped.
 */
export const SEGMENT_KINDS = ['reason', 'behaviour'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export interface SegmentInfo {
	name: string;
	kind: SegmentKind;
	definition: string;
}

/** Customers with spend at or above this quantile count as high-value (0.9: the top 10%). */
export const HIGH_VALUE_QUANTILE = 0.9;

/** The segments with one rule each; fit-issue segments come on top, one per category in the data. */
export const FIXED_SEGMENTS = {
	'defect-affected': {
		name: 'Hit by a product defect',
		kind: 'reason',
		definition:
			'returned an item as defective and inspection did not refute it, or inspection found a returned item ' +
			'defective'
	},
	'transit-damage': {
		name: 'Hit by transit damage',
		kind: 'reason',
		definition: 'returned an item as arrived damaged and inspection did not find it new or like new'
	},
	'late-delivery': {
		name: 'Let down by a late delivery',
		kind: 'reason',
		definition: 'returned an item because it arrived too late'
	},
	exchangers: {
		name: 'Exchangers',
		kind: 'behaviour',
		definition: 'at least one return resolved as an exchange: they wanted the product, not their money back'
	},
	'high-value-no-returns': {
		name: 'High-value customers who never return',
		kind: 'behaviour',
		definition:
			`spend (Σ units × unit_price) in the top ${Math.round((1 - HIGH_VALUE_QUANTILE) * 100)}% of customers ` +
			`and not a single RMA`
	},
	bracketers: {
		name: 'Bracketers',
		kind: 'behaviour',
		definition: 'ordered several sizes or variants of one product in one order and sent all back but one'
	}
} as const satisfies Record<string, SegmentInfo>;
export type FixedSegmentId = keyof typeof FIXED_SEGMENTS;
export const FIXED_SEGMENT_IDS = Object.keys(FIXED_SEGMENTS) as FixedSegmentId[];

/** Fit-issue segments are `fit-issues-<category as a slug>`, e.g. `fit-issues-apparel`. */
export const FIT_SEGMENT = {
	idPrefix: 'fit-issues-',
	namePrefix: 'Fit-issue returners: ',
	definitionPrefix: 'returned an item for a fit reason (size, too small, too large) in '
} as const;

/** The columns of a segment export, in this order, as ad and e-mail tools take them. */
export const SEGMENT_EXPORT_COLUMNS = [
	'customer_id',
	'email',
	'country',
	'last_return',
	'categories',
	'reason_theme'
] as const;

export const SEGMENT_DEFINITIONS = {
	size: 'customers in the segment, fraud-flagged customers excluded',
	email: 'the customer’s most recent e-mail address on an order',
	country: 'the shipping country of the customer’s most recent order',
	last_return: 'date of the customer’s most recent return (RMA not rejected or cancelled)',
	categories: 'the categories behind the customer’s membership, separated by ";"',
	reason_theme: 'the reason group most frequent among the returns behind the customer’s membership'
} as const;

/** The dimension filter that makes sense for people: their country. */
export const segmentsQuery = querySchema({
	country: filterShape.country,
	...listShape(['size', 'name', 'id'] as const)
});

export const segmentCustomersQuery = querySchema({
	country: filterShape.country,
	...listShape(['last_return', 'customer_id', 'email', 'country'] as const),
	// An export is what a segment is for: CSV unless asked otherwise.
	format: z.enum(FORMATS).default('csv')
});

export interface SegmentRow {
	id: string;
	name: string;
	kind: SegmentKind;
	size: number;
	definition: string;
}

export interface SegmentCustomerRow {
	customer_id: string;
	email: string | null;
	country: string | null;
	last_return: string | null;
	categories: string | null;
	reason_theme: string | null;
}
