import words from './clause-words.json';
import type { ByLanguage } from './languages.ts';
import { foldWord } from './normalise.ts';

/** What a word does to the clause it is in, as bits. */
export const enum Role {
	/** Turns the sentence ("but", "leider", "maar", "mais"): a clause ends before it. */
	Contrast = 1,
	/** Praises the item ("love", "schön", "mooi", "joli"). */
	Praise = 2,
	/** Makes praise something else: a negation, "too", a wish ("not as nice", "would be nice if"). */
	NotPraise = 4,
	/** Advises or asks for another size ("need", "bestellen", "neem", "prenez"): see SIZE_STEPS. */
	Advice = 8,
	/** Says what the item is like ("runs", "more like", "fällt … aus", "eerder", "plutôt"): see SIZE_STEPS. */
	Literal = 16
}

function folded(lists: ByLanguage): Set<string> {
	return new Set(Object.values(lists).flatMap((list) => list.map(foldWord)));
}

/**
 * Words of praise and words that turn a sentence: no reason for a return anywhere ("not flattering" is
 * about the cut, which other words say), so the vocabulary knows them as plain words.
 */
export const PLAIN_CLAUSE_WORDS: readonly ByLanguage[] = [words.praise, words.contrast];

/**
 * Phrases that step a size up or down ("a size smaller", "eine Nummer kleiner", "een maat groter", "une
 * taille en dessous") say opposite things: "it is more like a size smaller" is too small, "order a size
 * smaller" too large. They mean what they say unless their clause advises or asks for a size (and does not
 * say what the item is like): see sizeStepAdvised.
 */
export const SIZE_STEPS: { bigger: ByLanguage; smaller: ByLanguage } = words.sizeSteps;

const CONTRAST = folded(words.contrast);
const PRAISE = folded(words.praise);
const NOT_PRAISE = folded(words.notPraise);
const ADVICE = folded(words.advice);
const LITERAL = folded(words.literal);

/** The role of a word, folded as foldWord folds it. */
export function roleOf(folded: string): Role {
	return (
		(CONTRAST.has(folded) ? Role.Contrast : 0) |
		(PRAISE.has(folded) ? Role.Praise : 0) |
		(NOT_PRAISE.has(folded) ? Role.NotPraise : 0) |
		(ADVICE.has(folded) ? Role.Advice : 0) |
		(LITERAL.has(folded) ? Role.Literal : 0)
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

/** Whether a size step in a clause with these roles is advice (the size wanted), not the item's size. */
export function sizeStepAdvised(roles: number): boolean {
	return (roles & Role.Advice) !== 0 && (roles & Role.Literal) === 0;
}
