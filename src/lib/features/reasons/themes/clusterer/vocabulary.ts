import { PLAIN_CLAUSE_WORDS, SIZE_STEPS } from './clauses.ts';
import { CONCEPTS } from './concepts.ts';
import { FUNCTION_WORDS, PRODUCT_NOUNS, SIZE_NAMES } from './function-words.ts';
import { LANGUAGES, type ByLanguage } from './languages.ts';
import { collapseRuns, tokenise, umlautSpelling } from './normalise.ts';
import { TypoCorrector } from './typo-corrector.ts';

/** Shorter unknown words are left alone: one edit turns too many short words into other words. */
const MIN_CORRECTABLE_LENGTH = 4;
const STRETCHED = /(.)\1\1/;

/** A concept term beats a plain word (function word or product noun) when two lists share a spelling. */
export const enum EntryKind {
	Plain,
	Concept
}

/** A word or phrase of the lexicon, with everything its spellings in all lists say about it. */
export interface Entry {
	/** As written in the lexicon, accents and all: what cluster labels show. */
	display: string;
	kind: EntryKind;
	concepts: number[];
	/** Bit i set: a word of LANGUAGES[i]. */
	languages: number;
	/** A size step's entry when its clause advises a size (clauses.ts SIZE_STEPS): the opposite concept. */
	advised?: number;
}

export interface TrieNode {
	entry: number;
	next: Map<number, TrieNode> | undefined;
}

/**
 * Every word the lexicon knows, numbered, and its terms as a trie over word numbers, so a comment is
 * matched phrase by phrase in one pass. Built once per process from the hand-written lists.
 */
export class Vocabulary {
	readonly words: string[] = [];
	readonly entries: Entry[] = [];
	readonly concepts: readonly string[] = CONCEPTS.map((c) => c.id);
	readonly root: TrieNode = { entry: -1, next: new Map() };
	readonly #ids = new Map<string, number>();
	readonly #byCollapsed = new Map<string, number>();
	#corrector: TypoCorrector | undefined;

	wordId(word: string): number | undefined {
		return this.#ids.get(word);
	}

	/**
	 * The known word an unknown spelling stretches ("kleiiin", "sooo"), or -1: a letter three times in a
	 * row is emphasis, which no word of these languages is spelled with.
	 */
	stretched(token: string): number {
		return STRETCHED.test(token) ? (this.#byCollapsed.get(collapseRuns(token)) ?? -1) : -1;
	}

	/**
	 * The known word an unknown spelling may be a slip of, or -1: a doubled letter ("kleinn"), then one
	 * typo. Only a candidate: many real words are one letter from a known word (see slips.ts).
	 */
	slip(token: string): number {
		const collapsed = this.#byCollapsed.get(collapseRuns(token));
		if (collapsed !== undefined) return collapsed;
		this.#corrector ??= new TypoCorrector(this.words, MIN_CORRECTABLE_LENGTH);
		return this.#corrector.correct(token);
	}

	/** Adds a term, and returns its entry (-1 for a term without words). */
	add(term: string, kind: EntryKind, languageBit: number, concept = -1, display = term): number {
		const ids = tokenise(term).map((word) => this.#intern(word));
		if (ids.length === 0) return -1;
		let node = this.root;
		for (const id of ids) {
			node.next ??= new Map();
			let child = node.next.get(id);
			if (!child) {
				child = { entry: -1, next: undefined };
				node.next.set(id, child);
			}
			node = child;
		}
		if (node.entry < 0) {
			node.entry = this.entries.length;
			this.entries.push({ display, kind, concepts: [], languages: 0 });
		}
		const entry = this.entries[node.entry] as Entry;
		entry.languages |= languageBit;
		if (kind > entry.kind) {
			entry.kind = kind;
			entry.display = display;
		}
		if (concept >= 0 && !entry.concepts.includes(concept)) entry.concepts.push(concept);
		return node.entry;
	}

	/** A size step: the concept it says (`literal`), and the one it means when advised. */
	addStep(term: string, languageBit: number, literal: number, advised: number, display = term): void {
		const entry = this.entries[this.add(term, EntryKind.Concept, languageBit, literal, display)]!;
		if (entry.advised === undefined) {
			entry.advised = this.entries.length;
			this.entries.push({ display: entry.display, kind: EntryKind.Concept, concepts: [advised], languages: 0 });
		}
		this.entries[entry.advised]!.languages |= languageBit;
	}

	#intern(word: string): number {
		let id = this.#ids.get(word);
		if (id === undefined) {
			id = this.words.length;
			this.words.push(word);
			this.#ids.set(word, id);
			const collapsed = collapseRuns(word);
			if (!this.#byCollapsed.has(collapsed)) this.#byCollapsed.set(collapsed, id);
			this.#corrector = undefined;
		}
		return id;
	}
}

function addAll(vocabulary: Vocabulary, lists: ByLanguage, kind: EntryKind, concept = -1): void {
	LANGUAGES.forEach((language, i) => {
		for (const term of lists[language] ?? []) {
			vocabulary.add(term, kind, 1 << i, concept);
			if (language === 'de') vocabulary.add(umlautSpelling(term), kind, 1 << i, concept, term);
		}
	});
}

function addSteps(vocabulary: Vocabulary, lists: ByLanguage, literal: string, advised: string): void {
	const [said, meant] = [vocabulary.concepts.indexOf(literal), vocabulary.concepts.indexOf(advised)];
	LANGUAGES.forEach((language, i) => {
		for (const term of lists[language] ?? []) {
			vocabulary.addStep(term, 1 << i, said, meant);
			if (language === 'de') vocabulary.addStep(umlautSpelling(term), 1 << i, said, meant, term);
		}
	});
}

let shared: Vocabulary | undefined;

/** The vocabulary of the built-in lexicon; concept words come first, so typo fixes prefer them. */
export function vocabulary(): Vocabulary {
	if (shared) return shared;
	const built = new Vocabulary();
	CONCEPTS.forEach((concept, i) => addAll(built, concept.terms, EntryKind.Concept, i));
	addSteps(built, SIZE_STEPS.bigger, 'large', 'small');
	addSteps(built, SIZE_STEPS.smaller, 'small', 'large');
	addAll(built, PRODUCT_NOUNS, EntryKind.Plain);
	addAll(built, FUNCTION_WORDS, EntryKind.Plain);
	addAll(built, SIZE_NAMES, EntryKind.Plain);
	for (const words of PLAIN_CLAUSE_WORDS) addAll(built, words, EntryKind.Plain);
	shared = built;
	return built;
}
