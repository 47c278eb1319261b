import { ModularityClustering, type ClusterLinks } from './modularity.ts';
import { centroidsOf, nearest, sphericalKMeans } from './spherical-kmeans.ts';
import { rowCount, weightedSample, type SparseRows } from './sparse-rows.ts';
import { cutTree, wardMerges } from './ward-linkage.ts';

/** Rows the tree is built on: its cost grows with the square of this. */
const TREE_SAMPLE = 2000;
/** Rows k-means refines on; beyond this a weighted sample describes the data as well, far faster. */
const FIT_SAMPLE = 8000;
/** Clusters the search starts from, per cluster that may stay: small enough pieces that few hold two themes. */
const START_PER_CLUSTER = 4;

/**
 * Clusters the rows into at most maxClusters themes. The start is a Ward tree over a sample, cut into
 * many more clusters than may stay and refined by spherical k-means (deterministic, without the luck of
 * random restarts); moving rows between clusters and merging clusters while modularity rises (see
 * modularity.ts) finishes it, so the data decide how many themes there are. The last `codes` columns
 * are the reason codes'. Returns each row's cluster, 0 … k − 1, and the links that clustering stands on.
 */
export function chooseClustering(
	rows: SparseRows,
	group: Int32Array,
	groups: number,
	maxClusters: number,
	directions: Uint8Array,
	codes: number
): { assignment: Int32Array; k: number; links: ClusterLinks } {
	const tree = weightedSample(rows, TREE_SAMPLE);
	const start = Math.max(1, Math.min(maxClusters * START_PER_CLUSTER, rowCount(tree)));
	const centroids = sphericalKMeans(
		weightedSample(rows, FIT_SAMPLE),
		centroidsOf(tree, cutTree(wardMerges(tree), rowCount(tree), start), start)
	);
	const assignment = Int32Array.from({ length: rowCount(rows) }, (_, r) => nearest(rows, r, centroids)[0]);
	const clustering = new ModularityClustering(rows, group, groups, assignment, start, directions, codes);
	clustering.optimise(maxClusters);
	return { assignment: clustering.assignment, k: clustering.clusters, links: clustering.links() };
}
