import { alignWithConcepts, CodeProfiles } from './code-profiles.ts';
import type { SparseRows } from './sparse-rows.ts';
import type { Vocabulary } from './vocabulary.ts';

/**
 * A word the lexicon does not know is a term of its own once this many comments use it, and at least
 * MIN_WORD_SHARE of them: rarer words are typos and names, which only scatter comments.
 */
const MIN_WORD_COMMENTS = 5;
const MIN_WORD_SHARE = 0.0005;
/** How much the codes a row's terms lean to weigh beside the terms themselves: both parts have unit length. */
const CODE_WEIGHT = 1;

/** Comments that read the same once greetings, typos and word order are gone, and how many there are. */
export interface Shape {
	/** Lexicon terms said, as entries of the vocabulary. */
	entries: readonly number[];
	/** Words the lexicon lacks, as ids of TextAnalyser.unknownWord. */
	unknown: readonly number[];
	/** Index into LANGUAGES, or -1 when undetected. */
	language: number;
	weight: number;
	/** Comments per reason code the customers picked, by code id. */
	codes: Map<number, number>;
}

export interface FeatureSpace {
	/** One row per distinct language and set of terms, weighted by its comments: TF-IDF, then codes. */
	rows: SparseRows;
	/** Language of each row: its index into LANGUAGES, or `languages` when undetected. */
	rowGroup: Int32Array;
	/** Row of each shape; -1 for a shape without any term. */
	shapeRow: Int32Array;
	/** What makes each row: its language group and its terms in order, as `group|term,term,…`. */
	rowSignatures: string[];
	/** Columns 0 … terms − 1 are the terms (the concepts, then the words), the rest the codes. */
	terms: number;
	/** Each term's part of the rows that have it (termPart). */
	termParts: TermPart[];
	/** The word the lexicon lacks that each word term is, as an id of TextAnalyser.unknownWord, by term − concepts. */
	termWords: number[];
}

/**
 * What a term adds to a row before the row is scaled: [column, value] pairs, its own column first. A
 * row is its terms' parts added up and scaled (unitRow), so a comment the clustering never saw gets the
 * row it would have had.
 */
export type TermPart = readonly (readonly [number, number])[];

/**
 * The terms of each shape: its concepts, then the words the lexicon lacks that enough comments use
 * (numbered after the concepts as first met), sorted; and every term's comments.
 */
function shapeTerms(
	shapes: readonly Shape[],
	vocabulary: Vocabulary
): { termsOf: number[][]; frequencies: number[]; termWords: number[] } {
	const conceptsOf = shapes.map((shape) => {
		const concepts = new Set<number>();
		for (const e of shape.entries) for (const c of vocabulary.entries[e]!.concepts) concepts.add(c);
		return [...concepts];
	});
	let total = 0;
	const frequencies = new Array<number>(vocabulary.concepts.length).fill(0);
	const wordFrequency = new Map<number, number>();
	shapes.forEach((shape, s) => {
		total += shape.weight;
		for (const c of conceptsOf[s]!) frequencies[c]! += shape.weight;
		for (const u of shape.unknown) wordFrequency.set(u, (wordFrequency.get(u) ?? 0) + shape.weight);
	});
	const minWord = Math.max(MIN_WORD_COMMENTS, total * MIN_WORD_SHARE);
	const wordTerm = new Map<number, number>();
	const termWords: number[] = [];
	const termsOf = shapes.map((shape, s) => {
		const terms = conceptsOf[s]!;
		for (const u of shape.unknown) {
			const frequency = wordFrequency.get(u)!;
			if (frequency < minWord) continue;
			let term = wordTerm.get(u);
			if (term === undefined) {
				term = frequencies.length;
				wordTerm.set(u, term);
				termWords.push(u);
				frequencies.push(frequency);
			}
			terms.push(term);
		}
		return terms.sort((a, b) => a - b);
	});
	return { termsOf, frequencies, termWords };
}

/**
 * The terms of the comments: the words customers wrote, each kept once enough comments use it, with
 * the lexicon folding its synonyms, translations and typos into one term ("zu klein", "te klein",
 * "trop petit" and "kleiin" are one concept). A word the lexicon does not know weighs like one it
 * does: themes come from what the comments say, and the lexicon only makes the same thing said in
 * other words count as the same. Greetings, grammar words and product nouns are no terms (the
 * analyser drops them). Weights are TF-IDF with presence as term frequency (a comment that says
 * "zu klein" twice is no more about size) and document frequency counted in comments.
 *
 * Where comments come with the reason codes customers picked, the codes are evidence too (see
 * code-profiles.ts): a word that is used with the codes a concept is used with also counts as that
 * concept, and each row gets a second part, as long as its terms part, of how its terms lean towards
 * each code. Shapes of one language with the same terms share a row, which is what keeps clustering
 * cheap however many comments there are.
 */
