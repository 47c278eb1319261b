import { chooseClustering } from './choose-clustering.ts';
import { describeClusters, OTHER_CLUSTER } from './cluster-labels.ts';
import { buildFeatureSpace, type Shape } from './feature-space.ts';
import { LANGUAGES, type Language } from './languages.ts';
import { nearest } from './spherical-kmeans.ts';
import { rowCount } from './sparse-rows.ts';
import { TextAnalyser } from './text-analyser.ts';
import { vocabulary, type Vocabulary } from './vocabulary.ts';

/** The most clusters a run may produce, "other / unclear" included. */
export const MAX_CLUSTERS = 15;

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
}

/**
 * Clusters comments into themes. Texts are added one distinct text at a time with how often it
 * occurs, and are reduced at once to their shape (the lexicon terms and unknown words they contain),
 * so memory grows with the variety of what is said rather than with the number of comments.
 */
export class ReasonClusterer {
	readonly #vocabulary: Vocabulary = vocabulary();
	readonly #analyser = new TextAnalyser(this.#vocabulary);
	readonly #shapes: Shape[] = [];
	readonly #shapeIds = new Map<string, number>();
	readonly #textShape: number[] = [];
	/** Index into LANGUAGES, or -1 when undetected. */
	readonly #textLanguage: number[] = [];

	add(text: string, count: number): void {
		const { entries, unknown, language } = this.#analyser.analyse(text);
		entries.sort((a, b) => a - b);
		unknown.sort((a, b) => a - b);
		const key = `${entries.join(',')}|${unknown.join(',')}`;
		let shape = this.#shapeIds.get(key);
		if (shape === undefined) {
			shape = this.#shapes.length;
			this.#shapeIds.set(key, shape);
			this.#shapes.push({ entries, unknown, weight: 0 });
		}
		this.#shapes[shape]!.weight += count;
		this.#textShape.push(shape);
		this.#textLanguage.push(language === null ? -1 : LANGUAGES.indexOf(language));
	}

	finish(): TextClustering {
		const shapes = this.#shapes;
		const { rows, shapeRow } = buildFeatureSpace(shapes, this.#vocabulary);
		const hasOther = shapeRow.includes(-1);
		const centroids =
			rowCount(rows) === 0 ? [] : chooseClustering(rows, MAX_CLUSTERS - (hasOther ? 1 : 0)).centroids;

		const rowCentroid = new Int32Array(rowCount(rows));
		const centroidSize = new Float64Array(centroids.length);
		for (let r = 0; r < rowCentroid.length; r++) {
			const c = nearest(rows, r, centroids)[0];
			rowCentroid[r] = c;
			centroidSize[c] += rows.weights[r] as number;
		}
		// Biggest theme first; a centroid no comment is nearest to is dropped.
		const order = [...centroidSize.keys()]
			.filter((c) => (centroidSize[c] as number) > 0)
			.sort((a, b) => (centroidSize[b] as number) - (centroidSize[a] as number) || a - b);
		const clusterOfCentroid = new Int32Array(centroids.length);
		order.forEach((c, i) => (clusterOfCentroid[c] = i + 1));

		const shapeCluster = Int32Array.from(shapeRow, (row) =>
			row < 0 ? OTHER_CLUSTER : (clusterOfCentroid[rowCentroid[row] as number] as number)
		);
		const sizes = new Float64Array(order.length + 1);
		shapes.forEach((shape, s) => (sizes[shapeCluster[s] as number] += shape.weight));
		const descriptions = describeClusters(shapes, shapeCluster, order.length + 1, this.#vocabulary, (id) =>
			this.#analyser.unknownWord(id)
		);
		const clusters = descriptions
			.map((d, id) => ({ clusterId: id, label: d.label, topTerms: d.topTerms, size: sizes[id] as number }))
			.filter((c) => c.clusterId !== OTHER_CLUSTER || hasOther);

		const textLanguage = this.#textLanguage;
		return {
			clusters,
			clusterOf: Int32Array.from(this.#textShape, (s) => shapeCluster[s] as number),
			languageOf: (index) => {
				const l = textLanguage[index] as number;
				return l < 0 ? null : (LANGUAGES[l] as Language);
			}
		};
	}
}
