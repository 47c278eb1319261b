import { chooseClustering } from './choose-clustering.ts';
import { describeClusters, OTHER_CLUSTER } from './cluster-labels.ts';
import { buildFeatureSpace, type Shape } from './feature-space.ts';
import { LANGUAGES, type Language } from './languages.ts';
import { conceptDirections } from './modularity.ts';
import { rowCount } from './sparse-rows.ts';
import { TextAnalyser, type Reading } from './text-analyser.ts';
import { buildThemeModel, type ThemeModel } from './theme-model.ts';
import { vocabulary, type Vocabulary } from './vocabulary.ts';

/** The most clusters a run may produce, "other / unclear" included. */
export const MAX_CLUSTERS = 15;
const ENGLISH = LANGUAGES.indexOf('en');

export interface ReasonCluster {
	clusterId: number;
	label: string;
	topTerms: string[];
	/** Comments (RMA lines), not distinct texts. */
	size: number;
}

export interface TextClustering {
	clusters: ReasonCluster[];
	/** Cluster id of each text, in the order they were added. */
	clusterOf: Int32Array;
	languageOf(index: number): Language | null;
	/** What places comments that come later into these themes (theme-model.ts). */
	model: ThemeModel;
}

/** Index of the largest count (the first on a tie), or `fallback` when no count is above 0. */
function mostCommon(counts: ArrayLike<number>, fallback: number): number {
	let best = fallback;
	let bestCount = 0;
	for (let i = 0; i < counts.length; i++) {
		if ((counts[i] as number) > bestCount) {
			best = i;
			bestCount = counts[i] as number;
		}
	}
	return best;
}

/**
 * The shapes numbered in the order their first texts were added, whether or not a text waited for its
 * slips to be decided, and each text's shape so numbered: the clustering's start depends on the order.
 */
function inTextOrder(
	shapes: readonly Shape[],
	textShape: readonly number[]
): { shapes: Shape[]; textShape: Int32Array } {
	const number = new Int32Array(shapes.length).fill(-1);
	const ordered: Shape[] = [];
	for (const s of textShape) {
		if ((number[s] as number) >= 0) continue;
		number[s] = ordered.length;
		ordered.push(shapes[s]!);
	}
	return { shapes: ordered, textShape: Int32Array.from(textShape, (s) => number[s] as number) };
}

/**
 * Clusters comments into themes. Texts are added one distinct text at a time with how often it
 * occurs, and are reduced at once to their shape (their language, the lexicon terms and the words the
 * lexicon lacks), or, when a word of theirs may be a typo, when the clustering finishes; so memory grows
 * with the variety of what is said rather than with the number of comments.
 */
export class ReasonClusterer {
	readonly #vocabulary: Vocabulary = vocabulary();
	readonly #analyser = new TextAnalyser(this.#vocabulary);
	/**
	 * Texts with a word one edit from a known word wait to be matched until every word is counted: what a
	 * slip is depends on all comments.
	 */
	#waiting: { text: number; reading: number[]; count: number; codes: (readonly [string, number])[] }[] = [];
	readonly #shapes: Shape[] = [];
	readonly #shapeIds = new Map<string, number>();
	readonly #textShape: number[] = [];
	/** Comments per language, and per unknown word and language (word × LANGUAGES.length + language). */
	readonly #languageComments = new Float64Array(LANGUAGES.length);
	readonly #wordLanguageComments: number[] = [];
	readonly #codeIds = new Map<string, number>();

