/**
 * Comments a term must be seen with, as a prior at the shop's overall mix of codes, before its own
 * mix counts: a word in three comments whose customers happened to pick the same code says little.
 */
const PRIOR_COMMENTS = 20;
/**
 * How alike (cosine of their lifts) a word's codes and a concept's must be for the word to count as
 * that concept too: only a word used almost exactly as the concept is, not one that merely leans the
 * same way as several concepts do.
 */
const MIN_ALIGNMENT = 0.9;

/**
 * What the reason codes customers picked alongside their comments say about each term: how much more
 * often than usual the comments with the term carry each code, as positive pointwise mutual information,
 * log(P(code | term) / P(code)) where above 0. The code a customer clicks is often wrong for the comment
 * (the first option, a fault claimed for an intact item), but over all the comments that use a word,
 * a word for "baggy" leans towards "too large" as "too big" does, in whatever language: so the codes tie words
 * of one theme together across languages and wordings, and the words decide where a comment whose code
 * lies belongs. A code every term carries equally ("other") lifts none.
 */
export class CodeProfiles {
	readonly codes: number;
	readonly #terms: number;
	/** Comments per term and code (term × codes + code), and per code. */
	readonly #counts: Float64Array;
	readonly #codeTotals: Float64Array;

	constructor(terms: number, codes: number) {
		this.#terms = terms;
		this.codes = codes;
		this.#counts = new Float64Array(terms * codes);
		this.#codeTotals = new Float64Array(codes);
	}

	/** `comments` comments that use these terms were filed under `code`. */
	add(terms: readonly number[], code: number, comments: number): void {
		this.#codeTotals[code] += comments;
		for (const t of terms) this.#counts[t * this.codes + code] += comments;
	}

	/** Each term's lift per code, term × codes + code; all zero when no comment came with a code. */
	lifts(): Float64Array {
		const { codes } = this;
		const total = this.#codeTotals.reduce((a, b) => a + b, 0);
		const lifts = new Float64Array(this.#terms * codes);
		if (total === 0) return lifts;
		for (let t = 0; t < this.#terms; t++) {
			let termTotal = 0;
			for (let c = 0; c < codes; c++) termTotal += this.#counts[t * codes + c] as number;
			for (let c = 0; c < codes; c++) {
				const base = (this.#codeTotals[c] as number) / total;
				if (base === 0) continue;
				const given =
					((this.#counts[t * codes + c] as number) + PRIOR_COMMENTS * base) / (termTotal + PRIOR_COMMENTS);
				lifts[t * codes + c] = Math.max(0, Math.log(given / base));
			}
		}
		return lifts;
	}
}

function liftNorm(lifts: Float64Array, codes: number, term: number): number {
	let sum = 0;
	for (let c = 0; c < codes; c++) sum += (lifts[term * codes + c] as number) ** 2;
	return Math.sqrt(sum);
}

/**
 * For each word term (concepts 0 … concepts − 1 come first) the concept whose codes it shares most
 * closely, and how closely (cosine), when at least MIN_ALIGNMENT: a word the lexicon lacks, used with
 * the codes "too small" is used with, then counts towards the concept "small" as well, and so meets
 * the comments of every language that say it in the lexicon's words. This is how a word of a language
 * or wording the lexicon never saw still joins its theme.
 */
export function alignWithConcepts(lifts: Float64Array, codes: number, concepts: number): Map<number, [number, number]> {
	const terms = lifts.length / Math.max(codes, 1);
	const conceptNorms = Array.from({ length: concepts }, (_, k) => liftNorm(lifts, codes, k));
	const aligned = new Map<number, [number, number]>();
	for (let w = concepts; w < terms; w++) {
		const norm = liftNorm(lifts, codes, w);
		if (norm === 0) continue;
		let best = -1;
		let bestCosine = MIN_ALIGNMENT;
		for (let k = 0; k < concepts; k++) {
			const conceptNorm = conceptNorms[k] as number;
			if (conceptNorm === 0) continue;
			let dot = 0;
			for (let c = 0; c < codes; c++) dot += (lifts[w * codes + c] as number) * (lifts[k * codes + c] as number);
			const cosine = dot / norm / conceptNorm;
			if (cosine >= bestCosine) {
				best = k;
				bestCosine = cosine;
			}
		}
		if (best >= 0) aligned.set(w, [best, bestCosine]);
	}
	return aligned;
}
