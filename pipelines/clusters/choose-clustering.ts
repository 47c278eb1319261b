import { DistanceMatrix, silhouette } from './silhouette.ts';
import { centroidsOf, nearest, sphericalKMeans } from './spherical-kmeans.ts';
import { rowCount, weightedSample, type SparseRows } from './sparse-rows.ts';
import { cutTree, wardMerges } from './ward-linkage.ts';

export const MIN_CLUSTERS = 6;
/** Rows the tree is built on: its cost grows with the square of this. */
const TREE_SAMPLE = 2000;
/** Rows k-means refines on; beyond this a weighted sample describes the data as well, far faster. */
const FIT_SAMPLE = 8000;
/** Rows the silhouette is measured on: its cost grows with the square of this too. */
const SILHOUETTE_SAMPLE = 1500;

export interface Clustering {
	centroids: Float64Array[];
	silhouette: number;
}

function assign(rows: SparseRows, centroids: readonly Float64Array[]): Int32Array {
	const assignment = new Int32Array(rowCount(rows));
	for (let i = 0; i < assignment.length; i++) assignment[i] = nearest(rows, i, centroids)[0];
	return assignment;
}

/**
 * One Ward tree over the distinct vectors, cut at every k from MIN_CLUSTERS to maxClusters, each cut
 * refined by spherical k-means; the k whose clusters are best separated (mean silhouette) wins, the
 * smaller on a tie. The data decide how many themes there are, and the tree makes the seeding
 * deterministic without the luck of random restarts.
 */
export function chooseClustering(rows: SparseRows, maxClusters: number): Clustering {
	const tree = weightedSample(rows, TREE_SAMPLE);
	const merges = wardMerges(tree);
	const fitRows = weightedSample(rows, FIT_SAMPLE);
	const sampleRows = weightedSample(rows, SILHOUETTE_SAMPLE);
	const matrix = new DistanceMatrix(sampleRows);
	const upper = Math.max(1, Math.min(maxClusters, rowCount(tree)));
	const lower = Math.min(MIN_CLUSTERS, upper);
	let best: Clustering | undefined;
	for (let k = lower; k <= upper; k++) {
		const centroids = sphericalKMeans(fitRows, centroidsOf(tree, cutTree(merges, rowCount(tree), k), k));
		const score = k > 1 ? silhouette(matrix, assign(sampleRows, centroids), k) : 0;
		if (!best || score > best.silhouette) best = { centroids, silhouette: score };
	}
	return best!;
}
