/**
 * Building blocks of customers' return comments in four languages. Each theme has its own
 * phrases carrying the words that give its meaning away (zu klein, te groot, défectueux ...);
 * greetings and sign-offs are shared noise. `{item}` is a noun phrase that fits every phrase's
 * grammar in that language, `{size}` the size ordered.
 *
 * Two phrase banks: `standard` (comment-fragments.json), and `independent`
 * (comment-phrases-independent.json), written apart from the clusterer's lexicon in the words,
 * slips and run-on sentences customers use, so the comment themes can be measured on wording they
 * were not tuned on.
 */
import fragments from './comment-fragments.json';
import independent from './comment-phrases-independent.json';
import type { Category } from './catalogue.ts';
import type { Theme } from './reasons.ts';

export const LANGUAGES = ['de', 'en', 'nl', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface LanguageFragments {
	openers: readonly string[];
	closers: readonly string[];
	themes: Record<Theme, readonly string[]>;
	items: Record<Category, readonly string[]>;
}

export const PHRASE_BANKS = ['standard', 'independent'] as const;
export type PhraseBank = (typeof PHRASE_BANKS)[number];

/** The phrases themselves are data: one JSON file per bank. */
export const FRAGMENTS: Record<PhraseBank, Record<Language, LanguageFragments>> = {
	standard: fragments,
	independent
};
