/**
 * A spelling the lexicon lacks is read as a slip of the lexicon word one edit away only when that word
 * is written in at least this many times as many comments. Many real words are one letter from a
 * lexicon word ("thin" and "think", "right" and "tight", "shirts" and "shorts", "well" and Dutch
 * "wel"), and customers write them as often as anything else; a slip is one writing among many of its
 * word.
 */
export const SLIP_RATIO = 30;

/**
 * What a clustering decided about slips, for placing later comments alike: the lexicon words written
 * often enough to be slipped on, and the spellings one edit from such a word that are words of their
 * own. A spelling no comment of the clustering had is a slip of a word in `targets`.
 */
export interface SlipModel {
	targets: string[];
	kept: string[];
}

/**
 * Decides which spellings the lexicon lacks are slips of a lexicon word: by the comments counted so
 * far (a clustering counts all of its comments before it decides), or as a clustering's model says.
 */
export class Slips {
	readonly #model: { targets: Set<string>; kept: Set<string> } | undefined;
	/** Comments per known word id, and per unknown word id. */
	readonly #known: number[] = [];
	readonly #unknown: number[] = [];
	readonly #kept = new Set<string>();

	constructor(model?: SlipModel) {
		if (model) this.#model = { targets: new Set(model.targets), kept: new Set(model.kept) };
	}

	/** Counts `comments` for a word: a known word's id, or -(1 + id) of a word the lexicon lacks. */
	count(id: number, comments: number): void {
		const counts = id >= 0 ? this.#known : this.#unknown;
		const at = id >= 0 ? id : -1 - id;
		while (counts.length <= at) counts.push(0);
		counts[at]! += comments;
	}

	/** Whether the unknown word `unknown` (id), spelled `spelling`, is a slip of the known word `word` (id). */
	isSlip(unknown: number, spelling: string, word: number, wordSpelling: string): boolean {
		if (this.#model) return this.#model.targets.has(wordSpelling) && !this.#model.kept.has(spelling);
		const written = this.#known[word] ?? 0;
		if (written >= SLIP_RATIO * Math.max(1, this.#unknown[unknown] ?? 0)) return true;
		if (written >= SLIP_RATIO) this.#kept.add(spelling);
		return false;
	}

	/** The decisions taken from counts, with the known words' spellings. */
	model(words: readonly string[]): SlipModel {
		const targets: string[] = [];
		this.#known.forEach((comments, id) => {
			if (comments >= SLIP_RATIO) targets.push(words[id] as string);
		});
		return { targets: targets.sort(), kept: [...this.#kept].sort() };
	}
}
