import { forEachPairSimilarity, rowCount, type SparseRows } from './sparse-rows.ts';

export interface Merge {
	a: number;
	b: number;
	/** Increase of the weighted within-cluster sum of squares the merge costs. */
	cost: number;
}

/**
 * Ward's agglomerative clustering of weighted rows, by the nearest-neighbour chain: follow each
 * cluster to its cheapest partner until two clusters choose each other, merge them, carry on. Ward's
 * cost is reducible, so this finds the same tree as the textbook method in O(n²) time, and unlike
 * k-means it has no seeds to be unlucky with. Returns the n − 1 merges, cheapest first.
 */
export function wardMerges(rows: SparseRows): Merge[] {
	const n = rowCount(rows);
	// Squared distances between cluster centroids, kept exact through merges by the centroid formula.
	const distance = new Float64Array(n * n);
	forEachPairSimilarity(rows, (i, j, similarity) => {
		const d = Math.max(0, 2 - 2 * similarity);
		distance[i * n + j] = d;
		distance[j * n + i] = d;
	});
	const size = Float64Array.from(rows.weights);
	const active = new Uint8Array(n).fill(1);
	const cost = (i: number, j: number): number => {
		const si = size[i] as number;
		const sj = size[j] as number;
		return ((si * sj) / (si + sj)) * (distance[i * n + j] as number);
	};

	const merges: Merge[] = [];
	const chain: number[] = [];
	let nextStart = 0;
	while (merges.length < n - 1) {
		if (chain.length === 0) {
			while (!active[nextStart]) nextStart++;
			chain.push(nextStart);
		}
		const a = chain[chain.length - 1] as number;
		const previous = chain.length > 1 ? (chain[chain.length - 2] as number) : -1;
		let b = previous;
		let best = previous >= 0 ? cost(a, previous) : Infinity;
		for (let x = 0; x < n; x++) {
			if (x === a || !active[x]) continue;
			const c = cost(a, x);
			if (c < best) {
				best = c;
				b = x;
			}
		}
		if (b !== previous) {
			chain.push(b);
			continue;
		}
		chain.length -= 2;
		merges.push({ a: Math.min(a, b), b: Math.max(a, b), cost: best });
		const keep = Math.min(a, b);
		const drop = Math.max(a, b);
		const sa = size[keep] as number;
		const sb = size[drop] as number;
		const between = distance[keep * n + drop] as number;
		for (let k = 0; k < n; k++) {
			if (!active[k] || k === keep || k === drop) continue;
			const d =
				(sa * (distance[k * n + keep] as number) + sb * (distance[k * n + drop] as number)) / (sa + sb) -
				(sa * sb * between) / (sa + sb) ** 2;
			distance[k * n + keep] = d;
			distance[keep * n + k] = d;
		}
		size[keep] = sa + sb;
		active[drop] = 0;
	}
	return merges.sort((x, y) => x.cost - y.cost);
}

/** Cluster of each row (0 … k−1, numbered by first row) once all but the k − 1 costliest merges are made. */
export function cutTree(merges: readonly Merge[], n: number, k: number): Int32Array {
	const parent = Int32Array.from({ length: n }, (_, i) => i);
	const root = (i: number): number => {
		while (parent[i] !== i) {
			parent[i] = parent[parent[i] as number] as number;
			i = parent[i] as number;
		}
		return i;
	};
	for (const { a, b } of merges.slice(0, Math.max(0, n - k))) parent[root(b)] = root(a);
	const label = new Map<number, number>();
	return Int32Array.from({ length: n }, (_, i) => {
		const r = root(i);
		if (!label.has(r)) label.set(r, label.size);
		return label.get(r) as number;
	});
}
