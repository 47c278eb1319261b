import words from './function-words.json';
import type { ByLanguage } from './languages.ts';

/**
 * Words that say which language a comment is in but nothing about why the item came back: grammar,
 * generic verbs, and the greetings, thanks and "please refund" that pad every comment. They vote on
 * the language and are then dropped. Knowing them also keeps the typo corrector from "fixing" them
 * into a concept word.
 */
export const FUNCTION_WORDS: ByLanguage = words.functionWords;

/**
 * Things customers return, in the four languages. Knowing them keeps them from being "corrected" into
 * a concept (Kleid is not a typo of klein) and lets them vote on the language; they say what came
 * back, not why, so they are no features.
 */
export const PRODUCT_NOUNS: ByLanguage = words.productNouns;

/**
 * Sizes named as sizes: "I ordered a small", "an extra large", "in petite". The size a customer
 * bought is no complaint about it ("ordered a small and it was huge" is too big), so these phrases
 * win over the concept words inside them.
 */
export const SIZE_NAMES: ByLanguage = words.sizeNames;
