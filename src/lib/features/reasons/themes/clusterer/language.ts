import { languageCount, LANGUAGES, type Language } from './languages.ts';

const GERMAN_LETTERS = /[äöüß]/gi;
const FRENCH_LETTERS = /[éèêàâçùûîôœ]/gi;
/** An accented letter is a hint, not proof (crème, Café): worth half a known word. */
const LETTER_VOTE = 0.5;
const GERMAN = LANGUAGES.indexOf('de');
const FRENCH = LANGUAGES.indexOf('fr');

/** Letters only German, or only French, spells with. */
export interface AccentedLetters {
	german: number;
	french: number;
}

export function accentedLetters(word: string): AccentedLetters {
	return { german: word.match(GERMAN_LETTERS)?.length ?? 0, french: word.match(FRENCH_LETTERS)?.length ?? 0 };
}

/** Votes per language, in LANGUAGES order, from the words of a comment the lexicon knows. */
export class LanguageVotes {
	readonly #scores = new Float64Array(LANGUAGES.length);

	/** A word shared by several languages splits its vote between them. */
	word(languages: number): void {
		const count = languageCount(languages);
		if (count === 0) return;
		for (let i = 0; i < LANGUAGES.length; i++) if (languages & (1 << i)) this.#scores[i] += 1 / count;
	}

	letters(letters: AccentedLetters): void {
		this.#scores[GERMAN] += LETTER_VOTE * letters.german;
		this.#scores[FRENCH] += LETTER_VOTE * letters.french;
	}

	/** The language with the most votes (the earlier in LANGUAGES on a tie); null without any vote. */
	winner(): Language | null {
		let best = -1;
		let bestScore = 0;
		this.#scores.forEach((score, i) => {
			if (score > bestScore) {
				best = i;
				bestScore = score;
			}
		});
		return best < 0 ? null : (LANGUAGES[best] as Language);
	}
}
