import { z } from 'zod';
import { CONDITIONS, REASON_GROUPS } from '../../../core/contract/entities.ts';
import { filterShape, listShape, querySchema } from '../../../core/filters/filters.ts';

export const MISMATCH_DIMENSIONS = ['reason_group', 'product', 'customer'] as const;
export type MismatchDimension = (typeof MISMATCH_DIMENSIONS)[number];

/** Reason groups whose claim is a product fault, which an inspection can confirm or not. */
export const CLAIMED_DEFECT_GROUPS = ['defect', 'damage'] as const;
/** Conditions that say the item came back unharmed. */
export const UNHARMED_CONDITIONS = ['new', 'like_new'] as const;

/** One count column per inspection condition. */
export const CONDITION_COLUMNS = CONDITIONS.map((condition) => `condition_${condition}` as const);

export const MISMATCH_SORT_COLUMNS = [
	'claimed_defect_not_confirmed',
	'claimed_defect_not_confirmed_share',
	'inspected_lines',
	'claimed_defect_lines',
	...CONDITION_COLUMNS,
	'defect_confirmed_true',
	'defect_confirmed_false',
	'defect_confirmed_unknown',
	'item_not_matching',
	'key',
	'label'
] as const;

const repeatableReasonGroup = z.preprocess(
	(v) => (v === undefined || Array.isArray(v) ? v : [v]),
	z.array(z.enum(REASON_GROUPS)).min(1).optional()
);

export const reasonMismatchQuery = querySchema({
	...filterShape,
	...listShape(MISMATCH_SORT_COLUMNS),
	by: z.enum(MISMATCH_DIMENSIONS).default('reason_group'),
	/** Only returns stating these reason groups (repeatable), e.g. `reasonGroup=defect&reasonGroup=damage`. */
	reasonGroup: repeatableReasonGroup
});

export const MISMATCH_DEFINITIONS = {
	period:
		'inspected returns of the order lines ordered in the period (a cohort view); RMAs rejected or cancelled ' +
		'are not returns',
	rows:
		'one row per stated reason group, or per product or customer when by says so (all their inspected returns, ' +
		'or those stating reasonGroup)',
	inspected_lines: 'RMA lines with an inspection (the latest one counts)',
	'condition_<condition>': 'inspected lines per condition the warehouse found',
	defect_confirmed:
		'inspected lines whose inspection confirmed the claimed fault (true), denied it (false) or did not say ' +
		'(unknown)',
	item_not_matching: 'inspected lines whose item is not the item sold (item_matches = false)',
	claimed_defect_lines: 'inspected lines whose stated reason group is defect or damage',
	claimed_defect_not_confirmed:
		'claimed_defect_lines the inspection found new or like_new with defect_confirmed = false',
	claimed_defect_not_confirmed_share: 'claimed_defect_not_confirmed / claimed_defect_lines'
} as const;

type ConditionCounts = Record<(typeof CONDITION_COLUMNS)[number], number>;

export type MismatchFigures = ConditionCounts & {
	inspected_lines: number;
	defect_confirmed_true: number;
	defect_confirmed_false: number;
	defect_confirmed_unknown: number;
	item_not_matching: number;
	claimed_defect_lines: number;
	claimed_defect_not_confirmed: number;
	claimed_defect_not_confirmed_share: number | null;
};

export type ReasonMismatchRow = MismatchFigures & { key: string; label: string };
