import { dot, rowCount, type SparseRows } from './sparse-rows.ts';

const MAX_ITERATIONS = 60;

/** The centroid most similar to row i, and that similarity. */
export function nearest(rows: SparseRows, i: number, centroids: readonly Float64Array[]): [number, number] {
	let best = 0;
	let bestSimilarity = -Infinity;
	for (let c = 0; c < centroids.length; c++) {
		const similarity = dot(rows, i, centroids[c] as Float64Array);
		if (similarity > bestSimilarity) {
			best = c;
			bestSimilarity = similarity;
		}
	}
	return [best, bestSimilarity];
}

/** Weighted mean direction of each cluster's rows; an emptied cluster takes the row its centroid fits worst. */
function recentre(rows: SparseRows, assignment: Int32Array, similarity: Float64Array, centroids: Float64Array[]): void {
	for (const centroid of centroids) centroid.fill(0);
	const n = rowCount(rows);
	for (let i = 0; i < n; i++) {
		const centroid = centroids[assignment[i] as number] as Float64Array;
		const w = rows.weights[i] as number;
		for (let p = rows.offsets[i] as number; p < (rows.offsets[i + 1] as number); p++) {
			centroid[rows.indices[p] as number] += w * (rows.values[p] as number);
		}
	}
	for (const centroid of centroids) {
		let norm = 0;
		for (const v of centroid) norm += v * v;
		if (norm > 0) {
			norm = Math.sqrt(norm);
			for (let d = 0; d < centroid.length; d++) centroid[d] = (centroid[d] as number) / norm;
			continue;
		}
		let worst = 0;
		for (let i = 1; i < n; i++) if ((similarity[i] as number) < (similarity[worst] as number)) worst = i;
		for (let p = rows.offsets[worst] as number; p < (rows.offsets[worst + 1] as number); p++) {
			centroid[rows.indices[p] as number] = rows.values[p] as number;
		}
		similarity[worst] = 1;
	}
}

/**
 * Spherical k-means (cosine similarity, unit centroids) over weighted rows from the given centroids,
 * iterated until no row changes cluster. Returns the centroids.
 */
export function sphericalKMeans(rows: SparseRows, initial: readonly Float64Array[]): Float64Array[] {
	const n = rowCount(rows);
	const centroids = initial.map((c) => Float64Array.from(c));
	const assignment = new Int32Array(n).fill(-1);
	const similarity = new Float64Array(n);
	for (let iteration = 0; ; iteration++) {
		let changed = 0;
		for (let i = 0; i < n; i++) {
			const [c, s] = nearest(rows, i, centroids);
			if (c !== assignment[i]) changed++;
			assignment[i] = c;
			similarity[i] = s;
		}
		if (changed === 0 || iteration === MAX_ITERATIONS) return centroids;
		recentre(rows, assignment, similarity, centroids);
	}
}

/** The unit-length weighted mean of each cluster's rows, clusters given per row as 0 … k − 1. */
export function centroidsOf(rows: SparseRows, assignment: Int32Array, k: number): Float64Array[] {
	const centroids = Array.from({ length: k }, () => new Float64Array(rows.dimension));
	recentre(rows, assignment, new Float64Array(rowCount(rows)), centroids);
	return centroids;
}
