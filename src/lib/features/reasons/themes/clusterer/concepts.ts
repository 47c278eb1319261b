import concepts from './concepts.json';
import type { ByLanguage } from './languages.ts';

/**
 * The shared concept vocabulary of return reasons: what customers say, in four languages, mapped onto
 * one meaning, so "zu klein", "te klein" and "trop petit" weigh as the same feature. A concept is one
 * idea, not a theme: themes emerge from which concepts occur together. Terms may be phrases; the longest
 * phrase wins over its words, which is how "mauvaise qualité" escapes "mauvais" (wrong) and "anders
 * überlegt" escapes "anders" (different). A term listed under two concepts carries both, as compounds
 * such as "Transportschaden" do.
 */
export interface Concept {
	id: string;
	/**
	 * Which way a fit concept says the item is off: too small, tight or short is one theme, too large,
	 * loose or long its opposite, however much the two share ("size", "fit", "ordered").
	 */
	direction?: 'smaller' | 'larger';
	terms: ByLanguage;
}

/** The lexicon itself is data: concepts.json. */
export const CONCEPTS: readonly Concept[] = concepts as Concept[];
