import words from './clause-words.json';
import type { ByLanguage } from './languages.ts';
import { foldWord } from './normalise.ts';

/** What a word does to the clause it is in, as bits. */
export const enum Role {
	None = 0,
	/** Turns the sentence ("but", "leider", "maar", "mais"): a clause ends before it. */
	Contrast = 1,
	/** Praises the item ("love", "schön", "mooi", "joli"). */
	Praise = 2,
	/** Makes praise something else: a negation, "too", a wish ("not as nice", "would be nice if"). */
	NotPraise = 4
}

function folded(lists: ByLanguage): Set<string> {
	return new Set(Object.values(lists).flatMap((list) => list.map(foldWord)));
}

const CONTRAST = folded(words.contrast);
const PRAISE = folded(words.praise);
const NOT_PRAISE = folded(words.notPraise);

/** The role of a word, folded as foldWord folds it. */
export function roleOf(folded: string): Role {
	return (
		(CONTRAST.has(folded) ? Role.Contrast : 0) |
		(PRAISE.has(folded) ? Role.Praise : 0) |
		(NOT_PRAISE.has(folded) ? Role.NotPraise : 0)
	);
}

/**
 * Whether a clause whose words have these roles (or-ed together) only praises the item. A review is
 * mostly praise around one complaint ("beautiful colour, great fabric, but it runs small"); the praise
 * is no reason for a return and would tie every complaint to every other. A clause praises when it has
 * a word of praise and no negation, "too" or wish ("not as nice as the picture" is a complaint).
 */
export function praises(roles: number): boolean {
	return (roles & Role.Praise) !== 0 && (roles & Role.NotPraise) === 0;
}
