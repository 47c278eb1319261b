/**
 * Seeded randomness. Everything the generator decides comes from here, so a seed reproduces the
 * data set byte for byte (Math.random and the clock are never used).
 */

/** sfc32: small, fast, and good enough statistically for synthetic data. */
export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: number, stream = 0) {
		this.a = 0x9e3779b9 ^ seed;
		this.b = 0x243f6a88 ^ Math.imul(stream + 1, 0x85ebca6b);
		this.c = 0xb7e15162 ^ Math.imul(seed, 0xc2b2ae35);
		this.d = 1;
		// The first outputs of sfc32 still correlate with the seed words.
		for (let i = 0; i < 16; i++) this.next();
	}

	/** Uniform in [0, 1). */
	next(): number {
		const t0 = (this.a + this.b) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.d = (this.d + 1) | 0;
		const t = (t0 + this.d) | 0;
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/** Integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** Integer in [lo, hi], both inclusive. */
	range(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	uniform(lo: number, hi: number): number {
		return lo + this.next() * (hi - lo);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)] as T;
	}

	/** Index drawn from cumulative weights (ascending, last = total). */
	weighted(cumulative: ArrayLike<number>): number {
		const n = cumulative.length;
		const x = this.next() * (cumulative[n - 1] as number);
		let lo = 0;
		let hi = n - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((cumulative[mid] as number) > x) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}

	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			const tmp = items[i] as T;
			items[i] = items[j] as T;
			items[j] = tmp;
		}
		return items;
	}
}

export function cumulative(weights: readonly number[]): Float64Array {
	const out = new Float64Array(weights.length);
	let sum = 0;
	weights.forEach((w, i) => {
		sum += w;
		out[i] = sum;
	});
	return out;
}

/** A stateless 32-bit hash of a few integers: customer attributes are derived, never stored. */
export function hash32(a: number, b: number, c = 0): number {
	let h =
		Math.imul(a ^ 0x5bd1e995, 0x9e3779b1) ^
		Math.imul(b + 0x7f4a7c15, 0x85ebca6b) ^
		Math.imul(c + 0x165667b1, 0xc2b2ae35);
	h ^= h >>> 16;
	h = Math.imul(h, 0x7feb352d);
	h ^= h >>> 15;
	h = Math.imul(h, 0x846ca68b);
	h ^= h >>> 16;
	return h >>> 0;
}

/** The hash as a fraction in [0, 1). */
export function hashUnit(a: number, b: number, c = 0): number {
	return hash32(a, b, c) / 4294967296;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(h: number): string {
	return (
		(HEX_BYTES[h >>> 24] as string) +
		(HEX_BYTES[(h >>> 16) & 255] as string) +
		(HEX_BYTES[(h >>> 8) & 255] as string) +
		(HEX_BYTES[h & 255] as string)
	);
}

/** 16 hex characters: looks like the fingerprint a shop system would export. */
export function hashHex(a: number, b: number, c: number): string {
	return hex32(hash32(a, b, c)) + hex32(hash32(a ^ 0x2545f491, b, c + 1));
}