	/**
	 * One distinct text, written in `count` comments, with the reason codes those comments were filed
	 * under and how often (comments without a code need not be listed).
	 */
	add(text: string, count: number, codes: Iterable<readonly [string, number]> = []): void {
		const reading = this.#analyser.read(text, count);
		if (this.#analyser.hasSlipCandidate(reading))
			this.#waiting.push({ text: this.#textShape.push(-1) - 1, reading: [...reading], count, codes: [...codes] });
		else this.#textShape.push(this.#addShape(reading, count, codes));
	}

	/** Adds a read text's comments to its shape, and returns the shape. */
	#addShape(reading: Reading, count: number, codes: Iterable<readonly [string, number]>): number {
		const analysis = this.#analyser.match(reading);
		const { entries, unknown } = analysis;
		const language = analysis.language === null ? -1 : LANGUAGES.indexOf(analysis.language);
		if (language >= 0) {
			this.#languageComments[language] += count;
			for (const u of unknown) {
				const at = u * LANGUAGES.length + language;
				while (this.#wordLanguageComments.length <= at) this.#wordLanguageComments.push(0);
				this.#wordLanguageComments[at]! += count;
			}
		}
		entries.sort((a, b) => a - b);
		unknown.sort((a, b) => a - b);
		const key = `${language}|${entries.join(',')}|${unknown.join(',')}`;
		let shape = this.#shapeIds.get(key);
		if (shape === undefined) {
			shape = this.#shapes.length;
			this.#shapeIds.set(key, shape);
			this.#shapes.push({ entries, unknown, language, weight: 0, codes: new Map() });
		}
		const found = this.#shapes[shape]!;
		found.weight += count;
		for (const [name, comments] of codes) {
			let code = this.#codeIds.get(name);
			if (code === undefined) {
				code = this.#codeIds.size;
				this.#codeIds.set(name, code);
			}
			found.codes.set(code, (found.codes.get(code) ?? 0) + comments);
		}
		return shape;
	}

	finish(): TextClustering {
		for (const { text, reading, count, codes } of this.#waiting) {
			this.#analyser.fixSlips(reading);
			this.#textShape[text] = this.#addShape(reading, count, codes);
		}
		this.#waiting = [];
		const { shapes, textShape } = inTextOrder(this.#shapes, this.#textShape);
		const space = buildFeatureSpace(shapes, this.#vocabulary, LANGUAGES.length, this.#codeIds.size);
		const { rows, shapeRow } = space;
		const hasOther = shapeRow.includes(-1);
		const { assignment, k, links } =
			rowCount(rows) === 0
				? {
						assignment: new Int32Array(0),
						k: 0,
						links: {
							inCluster: new Float64Array(0),
							termTotal: new Float64Array(rows.dimension),
							clusterGroup: new Float64Array(0),
							groupTotal: new Float64Array(LANGUAGES.length + 1)
						}
					}
				: chooseClustering(
						rows,
						space.rowGroup,
						LANGUAGES.length + 1,
						MAX_CLUSTERS - (hasOther ? 1 : 0),
						conceptDirections(rows.dimension, (_, index) => index),
						this.#codeIds.size
					);

		// Biggest theme first.
		const weight = new Float64Array(k);
		assignment.forEach((c, r) => (weight[c] += rows.weights[r] as number));
		const order = [...weight.keys()].sort((a, b) => (weight[b] as number) - (weight[a] as number) || a - b);
		const clusterOf = new Int32Array(k);
		order.forEach((c, i) => (clusterOf[c] = i + 1));
		const shapeCluster = Int32Array.from(shapeRow, (row) =>
			row < 0 ? OTHER_CLUSTER : (clusterOf[assignment[row] as number] as number)
		);

		const sizes = new Float64Array(k + 1);
		shapes.forEach((shape, s) => (sizes[shapeCluster[s] as number] += shape.weight));
		const descriptions = describeClusters(
			shapes,
			shapeCluster,
			k + 1,
			this.#vocabulary,
			{ display: (id) => this.#analyser.unknownSpelling(id), languages: (id) => this.#wordLanguages(id) },
			1 << mostCommon(this.#languageComments, ENGLISH)
		);
		const clusters = descriptions
			.map((d, id) => ({ clusterId: id, label: d.label, topTerms: d.topTerms, size: sizes[id] as number }))
			.filter((c) => c.clusterId !== OTHER_CLUSTER || hasOther);

		return {
			clusters,
			clusterOf: Int32Array.from(textShape, (s) => shapeCluster[s] as number),
			languageOf: (index) => {
				const l = shapes[textShape[index] as number]!.language;
				return l < 0 ? null : (LANGUAGES[l] as Language);
			},
			model: buildThemeModel(
				space,
				links,
				clusterOf,
				Int32Array.from(assignment, (c) => clusterOf[c] as number),
				this.#vocabulary,
				(id) => this.#analyser.unknownWord(id),
				this.#analyser.slipModel()
			)
		};
	}

	/** The language most comments with the word are written in, as a bit; 0 when none was recognised. */
	#wordLanguages(word: number): number {
		const at = word * LANGUAGES.length;
		const best = mostCommon(this.#wordLanguageComments.slice(at, at + LANGUAGES.length), -1);
		return best < 0 ? 0 : 1 << best;
	}
}
