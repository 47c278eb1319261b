import type { SparseRows } from './sparse-rows.ts';
import type { Vocabulary } from './vocabulary.ts';

/**
 * A word the lexicon does not know is a term of its own once this many comments use it, and at least
 * MIN_WORD_SHARE of them: rarer words are typos and names, which only scatter comments.
 */
const MIN_WORD_COMMENTS = 5;
const MIN_WORD_SHARE = 0.0005;

/** Comments that read the same once greetings, typos and word order are gone, and how many there are. */
export interface Shape {
	/** Lexicon terms said, as entries of the vocabulary. */
	entries: readonly number[];
	/** Words the lexicon lacks, as ids of TextAnalyser.unknownWord. */
	unknown: readonly number[];
	/** Index into LANGUAGES, or -1 when undetected. */
	language: number;
	weight: number;
}

export interface FeatureSpace {
	/** One TF-IDF row per distinct language and set of terms, weighted by its comments. */
	rows: SparseRows;
	/** Language of each row: its index into LANGUAGES, or `languages` when undetected. */
	rowGroup: Int32Array;
	/** Row of each shape; -1 for a shape without any term. */
	shapeRow: Int32Array;
}

/**
 * The terms of the comments: the words customers wrote, each kept once enough comments use it, with
 * the lexicon folding its synonyms, translations and typos into one term ("zu klein", "te klein",
 * "trop petit" and "kleiin" are one concept). A word the lexicon does not know weighs like one it
 * does: themes come from what the comments say, and the lexicon only makes the same thing said in
 * other words count as the same. Greetings, grammar words and product nouns are no terms (the
 * analyser drops them). Weights are TF-IDF with presence as term frequency (a comment that says
 * "zu klein" twice is no more about size) and document frequency counted in comments. Shapes of one
 * language with the same terms share a row, which is what keeps clustering cheap however many
 * comments there are.
 */
export function buildFeatureSpace(shapes: readonly Shape[], vocabulary: Vocabulary, languages: number): FeatureSpace {
	const conceptCount = vocabulary.concepts.length;
	const conceptsOf = shapes.map((shape) => {
		const concepts = new Set<number>();
		for (const e of shape.entries) for (const c of vocabulary.entries[e]!.concepts) concepts.add(c);
		return [...concepts];
	});

	let total = 0;
	const conceptFrequency = new Float64Array(conceptCount);
	const wordFrequency = new Map<number, number>();
	shapes.forEach((shape, s) => {
		total += shape.weight;
		for (const c of conceptsOf[s]!) conceptFrequency[c] += shape.weight;
		for (const u of shape.unknown) wordFrequency.set(u, (wordFrequency.get(u) ?? 0) + shape.weight);
	});
	const minWord = Math.max(MIN_WORD_COMMENTS, total * MIN_WORD_SHARE);
	// Concepts are terms 0 … conceptCount − 1, the words kept are numbered after them as first met.
	const frequencies = Array.from(conceptFrequency);
	const wordTerm = new Map<number, number>();
	const idf = (term: number): number => Math.log((1 + total) / (1 + (frequencies[term] as number))) + 1;

	const rowOf = new Map<string, number>();
	const shapeRow = new Int32Array(shapes.length).fill(-1);
	const offsets = [0];
	const indices: number[] = [];
	const values: number[] = [];
	const weights: number[] = [];
	const rowGroup: number[] = [];
	shapes.forEach((shape, s) => {
		const terms = [...conceptsOf[s]!];
		for (const u of shape.unknown) {
			const frequency = wordFrequency.get(u)!;
			if (frequency < minWord) continue;
			let term = wordTerm.get(u);
			if (term === undefined) {
				term = frequencies.length;
				wordTerm.set(u, term);
				frequencies.push(frequency);
			}
			terms.push(term);
		}
		if (terms.length === 0) return;
		terms.sort((a, b) => a - b);
		const group = shape.language < 0 ? languages : shape.language;
		const signature = `${group}|${terms.join(',')}`;
		let row = rowOf.get(signature);
		if (row === undefined) {
			row = weights.length;
			rowOf.set(signature, row);
			const norm = Math.sqrt(terms.reduce((sum, t) => sum + idf(t) ** 2, 0));
			for (const t of terms) {
				indices.push(t);
				values.push(idf(t) / norm);
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
			dimension: frequencies.length,
			offsets: Int32Array.from(offsets),
			indices: Int32Array.from(indices),
			values: Float64Array.from(values),
			weights: Float64Array.from(weights)
		},
		rowGroup: Int32Array.from(rowGroup),
		shapeRow
	};
}
