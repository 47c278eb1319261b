/** The languages the lexicon covers and the detector can name. */
export const LANGUAGES = ['de', 'en', 'nl', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Words belonging to one or more languages, per language: the shape of every word list here. */
export type ByLanguage = Partial<Record<Language, readonly string[]>>;
