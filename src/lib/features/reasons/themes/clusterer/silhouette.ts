import { forEachPairSimilarity, rowCount, type SparseRows } from './sparse-rows.ts';

/** Pairwise cosine distances of a sample, computed once and shared by every k tried on it. */
export class DistanceMatrix {
	readonly size: number;
	readonly weights: Float64Array;
	readonly #distances: Float32Array;

	constructor(rows: SparseRows) {
		const n = rowCount(rows);
		this.size = n;
		this.weights = rows.weights;
		this.#distances = new Float32Array(n * n);
		forEachPairSimilarity(rows, (i, j, similarity) => {
			const distance = Math.max(0, 1 - similarity);
			this.#distances[i * n + j] = distance;
			this.#distances[j * n + i] = distance;
		});
	}

	/** Row i's distances to every row. */
	row(i: number): Float32Array {
		return this.#distances.subarray(i * this.size, (i + 1) * this.size);
	}
}

/**
 * Mean silhouette of a clustering of the sample, each row counted as often as its weight: how much
 * nearer a comment is to its own cluster than to the next best one, from -1 to 1. A row's own copies
 * sit at distance 0 in its cluster.
 */
export function silhouette(matrix: DistanceMatrix, assignment: Int32Array, k: number): number {
	const n = matrix.size;
	const clusterWeight = new Float64Array(k);
	for (let i = 0; i < n; i++) clusterWeight[assignment[i] as number] += matrix.weights[i] as number;
	const sums = new Float64Array(k);
	let total = 0;
	let weightSum = 0;
	for (let i = 0; i < n; i++) {
		sums.fill(0);
		const distances = matrix.row(i);
		for (let j = 0; j < n; j++)
			sums[assignment[j] as number] += (matrix.weights[j] as number) * (distances[j] as number);
		const own = assignment[i] as number;
		const w = matrix.weights[i] as number;
		weightSum += w;
		const peers = (clusterWeight[own] as number) - 1;
		if (peers <= 0) continue;
		const a = (sums[own] as number) / peers;
		let b = Infinity;
		for (let c = 0; c < k; c++)
			if (c !== own && (clusterWeight[c] as number) > 0)
				b = Math.min(b, (sums[c] as number) / (clusterWeight[c] as number));
		if (b === Infinity) continue;
		const spread = Math.max(a, b);
		if (spread > 0) total += (w * (b - a)) / spread;
	}
	return weightSum > 0 ? total / weightSum : 0;
}
