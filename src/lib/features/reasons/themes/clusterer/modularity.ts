import { CONCEPTS } from './concepts.ts';
import { rowCount, type SparseRows } from './sparse-rows.ts';

/** Passes of moving comments between clusters before giving up on the moves settling. */
const MAX_PASSES = 30;
/** Gains this small are rounding, not gains: without it two clusters could swap a row for ever. */
const EPSILON = 1e-12;
/** Two clusters only become one theme if one of their this many most typical terms is the same. */
const SHARED_TERMS = 3;
/** Fit directions of a column (its concept's), as bits. */
export const SMALLER = 1;
export const LARGER = 2;

/**
 * A cluster says a fit direction when its comments lend the terms of that direction at least this many
 * times what they lend the other's: "ordered a small, it was huge" puts some "small" into a too-large
 * theme without making it about things too small.
 */
const CLUSTER_DIRECTION_MAJORITY = 3;

/**
 * Two clusters agree on the reason codes when what their comments lend the code columns points the same
 * way (cosine) at least this much. A code is a weak hint for one comment but a strong one over a cluster:
 * a cluster of broken seams and one of late parcels share "parcel" and "week", never their codes.
 */
const MIN_CODE_AGREEMENT = 0.8;

/** How far a merger may bend the rules, when clusters must go and none may merge by them. */
const enum Leeway {
	None,
	CodesDisagree,
	DirectionsOpposed
}

/**
 * Per column, the fit direction of the concept `columnOf` puts there (0 for words, codes and concepts
 * without one).
 */
export function conceptDirections(
	columns: number,
	columnOf: (id: string, index: number) => number | undefined
): Uint8Array {
	const directions = new Uint8Array(columns);
	CONCEPTS.forEach((concept, index) => {
		const column = columnOf(concept.id, index);
		if (column === undefined || concept.direction === undefined) return;
		directions[column] = concept.direction === 'smaller' ? SMALLER : LARGER;
	});
	return directions;
}

/** Two fit directions are opposed when each says one, and not the same one. */
export function opposed(a: number, b: number): boolean {
	return (a === SMALLER && b === LARGER) || (a === LARGER && b === SMALLER);
}

/**
 * The fit direction of some [column, value] entries (a comment's row, or a cluster's shares) by what
 * they give the columns of each direction: the side with more for a comment, the side with
 * CLUSTER_DIRECTION_MAJORITY times more for a cluster; 0 when none is ahead.
 */
export function fitDirection(
	entries: Iterable<readonly [number, number]>,
	directions: ArrayLike<number>,
	of: 'comment' | 'cluster'
): number {
	let smaller = 0;
	let larger = 0;
	for (const [column, value] of entries) {
		if (directions[column] === SMALLER) smaller += value;
		else if (directions[column] === LARGER) larger += value;
	}
	const majority = of === 'cluster' ? CLUSTER_DIRECTION_MAJORITY : 1;
	if (smaller > majority * larger) return SMALLER;
	if (larger > majority * smaller) return LARGER;
	return 0;
}

/**
 * Whether two clusters' shares of the code columns point the same way (MIN_CODE_AGREEMENT); a cluster
 * without codes (none loaded, or its words lean to none) agrees with any.
 */
export function codesAgree(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
	let dot = 0;
	let normA = 0;
	let normB = 0;
	for (let c = 0; c < a.length; c++) {
		dot += (a[c] as number) * (b[c] as number);
		normA += (a[c] as number) ** 2;
		normB += (b[c] as number) ** 2;
	}
	return normA === 0 || normB === 0 || dot >= MIN_CODE_AGREEMENT * Math.sqrt(normA * normB);
}

/**
 * Shares per cluster and column (cluster × columns + column) and per column; weight per cluster and
 * language (cluster × groups + group) and per language.
 */
export interface ClusterLinks {
	inCluster: Float64Array;
	termTotal: Float64Array;
	clusterGroup: Float64Array;
	groupTotal: Float64Array;
}

