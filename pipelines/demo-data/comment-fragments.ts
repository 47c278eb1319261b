/**
 * Building blocks of customers' return comments in four languages. Each theme has its own
 * phrases carrying the words that give its meaning away (zu klein, te groot, défectueux ...);
 * greetings and sign-offs are shared noise. `{item}` is a noun phrase that fits every phrase's
 * grammar in that language, `{size}` the size ordered.
 */
import fragments from './comment-fragments.json';
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

/** The phrases themselves are data: comment-fragments.json. */
export const FRAGMENTS: Record<Language, LanguageFragments> = fragments;
