import { relatedConcepts } from './related-concepts.ts';
import type { SparseRows } from './sparse-rows.ts';
import type { Vocabulary } from './vocabulary.ts';

/**
 * Words the lexicon lacks still say something, but much less than a concept, and a word a handful of
 * comments use is a typo or a name, not a theme. Product nouns are no features at all: "Jacke" says
 * what came back, not why, and would only pull comments apart by language.
 */
const LEFTOVER_WEIGHT = 0.2;
const MIN_LEFTOVER_SHARE = 0.0005;
const MIN_LEFTOVER_COMMENTS = 5;
/**
 * How much a concept's usual companions count when they are not said: enough that "zu eng" and
 * "zu klein", which customers often write together, read as near; not so much as to drown what was said.
 */
const RELATED_WEIGHT = 0.5;

/** Comments that read the same once greetings, typos and word order are gone, and how many there are. */
export interface Shape {
	entries: readonly number[];
	unknown: readonly number[];
	weight: number;
}

export interface FeatureSpace {
	/** One row per distinct vector, weighted by its comments. */
	rows: SparseRows;
	/** Row of each shape; -1 for a shape without any concept. */
	shapeRow: Int32Array;
}

/**
 * TF-IDF over concepts plus the frequent unknown words, with presence as term frequency (a comment
 * that says "zu klein" twice is no more about size) and document frequency counted in comments. Each
 * concept said also lends its related concepts (see relatedConcepts) a share of their weight. Shapes
 * with the same concepts and leftovers share a row, which is what keeps clustering cheap however many
 * comments there are.
 */
export function buildFeatureSpace(shapes: readonly Shape[], vocabulary: Vocabulary): FeatureSpace {
	const conceptCount = vocabulary.concepts.length;
	const conceptsOf = shapes.map((shape) => {
		const concepts = new Set<number>();
		for (const e of shape.entries) for (const c of vocabulary.entries[e]!.concepts) concepts.add(c);
		return [...concepts].sort((a, b) => a - b);
	});
	const leftoversOf = shapes.map((shape) => shape.unknown.map((u) => `u${u}`));

	let total = 0;
	const frequency = new Map<number | string, number>();
	shapes.forEach((shape, s) => {
		total += shape.weight;
		for (const key of [...conceptsOf[s]!, ...leftoversOf[s]!])
			frequency.set(key, (frequency.get(key) ?? 0) + shape.weight);
	});
	const idf = (key: number | string): number => Math.log((1 + total) / (1 + (frequency.get(key) ?? 0))) + 1;
	const related = relatedConcepts(
		conceptsOf,
		shapes.map((s) => s.weight),
		conceptCount
	);
	const minLeftover = Math.max(MIN_LEFTOVER_COMMENTS, total * MIN_LEFTOVER_SHARE);
	const leftoverIndex = new Map<string, number>();

	const rowOf = new Map<string, number>();
	const shapeRow = new Int32Array(shapes.length).fill(-1);
	const offsets = [0];
	const indices: number[] = [];
	const values: number[] = [];
	const weights: number[] = [];
	shapes.forEach((shape, s) => {
		const concepts = conceptsOf[s]!;
		if (concepts.length === 0) return;
		const leftovers = new Map<number, string>();
		for (const key of leftoversOf[s]!) {
			if ((frequency.get(key) ?? 0) < minLeftover) continue;
			if (!leftoverIndex.has(key)) leftoverIndex.set(key, conceptCount + leftoverIndex.size);
			leftovers.set(leftoverIndex.get(key)!, key);
		}
		const signature = `${concepts.join(',')}|${[...leftovers.keys()].sort((a, b) => a - b).join(',')}`;
		let row = rowOf.get(signature);
		if (row === undefined) {
			row = weights.length;
			rowOf.set(signature, row);
			const features = new Map<number, number>();
			for (let b = 0; b < conceptCount; b++) {
				let lent = 0;
				for (const a of concepts) lent = Math.max(lent, related[a * conceptCount + b] as number);
				if (lent > 0) features.set(b, RELATED_WEIGHT * lent * idf(b));
			}
			for (const c of concepts) features.set(c, idf(c));
			for (const [f, key] of leftovers) features.set(f, LEFTOVER_WEIGHT * idf(key));
			let norm = 0;
			for (const value of features.values()) norm += value * value;
			norm = Math.sqrt(norm);
			for (const f of [...features.keys()].sort((a, b) => a - b)) {
				indices.push(f);
				values.push(features.get(f)! / norm);
			}
			offsets.push(indices.length);
			weights.push(0);
		}
		weights[row]! += shape.weight;
		shapeRow[s] = row;
	});
	return {
		rows: {
			dimension: conceptCount + leftoverIndex.size,
			offsets: Int32Array.from(offsets),
			indices: Int32Array.from(indices),
			values: Float64Array.from(values),
			weights: Float64Array.from(weights)
		},
		shapeRow
	};
}