/**
 * A clustering of comments, judged and improved by modularity. Comments are linked through the terms
 * they share: each comment lends its terms shares of its weight, and a term links the comments that use
 * it in proportion to their shares, so a comment's links add up to its weight however long it is. A
 * share goes with the square root of the term's TF-IDF weight: a rarer word says more about a comment
 * than "size" does, but a word a handful of comments share must not outweigh the rest. (With equal
 * shares, "runs small" and "runs large" come out one theme of running; with TF-IDF shares, a long
 * review goes wherever its rarest word does.)
 *
 * Modularity is the share of those links that fall inside clusters, less the share chance would put
 * there, from −1 to 1. Chance is judged within each language (`group`): comments of one language share
 * its sign-offs and its words for things, which is no theme, while comments of two languages are only
 * linked by what the lexicon makes the same term, which is. So splitting a theme cuts the links its
 * comments share and costs; keeping two themes apart costs little and gains on chance; and a theme
 * written in four languages is worth more whole than in four pieces. The number of clusters is the one
 * modularity likes best: the data decide it.
 */
export class ModularityClustering {
	/** Cluster of each row, 0 … clusters − 1 once optimised. */
	readonly assignment: Int32Array;
	readonly #rows: SparseRows;
	/** Per entry of the rows, what its term gets of the row's share: √TF-IDF. */
	readonly #lent: Float64Array;
	readonly #group: Int32Array;
	readonly #groups: number;
	readonly #terms: number;
	/** Shares per cluster and term (cluster × terms + term), and per term over all comments. */
	#inCluster: Float64Array;
	readonly #termTotal: Float64Array;
	/** Weight per cluster and language (cluster × groups + group), and per language. */
	#clusterGroup: Float64Array;
	readonly #groupTotal: Float64Array;
	/** Per column, the fit direction its concept says (SMALLER, LARGER bits; 0 for none). */
	readonly #directions: Uint8Array;
	/** The columns that say a fit direction. */
	readonly #directionColumns: number[];
	/** The last this many columns are the reason codes' (feature-space.ts). */
	readonly #codes: number;
	#k: number;

	constructor(
		rows: SparseRows,
		group: Int32Array,
		groups: number,
		assignment: Int32Array,
		k: number,
		directions: Uint8Array = new Uint8Array(rows.dimension),
		codes = 0
	) {
		this.#rows = rows;
		this.#codes = codes;
		this.#directions = directions;
		this.#directionColumns = [...directions.keys()].filter((t) => directions[t] !== 0);
		this.#lent = rows.values.map(Math.sqrt);
		this.#group = group;
		this.#groups = groups;
		this.#terms = rows.dimension;
		this.assignment = Int32Array.from(assignment);
		this.#k = k;
		this.#inCluster = new Float64Array(k * this.#terms);
		this.#termTotal = new Float64Array(this.#terms);
		this.#clusterGroup = new Float64Array(k * groups);
		this.#groupTotal = new Float64Array(groups);
		for (let r = 0; r < rowCount(rows); r++) {
			const weight = rows.weights[r] as number;
			this.#groupTotal[group[r] as number] += weight;
			this.#shift(r, assignment[r] as number, 1);
			const share = this.#share(r);
			for (let p = rows.offsets[r] as number; p < (rows.offsets[r + 1] as number); p++)
				this.#termTotal[rows.indices[p] as number] += share * (this.#lent[p] as number);
		}
	}

	get clusters(): number {
		return this.#k;
	}

	/**
	 * The links the clustering is judged by, as they stand: what places a comment it never saw the way
	 * #moveRows would (theme-model.ts).
	 */
	links(): ClusterLinks {
		return {
			inCluster: this.#inCluster,
			termTotal: this.#termTotal,
			clusterGroup: this.#clusterGroup,
			groupTotal: this.#groupTotal
		};
	}

	/**
	 * Moves each comment to the cluster where it gains most, pass after pass until none moves; then
	 * merges the two clusters whose merger gains most, and starts again, until neither pays. Two clusters
	 * merge only if they are about the same thing: one of the SHARED_TERMS most typical terms of each
	 * (the words their labels are made of) is the same. Modularity alone would join two small themes that
	 * share a word ("parcel" in "the parcel arrived crushed" and "a different item was in the parcel")
	 * however differently they go on. Nor do two clusters whose comments came with other reason codes
	 * (codesAgree), nor two of opposite fit directions. At most `most` clusters stay: beyond that, the
	 * merger that costs least is made, alike or not, between clusters whose codes agree where any two do.
	 * Clusters left empty go, and the rest are numbered 0 … clusters − 1 in order of their first row.
	 */
	optimise(most: number): void {
		for (;;) {
			this.#moveRows();
			const [a, b, gain] = this.#bestMerger(this.#nonEmpty() <= most);
			if (a < 0 || (gain <= EPSILON && this.#nonEmpty() <= most)) break;
			this.#merge(a, b);
		}
		this.#renumber();
	}

	/** A comment's weight per unit of what its terms get: its terms' shares add up to its weight. */
	#share(r: number): number {
		const rows = this.#rows;
		let sum = 0;
		for (let p = rows.offsets[r] as number; p < (rows.offsets[r + 1] as number); p++)
			sum += this.#lent[p] as number;
		return (rows.weights[r] as number) / sum;
	}

	#shift(r: number, c: number, sign: number): void {
		const rows = this.#rows;
		const share = sign * this.#share(r);
		for (let p = rows.offsets[r] as number; p < (rows.offsets[r + 1] as number); p++)
			this.#inCluster[c * this.#terms + (rows.indices[p] as number)] += share * (this.#lent[p] as number);
		this.#clusterGroup[c * this.#groups + (this.#group[r] as number)] += sign * (rows.weights[r] as number);
	}

