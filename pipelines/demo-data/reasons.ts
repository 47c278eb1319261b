/**
 * The retailer's reason codes (reasons.csv) and the themes a customer's comment really talks about.
 * A theme is the ground truth for the comment clustering; the code is what the customer clicked,
 * which usually but not always agrees with it.
 */
import type { REASON_GROUPS } from '../../src/lib/core/contract/entities.ts';

export const THEMES = [
	'too_small',
	'too_large',
	'defect',
	'transit_damage',
	'not_as_described',
	'wrong_item',
	'late_delivery',
	'changed_mind',
	'better_price'
] as const;
export type Theme = (typeof THEMES)[number];

export interface Reason {
	code: string;
	label: string;
	group: (typeof REASON_GROUPS)[number];
}

export const REASONS: readonly Reason[] = [
	{ code: 'SIZE_SMALL', label: 'Too small', group: 'fit' },
	{ code: 'SIZE_LARGE', label: 'Too large', group: 'fit' },
	{ code: 'DEFECT', label: 'Defective, does not work', group: 'defect' },
	{ code: 'DAMAGED', label: 'Arrived damaged', group: 'damage' },
	{ code: 'NOT_AS_DESCRIBED', label: 'Not as described', group: 'not_as_described' },
	{ code: 'WRONG_ITEM', label: 'Wrong item sent', group: 'wrong_item' },
	{ code: 'LATE', label: 'Arrived too late', group: 'late_delivery' },
	{ code: 'CHANGED_MIND', label: 'Changed my mind', group: 'changed_mind' },
	{ code: 'BETTER_PRICE', label: 'Found a better price', group: 'better_price' },
	{ code: 'OTHER', label: 'Other reason', group: 'other' }
];

export const THEME_CODE: Record<Theme, string> = {
	too_small: 'SIZE_SMALL',
	too_large: 'SIZE_LARGE',
	defect: 'DEFECT',
	transit_damage: 'DAMAGED',
	not_as_described: 'NOT_AS_DESCRIBED',
	wrong_item: 'WRONG_ITEM',
	late_delivery: 'LATE',
	changed_mind: 'CHANGED_MIND',
	better_price: 'BETTER_PRICE'
};

/** Codes that claim a fault: an inspection that finds the item fine contradicts them. */
export const FAULT_CODES: readonly string[] = ['DEFECT', 'DAMAGED'];

export function isFitTheme(theme: Theme): boolean {
	return theme === 'too_small' || theme === 'too_large';
}

/** Themes that assert the product itself is faulty or broken. */
export function isFaultTheme(theme: Theme): boolean {
	return theme === 'defect' || theme === 'transit_damage';
}
