import { praises, Role, roleOf, sizeStepAdvised } from './clauses.ts';
import { accentedLetters, LanguageVotes, type AccentedLetters } from './language.ts';
import type { Language } from './languages.ts';
import { foldWord, splitSentences } from './normalise.ts';
import { Slips, type SlipModel } from './slips.ts';
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
 * A comment as read before any slip is decided, in one array: its German and French letters and its
 * flags (COMPLAINT, WAITS), then per clause the clause's flags (PRAISE, ADVISED), its number of words
 * and their ids (a known word's id, or -(1 + id) of a word the lexicon lacks).
 */
export type Reading = readonly number[];
const HEADER = 3;
/** Some clause does more than praise. */
const COMPLAINT = 1;
/** Some word is one edit from a known word: matching waits for the slips to be decided. */
const WAITS = 2;
/** The clause only praises. */
const PRAISE = 1;
/** The clause advises a size step. */
const ADVISED = 2;

/**
 * Reads comments against the vocabulary: splits the text, folds each word, fixes the typos `Slips`
 * takes for slips, matches the longest phrases, and lets the known words vote on the language. Each
 * distinct spelling is resolved once, so the cost per comment is a map lookup per word and a walk down
 * the phrase trie. A clustering reads every comment first and matches them after, once the slips are
 * decided from all of them; a comment on its own is read and matched at once (analyse).
 */
export class TextAnalyser {
	readonly #vocabulary: Vocabulary;
	readonly #words = new Map<string, Word>();
	readonly #unknown: string[] = [];
	readonly #unknownIds = new Map<string, number>();
	/** Each unknown word as the comments spell it: with its accents, when some comment wrote them. */
	readonly #spelling: string[] = [];
	readonly #slips: Slips;
	/** Per unknown word: the known word one edit away (Vocabulary.slip), or -1. */
	readonly #candidate: number[] = [];
	/** Per unknown word with a candidate: the known word it is a slip of, -1 for none; undefined until decided. */
	readonly #slipOf: (number | undefined)[] = [];
	/** Per known and per unknown word id, the last reading that counted it: a word counts once per comment. */
	readonly #knownCountedIn: Int32Array;
	readonly #unknownCountedIn: number[] = [];
	#readings = 0;
	readonly #buffer: number[] = [];

	/** `slips` decides which unknown spellings are slips: by default, those of the comments read with a count. */
	constructor(vocabulary: Vocabulary, slips: Slips = new Slips()) {
		this.#vocabulary = vocabulary;
		this.#slips = slips;
		this.#knownCountedIn = new Int32Array(vocabulary.words.length);
	}

	/** An unknown word as matching sees it (folded). */
	unknownWord(id: number): string {
		return this.#unknown[id] as string;
	}

	/** An unknown word as a reader wants it: lower case, accents and all. */
	unknownSpelling(id: number): string {
		return this.#spelling[id] as string;
	}

	/** The slips decided so far (see Slips.model). */
	slipModel(): SlipModel {
		return this.#slips.model(this.#vocabulary.words);
	}

	analyse(text: string): Analysis {
		const reading = this.read(text);
		this.fixSlips(reading);
		return this.match(reading);
	}

	/**
	 * Splits a comment into clauses of word ids; with `comments`, counts each word as written that often.
	 * The reading is only good until the next one: keep a copy of it to match it later.
	 */
	read(text: string, comments = 0): number[] {
		const buffer = this.#buffer;
		buffer.length = 0;
		buffer.push(0, 0, 0);
		const reading = ++this.#readings;
		for (const sentence of splitSentences(text)) {
			let start = buffer.length;
			buffer.push(0, 0);
			let roles = 0;
			let words = 0;
			for (const spelling of sentence) {
				const word = this.#word(spelling);
				buffer[0] += word.german;
				buffer[1] += word.french;
				if (word.role & Role.Contrast && words > 0) {
					closeClause(buffer, start, roles);
					start = buffer.length;
					buffer.push(0, 0);
					roles = 0;
					words = 0;
				}
				roles |= word.role;
				words++;
				if (word.id === null) continue;
				buffer.push(word.id);
				if (word.id < 0 && (this.#candidate[-1 - word.id] as number) >= 0) buffer[2] |= WAITS;
				if (comments > 0) this.#count(word.id, comments, reading);
			}
			closeClause(buffer, start, roles);
		}
		return buffer;
	}

	/** Whether matching the reading waits for slips to be decided: a word in it is one edit from a known word. */
	hasSlipCandidate(reading: Reading): boolean {
		return ((reading[2] as number) & WAITS) !== 0;
	}

	#count(id: number, comments: number, reading: number): void {
		if (id >= 0) {
			if (this.#knownCountedIn[id] === reading) return;
			this.#knownCountedIn[id] = reading;
		} else {
			if (this.#unknownCountedIn[-1 - id] === reading) return;
			this.#unknownCountedIn[-1 - id] = reading;
		}
		this.#slips.count(id, comments);
	}

	/** Writes into a reading, for each word that is a slip, the known word it slips on (as Slips decides). */
	fixSlips(reading: number[]): void {
		for (let at = HEADER; at < reading.length; at += 2 + (reading[at + 1] as number))
			for (let i = at + 2; i < at + 2 + (reading[at + 1] as number); i++) {
				const id = reading[i] as number;
				if (id < 0) reading[i] = this.#fixed(-1 - id);
			}
	}

	/** What a read comment says. */
	match(reading: Reading): Analysis {
		const votes = new LanguageVotes();
		votes.letters({ german: reading[0] as number, french: reading[1] as number });
		// Praise is no reason for a return, unless praise is all the comment says.
		const complaint = ((reading[2] as number) & COMPLAINT) !== 0;
		const entries: number[] = [];
		const unknown: number[] = [];
		const all = this.#vocabulary.entries;
		for (let at = HEADER, end = HEADER; at < reading.length; at = end) {
			const flags = reading[at] as number;
			const kept = !(flags & PRAISE) || !complaint;
			end = at + 2 + (reading[at + 1] as number);
			for (let i = at + 2; i < end;) {
				const match = longestMatch(this.#vocabulary.root, reading, i, end);
				if (match < 0) {
					const id = -1 - (reading[i] as number);
					if (kept && id >= 0 && !unknown.includes(id)) unknown.push(id);
					i++;
					continue;
				}
				const matched = all[match >> 8]!;
				const entry = flags & ADVISED && matched.advised !== undefined ? matched.advised : match >> 8;
				const found = all[entry]!;
				votes.word(found.languages);
				if (kept && found.kind === EntryKind.Concept && !entries.includes(entry)) entries.push(entry);
				i += match & 0xff;
			}
		}
		return { entries, unknown, language: votes.winner() };
	}

	/** The id an unknown word is matched as: the known word it is a slip of, else its own. */
	#fixed(unknown: number): number {
		const word = this.#candidate[unknown] as number;
		if (word < 0) return -1 - unknown;
		let slip = this.#slipOf[unknown];
		if (slip === undefined) {
			const spelling = this.#unknown[unknown] as string;
			slip = this.#slips.isSlip(unknown, spelling, word, this.#vocabulary.words[word] as string) ? word : -1;
			this.#slipOf[unknown] = slip;
		}
		return slip >= 0 ? slip : -1 - unknown;
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

	/** A known word's id (stretched letters undone), else -(1 + id) of the word the lexicon lacks. */
	#resolve(folded: string): number {
		const known = this.#vocabulary.wordId(folded) ?? this.#vocabulary.stretched(folded);
		if (known >= 0) return known;
		let id = this.#unknownIds.get(folded);
		if (id === undefined) {
			id = this.#unknown.length;
			this.#unknown.push(folded);
			this.#candidate.push(this.#vocabulary.slip(folded));
			this.#unknownCountedIn.push(0);
			this.#unknownIds.set(folded, id);
		}
		return -1 - id;
	}
}

/** Fills in the clause that starts at `start`: its flags and its number of words, and marks a complaint. */
function closeClause(buffer: number[], start: number, roles: number): void {
	const praise = praises(roles);
	buffer[start] = (praise ? PRAISE : 0) | (sizeStepAdvised(roles) ? ADVISED : 0);
	buffer[start + 1] = buffer.length - start - 2;
	if (!praise) buffer[2] |= COMPLAINT;
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
function longestMatch(root: TrieNode, ids: Reading, start: number, end: number): number {
	let node: TrieNode | undefined = root;
	let match = -1;
	for (let j = start; j < end && node?.next; j++) {
		node = node.next.get(ids[j] as number);
		if (!node) break;
		if (node.entry >= 0) match = (node.entry << 8) | (j - start + 1);
	}
	return match;
}