	#weight(c: number): number {
		let w = 0;
		for (let g = 0; g < this.#groups; g++) w += this.#clusterGroup[c * this.#groups + g] as number;
		return w;
	}

	#nonEmpty(): number {
		let n = 0;
		for (let c = 0; c < this.#k; c++) if (this.#weight(c) > 0) n++;
		return n;
	}

	/** A row's entries as [column, value]. */
	*#entries(r: number): Generator<[number, number]> {
		const rows = this.#rows;
		for (let p = rows.offsets[r] as number; p < (rows.offsets[r + 1] as number); p++)
			yield [rows.indices[p] as number, rows.values[p] as number];
	}

	/** A cluster's fit direction (fitDirection), from the shares its comments lend the direction columns. */
	#clusterDirection(c: number): number {
		const shares = this.#directionColumns.map((t): [number, number] => [
			t,
			this.#inCluster[c * this.#terms + t] as number
		]);
		return fitDirection(shares, this.#directions, 'cluster');
	}

	/**
	 * Louvain's local moves. Taking row r out of its cluster and putting it into cluster c gains, up to
	 * terms that are the same for every c: its links into c less what chance links it to c's comments of
	 * its language. A comment that says the item is too small does not join a cluster that says too large,
	 * nor the other way round, however many words they share ("ordered", "size", "fit").
	 */
	#moveRows(): void {
		const rows = this.#rows;
		const k = this.#k;
		const links = new Float64Array(k);
		const rowDirection = Int32Array.from({ length: rowCount(rows) }, (_, r) =>
			fitDirection(this.#entries(r), this.#directions, 'comment')
		);
		// A cluster's direction changes only when a row joins or leaves it.
		const clusterDirection = Int32Array.from({ length: k }, (_, c) => this.#clusterDirection(c));
		for (let pass = 0; pass < MAX_PASSES; pass++) {
			let moved = false;
			for (let r = 0; r < rowCount(rows); r++) {
				const own = this.assignment[r] as number;
				const direction = rowDirection[r] as number;
				const weight = rows.weights[r] as number;
				const share = this.#share(r);
				const g = this.#group[r] as number;
				const groupTotal = this.#groupTotal[g] as number;
				links.fill(0);
				let selfLink = 0;
				for (let p = rows.offsets[r] as number; p < (rows.offsets[r + 1] as number); p++) {
					const t = rows.indices[p] as number;
					const lent = share * (this.#lent[p] as number);
					const scale = lent / (this.#termTotal[t] as number);
					selfLink += lent * scale;
					for (let c = 0; c < k; c++) links[c] += scale * (this.#inCluster[c * this.#terms + t] as number);
				}
				let best = own;
				let bestGain = -Infinity;
				for (let c = 0; c < k; c++) {
					const mine = c === own;
					const clusterWeight = (this.#clusterGroup[c * this.#groups + g] as number) - (mine ? weight : 0);
					if (!mine && (links[c] === 0 || opposed(direction, clusterDirection[c] as number))) continue;
					const gain = (links[c] as number) - (mine ? selfLink : 0) - (weight * clusterWeight) / groupTotal;
					if (gain > bestGain + EPSILON || (mine && gain >= bestGain - EPSILON)) {
						best = c;
						bestGain = gain;
					}
				}
				if (best !== own) {
					this.#shift(r, own, -1);
					this.#shift(r, best, 1);
					this.assignment[r] = best;
					clusterDirection[own] = this.#clusterDirection(own);
					clusterDirection[best] = this.#clusterDirection(best);
					moved = true;
				}
			}
			if (!moved) return;
		}
	}

	/**
	 * The two non-empty clusters whose merger gains most (times the total weight, halved), and that gain;
	 * when `alike`, only clusters that share a typical term. Clusters whose comments' codes disagree, or
	 * whose typical terms say opposite fit directions (too small and too large share "size", "fit" and
	 * "ordered", and are two themes), merge only when clusters must go and no other two can (`leeway`).
	 */
	#bestMerger(alike: boolean, leeway = Leeway.None): [number, number, number] {
		const T = this.#terms;
		const G = this.#groups;
		const typical = Array.from({ length: this.#k }, (_, c) => this.#typical(c));
		const direction = typical.map((terms) => terms.reduce((bits, t) => bits | (this.#directions[t] as number), 0));
		const codes = Array.from({ length: this.#k }, (_, c) =>
			this.#inCluster.subarray(c * T + T - this.#codes, (c + 1) * T)
		);
		let best: [number, number, number] = [-1, -1, -Infinity];
		for (let a = 0; a < this.#k; a++) {
			if (this.#weight(a) === 0) continue;
			for (let b = a + 1; b < this.#k; b++) {
				if (this.#weight(b) === 0) continue;
				if (alike && !typical[a]!.some((t) => typical[b]!.includes(t))) continue;
				if (leeway < Leeway.CodesDisagree && !codesAgree(codes[a]!, codes[b]!)) continue;
				if (leeway < Leeway.DirectionsOpposed && opposed(direction[a]!, direction[b]!)) continue;
				let gain = 0;
				for (let t = 0; t < T; t++) {
					const sa = this.#inCluster[a * T + t] as number;
					if (sa > 0) gain += (sa * (this.#inCluster[b * T + t] as number)) / (this.#termTotal[t] as number);
				}
				for (let g = 0; g < G; g++) {
					const total = this.#groupTotal[g] as number;
					if (total > 0)
						gain -=
							((this.#clusterGroup[a * G + g] as number) * (this.#clusterGroup[b * G + g] as number)) /
							total;
				}
				if (gain > best[2] + EPSILON) best = [a, b, gain];
			}
		}
		return best[0] < 0 && !alike && leeway < Leeway.DirectionsOpposed ? this.#bestMerger(alike, leeway + 1) : best;
	}

	/** A cluster's SHARED_TERMS most typical terms: frequent in it and rare outside it (share² / all shares). */
	#typical(c: number): number[] {
		const T = this.#terms;
		const scored: [number, number][] = [];
		for (let t = 0; t < T; t++) {
			const s = this.#inCluster[c * T + t] as number;
			if (s > 0) scored.push([t, (s * s) / (this.#termTotal[t] as number)]);
		}
		return scored
			.sort((x, y) => y[1] - x[1] || x[0] - y[0])
			.slice(0, SHARED_TERMS)
			.map(([t]) => t);
	}

	#merge(a: number, b: number): void {
		const T = this.#terms;
		const G = this.#groups;
		for (let t = 0; t < T; t++) {
			this.#inCluster[a * T + t] += this.#inCluster[b * T + t] as number;
			this.#inCluster[b * T + t] = 0;
		}
		for (let g = 0; g < G; g++) {
			this.#clusterGroup[a * G + g] += this.#clusterGroup[b * G + g] as number;
			this.#clusterGroup[b * G + g] = 0;
		}
		for (let r = 0; r < this.assignment.length; r++) if (this.assignment[r] === b) this.assignment[r] = a;
	}

	#renumber(): void {
		const ids = new Map<number, number>();
		for (let r = 0; r < this.assignment.length; r++) {
			const c = this.assignment[r] as number;
			if (!ids.has(c)) ids.set(c, ids.size);
			this.assignment[r] = ids.get(c)!;
		}
		const k = ids.size;
		const T = this.#terms;
		const G = this.#groups;
		const inCluster = new Float64Array(k * T);
		const clusterGroup = new Float64Array(k * G);
		for (const [from, to] of ids) {
			inCluster.set(this.#inCluster.subarray(from * T, (from + 1) * T), to * T);
			clusterGroup.set(this.#clusterGroup.subarray(from * G, (from + 1) * G), to * G);
		}
		this.#inCluster = inCluster;
		this.#clusterGroup = clusterGroup;
		this.#k = k;
	}
}
