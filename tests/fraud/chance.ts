/**
 * Tail chances computed apart from the SQL: exact binomial, Poisson and Poisson-binomial tails, and the
 * bounds chance.sql computes, written again from their formulas. All as natural logarithms.
 */

const LOG_FLOOR = Math.log(1e-300);

/** ln(n!) for a whole n ≥ 0, summed. */
export function logFactorial(n: number): number {
	let sum = 0;
	for (let i = 2; i <= n; i++) sum += Math.log(i);
	return sum;
}

function logSumExp(terms: number[]): number {
	const top = Math.max(...terms);
	if (top === -Infinity) return -Infinity;
	return top + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - top), 0));
}

/** ln P(X ≥ k), X ~ Binomial(n, p), summing every term of the tail. */
export function exactBinomialLogTail(n: number, k: number, p: number): number {
	const terms: number[] = [];
	for (let j = Math.max(0, k); j <= n; j++)
		terms.push(
			logFactorial(n) - logFactorial(j) - logFactorial(n - j) + j * Math.log(p) + (n - j) * Math.log(1 - p)
		);
	return logSumExp(terms);
}

/** ln P(X ≥ k), X ~ Poisson(mu), summing the tail until its terms no longer count. */
export function exactPoissonLogTail(mu: number, k: number): number {
	const terms: number[] = [];
	for (let j = Math.max(0, k); j < k + 2000; j++) {
		const term = -mu + j * Math.log(mu) - logFactorial(j);
		terms.push(term);
		if (j > mu && term < terms[0] - 60) break;
	}
	return logSumExp(terms);
}

/** ln P(S ≥ k) for S a sum of independent Bernoulli(p_i): the Poisson-binomial, by dynamic programming. */
export function exactPoissonBinomialLogTail(ps: readonly number[], k: number): number {
	let dist = [1];
	for (const p of ps) {
		const next = new Array<number>(dist.length + 1).fill(0);
		dist.forEach((q, j) => {
			next[j] += q * (1 - p);
			next[j + 1] += q * p;
		});
		dist = next;
	}
	return Math.log(dist.slice(k).reduce((a, b) => a + b, 0));
}

/** chance.sql's binomial_log_tail, from its formula. */
export function binomialLogTailBound(n: number, k: number, p: number): number {
	if (k <= 0 || p >= 1) return 0;
	if (p <= 0 || k > n) return LOG_FLOOR;
	const ratio = ((n - k) * p) / ((k + 1) * (1 - p));
	if (ratio >= 1) return 0;
	const first = logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log(1 - p);
	return Math.max(LOG_FLOOR, Math.min(0, first - Math.log(1 - ratio)));
}

/** chance.sql's poisson_log_tail, from its formula. */
export function poissonLogTailBound(mu: number, k: number): number {
	if (k <= 0) return 0;
	if (mu <= 0) return LOG_FLOOR;
	if (mu >= k + 1) return 0;
	const first = -mu + k * Math.log(mu) - logFactorial(k);
	return Math.max(LOG_FLOOR, Math.min(0, first - Math.log(1 - mu / (k + 1))));
}
