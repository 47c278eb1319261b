/** What warehouse staff type into the notes field, by what they found. */
import type { CONDITIONS } from '../../src/lib/core/contract/entities.ts';

export type Condition = (typeof CONDITIONS)[number];

export const NOTES: Record<Condition, readonly string[]> = {
	new: ['original packaging, unused', 'as new, tags attached', 'OK', 'sealed', 'unopened', 'no issues found'],
	like_new: [
		'opened, unused',
		'packaging opened, item fine',
		'minimal handling marks',
		'tried on once, tags on',
		'tested, works fine'
	],
	used: ['signs of use', 'worn, tags removed', 'washed, slight pilling', 'light wear on soles', 'used, scuffs'],
	damaged: [
		'scratched housing',
		'box crushed, item dented',
		'broken in transit',
		'glass cracked',
		'fabric torn at seam, transit'
	],
	defective: [
		'fault confirmed',
		'does not power on',
		'seam open, production fault',
		'zip broken, confirmed',
		'battery fault confirmed',
		'sole detaching'
	],
	wrong_item: ['different item than sold', 'other model returned'],
	empty: ['box empty'],
	missing_parts: ['charger missing', 'one piece missing', 'accessories missing, box incomplete']
};

/** Notes that give away an item worn and sent back (wardrobing). */
export const WORN_NOTES: readonly string[] = [
	'worn, tags removed',
	'makeup stains on collar',
	'smells of perfume',
	'deodorant marks, worn',
	'worn outside, dirty soles',
	'tags re-attached with safety pin',
	'pet hair, clearly worn'
];

/** Notes when the box held something other than what was sold (item switch). */
export const SWITCH_NOTES: readonly string[] = [
	'cheaper item in box',
	'box empty',
	'different model returned, older version',
	'counterfeit returned instead of original',
	'serial number does not match'
];

/** Notes when a claimed fault could not be found. */
export const NO_FAULT_NOTES: readonly string[] = [
	'no fault found',
	'tested OK, works as expected',
	'no visible damage',
	'no defect, as new',
	'claim not confirmed, item fine'
];
