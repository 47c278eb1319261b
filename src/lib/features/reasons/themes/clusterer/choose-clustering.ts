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
/**
 * Silhouettes this close are one plateau (the sample's noise is about as large); on it the finer cut
 * wins, because a theme split in two still reads right while two themes merged do not.
 */
const SILHOUETTE_TOLERANCE = 0.02;

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
 * refined by spherical k-means. The data decide how many themes there are: the finest cut whose mean
 * silhouette is within SILHOUETTE_TOLERANCE of the best wins. The tree makes the seeding deterministic,
 * without the luck of random restarts.
 */
export function chooseClustering(rows: SparseRows, maxClusters: number): Clustering {
	const tree = weightedSample(rows, TREE_SAMPLE);
	const merges = wardMerges(tree);
	const fitRows = weightedSample(rows, FIT_SAMPLE);
	const sampleRows = weightedSample(rows, SILHOUETTE_SAMPLE);
	const matrix = new DistanceMatrix(sampleRows);
	const upper = Math.max(1, Math.min(maxClusters, rowCount(tree)));
	const lower = Math.min(MIN_CLUSTERS, upper);
	const cuts: Clustering[] = [];
	for (let k = lower; k <= upper; k++) {
		const centroids = sphericalKMeans(fitRows, centroidsOf(tree, cutTree(merges, rowCount(tree), k), k));
		const score = k > 1 ? silhouette(matrix, assign(sampleRows, centroids), k) : 0;
		cuts.push({ centroids, silhouette: score });
	}
	const best = Math.max(...cuts.map((c) => c.silhouette));
	return cuts.findLast((c) => c.silhouette >= best - SILHOUETTE_TOLERANCE)!;
}
