import { praises, Role, roleOf, sizeStepAdvised } from './clauses.ts';
import { accentedLetters, LanguageVotes, type AccentedLetters } from './language.ts';
import type { Language } from './languages.ts';
import { foldWord, splitSentences } from './normalise.ts';
import { EntryKind, type TrieNode, type Vocabulary } from './vocabulary.ts';

/** What a comment says, as far as clustering is concerned. */
export interface Analysis {
	/** Concept terms found, each once, in order of appearance. */
	entries: number[];
	/** Words the lexicon does not know, each once, as ids of TextAnalyser.unknownWord. */
	unknown: number[];
	language: Language | null;
}

interface Word extends AccentedLetters {
	/** Known word id; -(1 + unknown word id) for a word the lexicon lacks; null for a number. */
	id: number | null;
	/** What it does to its clause (clauses.ts). */
	role: Role;
}

/**
 * Reads comments against the vocabulary: splits the text, folds each word, fixes typos, matches the
 * longest phrases, and lets the known words vote on the language. Each distinct spelling is resolved
 * once, so the cost per comment is a map lookup per word and a walk down the phrase trie.
 */
export class TextAnalyser {
	readonly #vocabulary: Vocabulary;
	readonly #words = new Map<string, Word>();
	readonly #unknown: string[] = [];
	readonly #unknownIds = new Map<string, number>();
	/** Each unknown word as the comments spell it: with its accents, when some comment wrote them. */
	readonly #spelling: string[] = [];

	constructor(vocabulary: Vocabulary) {
		this.#vocabulary = vocabulary;
	}

	/** An unknown word as matching sees it (folded). */
	unknownWord(id: number): string {
		return this.#unknown[id] as string;
	}

	/** An unknown word as a reader wants it: lower case, accents and all. */
	unknownSpelling(id: number): string {
		return this.#spelling[id] as string;
	}

	analyse(text: string): Analysis {
		const votes = new LanguageVotes();
		const clauses: { ids: number[]; praise: boolean; advised: boolean }[] = [];
		for (const sentence of splitSentences(text)) {
			let ids: number[] = [];
			let roles = 0;
			let words = 0;
			for (const spelling of sentence) {
				const word = this.#word(spelling);
				votes.letters(word);
				if (word.role & Role.Contrast && words > 0) {
					clauses.push({ ids, praise: praises(roles), advised: sizeStepAdvised(roles) });
					ids = [];
					roles = 0;
					words = 0;
				}
				roles |= word.role;
				words++;
				if (word.id !== null) ids.push(word.id);
			}
			clauses.push({ ids, praise: praises(roles), advised: sizeStepAdvised(roles) });
		}
		// Praise is no reason for a return, unless praise is all the comment says.
		const complaint = clauses.some((clause) => !clause.praise);
		const entries: number[] = [];
		const unknown: number[] = [];
		const all = this.#vocabulary.entries;
		for (const { ids, praise, advised } of clauses) {
			const kept = !praise || !complaint;
			for (let i = 0; i < ids.length;) {
				const match = longestMatch(this.#vocabulary.root, ids, i);
				if (match < 0) {
					const id = -1 - (ids[i] as number);
					if (kept && id >= 0 && !unknown.includes(id)) unknown.push(id);
					i++;
					continue;
				}
				const matched = all[match >> 8]!;
				const entry = advised && matched.advised !== undefined ? matched.advised : match >> 8;
				const found = all[entry]!;
				votes.word(found.languages);
				if (kept && found.kind === EntryKind.Concept && !entries.includes(entry)) entries.push(entry);
				i += match & 0xff;
			}
		}
		return { entries, unknown, language: votes.winner() };
	}

	#word(spelling: string): Word {
		let word = this.#words.get(spelling);
		if (word) return word;
		const folded = foldWord(spelling);
		word = { id: folded ? this.#resolve(folded) : null, role: roleOf(folded), ...accentedLetters(spelling) };
		this.#words.set(spelling, word);
		if (word.id !== null && word.id < 0) this.#spell(-1 - word.id, spelling.toLowerCase());
		return word;
	}

	/** Keeps the spelling with the most letters beyond a–z: "abîmé" over "abime". */
	#spell(id: number, spelling: string): void {
		const current = this.#spelling[id];
		if (current === undefined || beyondAscii(spelling) > beyondAscii(current)) this.#spelling[id] = spelling;
	}

	#resolve(folded: string): number {
		const known = this.#vocabulary.wordId(folded) ?? this.#vocabulary.correct(folded);
		if (known >= 0) return known;
		let id = this.#unknownIds.get(folded);
		if (id === undefined) {
			id = this.#unknown.length;
			this.#unknown.push(folded);
			this.#unknownIds.set(folded, id);
		}
		return -1 - id;
	}
}

function beyondAscii(word: string): number {
	let n = 0;
	for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) n++;
	return n;
}

/**
 * The longest term starting at `start`: its entry shifted left by 8, plus how many words it spans
 * (no term is 256 words long); -1 if no term starts there.
 */
function longestMatch(root: TrieNode, ids: readonly number[], start: number): number {
	let node: TrieNode | undefined = root;
	let match = -1;
	for (let j = start; j < ids.length && node?.next; j++) {
		node = node.next.get(ids[j] as number);
		if (!node) break;
		if (node.entry >= 0) match = (node.entry << 8) | (j - start + 1);
	}
	return match;
}