export function buildFeatureSpace(
	shapes: readonly Shape[],
	vocabulary: Vocabulary,
	languages: number,
	codes: number
): FeatureSpace {
	const { termsOf, frequencies, termWords } = shapeTerms(shapes, vocabulary);
	const termCount = frequencies.length;
	const total = shapes.reduce((sum, shape) => sum + shape.weight, 0);
	const idf = frequencies.map((f) => Math.log((1 + total) / (1 + f)) + 1);
	const profiles = new CodeProfiles(termCount, codes);
	shapes.forEach((shape, s) => {
		for (const [code, comments] of shape.codes) profiles.add(termsOf[s]!, code, comments);
	});
	const lifts = profiles.lifts();
	const aligned = alignWithConcepts(lifts, codes, vocabulary.concepts.length);
	const termParts = idf.map((_, t) => termPart(t, idf, lifts, codes, aligned));

	const rowOf = new Map<string, number>();
	const rowSignatures: string[] = [];
	const shapeRow = new Int32Array(shapes.length).fill(-1);
	const offsets = [0];
	const indices: number[] = [];
	const values: number[] = [];
	const weights: number[] = [];
	const rowGroup: number[] = [];
	shapes.forEach((shape, s) => {
		const terms = termsOf[s]!;
		if (terms.length === 0) return;
		const group = shape.language < 0 ? languages : shape.language;
		const signature = rowSignature(group, terms);
		let row = rowOf.get(signature);
		if (row === undefined) {
			row = weights.length;
			rowOf.set(signature, row);
			rowSignatures.push(signature);
			for (const [index, value] of unitRow(
				terms.map((t) => termParts[t]!),
				termCount,
				codes
			)) {
				indices.push(index);
				values.push(value);
			}
			offsets.push(indices.length);
			weights.push(0);
			rowGroup.push(group);
		}
		weights[row]! += shape.weight;
		shapeRow[s] = row;
	});
	return {
		rows: {
			dimension: termCount + codes,
			offsets: Int32Array.from(offsets),
			indices: Int32Array.from(indices),
			values: Float64Array.from(values),
			weights: Float64Array.from(weights)
		},
		rowGroup: Int32Array.from(rowGroup),
		shapeRow,
		rowSignatures,
		terms: termCount,
		termParts,
		termWords
	};
}

/** A row's key: comments of one language group with the same terms (sorted) share a row. */
export const rowSignature = (group: number, terms: readonly number[]): string => `${group}|${terms.join(',')}`;

/**
 * A term's part: its IDF on its column and, when aligned, on its concept's; IDF × its lift on each
 * code's column (terms + code).
 */
function termPart(
	t: number,
	idf: readonly number[],
	lifts: Float64Array,
	codes: number,
	aligned: ReadonlyMap<number, [number, number]>
): TermPart {
	const part: [number, number][] = [[t, idf[t]!]];
	const alignment = aligned.get(t);
	if (alignment) part.push([alignment[0], idf[t]! * alignment[1]]);
	for (let c = 0; c < codes; c++) {
		const lean = idf[t]! * (lifts[t * codes + c] as number);
		if (lean > 0) part.push([idf.length + c, lean]);
	}
	return part;
}

/**
 * One row as [column, value] in column order, of unit length, from its terms' parts: the terms part
 * (each term by its IDF, each aligned word adding to its concept), and after the terms (column terms +
 * code) how its terms lean to each code, each part as long as the other.
 */
export function unitRow(parts: readonly TermPart[], terms: number, codes: number): [number, number][] {
	const termPart = new Map<number, number>();
	// Own columns first, then the aligned concepts: the order the sums were always taken in.
	for (const part of parts) {
		const [t, value] = part[0]!;
		termPart.set(t, (termPart.get(t) ?? 0) + value);
	}
	const leaning = new Float64Array(codes);
	for (const part of parts) {
		for (let p = 1; p < part.length; p++) {
			const [column, value] = part[p]!;
			if (column < terms) termPart.set(column, (termPart.get(column) ?? 0) + value);
			else leaning[column - terms] += value;
		}
	}
	const termNorm = Math.hypot(...termPart.values());
	const leaningNorm = Math.hypot(...leaning);
	const norm = leaningNorm > 0 ? Math.hypot(1, CODE_WEIGHT) : 1;
	const entries: [number, number][] = [...termPart.keys()]
		.sort((a, b) => a - b)
		.map((t) => [t, termPart.get(t)! / termNorm / norm]);
	leaning.forEach((v, c) => {
		if (v > 0) entries.push([terms + c, (CODE_WEIGHT * v) / leaningNorm / norm]);
	});
	return entries;
}
