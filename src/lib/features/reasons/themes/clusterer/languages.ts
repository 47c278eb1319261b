/** The languages the lexicon covers and the detector can name. */
export const LANGUAGES = ['de', 'en', 'nl', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Words belonging to one or more languages, per language: the shape of every word list here. */
export type ByLanguage = Partial<Record<Language, readonly string[]>>;

/** How many languages a bit set (bit i: LANGUAGES[i]) names. */
export function languageCount(languages: number): number {
	let count = 0;
	for (let bits = languages; bits; bits &= bits - 1) count++;
	return count;
}
