/**
 * Unit-length sparse vectors, each standing for `weights[i]` identical comments, stored flat: row i's
 * entries are indices/values[offsets[i] .. offsets[i + 1]).
 */
export interface SparseRows {
	dimension: number;
	offsets: Int32Array;
	indices: Int32Array;
	values: Float64Array;
	weights: Float64Array;
}

export function rowCount(rows: SparseRows): number {
	return rows.offsets.length - 1;
}

/** Cosine similarity of row i with a dense unit vector. */
export function dot(rows: SparseRows, i: number, dense: Float64Array): number {
	let sum = 0;
	for (let p = rows.offsets[i] as number, end = rows.offsets[i + 1] as number; p < end; p++) {
		sum += (rows.values[p] as number) * (dense[rows.indices[p] as number] as number);
	}
	return sum;
}

/**
 * The cosine similarity of every pair of rows i < j, handed to `visit` in order of i, then j: row i is
 * spread out densely once and dotted with each later row.
 */
export function forEachPairSimilarity(
	rows: SparseRows,
	visit: (i: number, j: number, similarity: number) => void
): void {
	const n = rowCount(rows);
	const dense = new Float64Array(rows.dimension);
	for (let i = 0; i < n; i++) {
		for (let p = rows.offsets[i] as number; p < (rows.offsets[i + 1] as number); p++)
			dense[rows.indices[p] as number] = rows.values[p] as number;
		for (let j = i + 1; j < n; j++) visit(i, j, dot(rows, j, dense));
		for (let p = rows.offsets[i] as number; p < (rows.offsets[i + 1] as number); p++)
			dense[rows.indices[p] as number] = 0;
	}
}

/** The rows at `picks`, with the given weights: a sample that still carries what it stands for. */
export function subset(rows: SparseRows, picks: readonly number[], weights: readonly number[]): SparseRows {
	const offsets = new Int32Array(picks.length + 1);
	picks.forEach((row, i) => {
		offsets[i + 1] = (offsets[i] as number) + (rows.offsets[row + 1] as number) - (rows.offsets[row] as number);
	});
	const indices = new Int32Array(offsets[picks.length] as number);
	const values = new Float64Array(indices.length);
	picks.forEach((row, i) => {
		const from = rows.offsets[row] as number;
		const to = rows.offsets[row + 1] as number;
		indices.set(rows.indices.subarray(from, to), offsets[i]);
		values.set(rows.values.subarray(from, to), offsets[i]);
	});
	return { dimension: rows.dimension, offsets, indices, values, weights: Float64Array.from(weights) };
}

/**
 * At most `size` rows drawn in proportion to their weight, deterministically (systematic sampling over
 * the cumulative weight); a row drawn several times becomes one row with that many draws as weight.
 */
export function weightedSample(rows: SparseRows, size: number): SparseRows {
	const n = rowCount(rows);
	if (n <= size) return rows;
	let total = 0;
	for (const w of rows.weights) total += w;
	const step = total / size;
	const picks: number[] = [];
	const weights: number[] = [];
	let next = step / 2;
	let cumulative = 0;
	for (let i = 0; i < n; i++) {
		cumulative += rows.weights[i] as number;
		let draws = 0;
		while (next < cumulative) {
			draws++;
			next += step;
		}
		if (draws > 0) {
			picks.push(i);
			weights.push(draws);
		}
	}
	return subset(rows, picks, weights);
}
