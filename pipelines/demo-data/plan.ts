/**
 * The planted customers: fraud patterns and their decoys, each with a schedule of orders whose
 * lines say what must happen to them. Only a few hundred customers per 100k lines, so the whole
 * plan is held in memory and played back day by day.
 */
import { dayOf } from './calendar.ts';
import type { Category } from './catalogue.ts';
import { Rng } from './prng.ts';
import { FRAUD_FLAGS, type FraudFlag } from './truth.ts';

/**
 * keep: not returned. natural: the ordinary return model decides. The rest are forced returns:
 * return (plain), serial, wardrobe (worn, sent back late), used (one worn item), switch (other
 * item in the box), claim (fault claimed, none found), keep_it (refund without return).
 */
export type LineOutcome =
	'keep' | 'natural' | 'return' | 'serial' | 'wardrobe' | 'used' | 'switch' | 'claim' | 'keep_it';

export interface PlannedLine {
	/** Empty: the usual category mix. */
	categories: readonly Category[];
	outcome: LineOutcome;
	minPrice?: number;
	maxPrice?: number;
}

export interface PlannedOrder {
	day: number;
	customer: number;
	lines: PlannedLine[];
}

export interface PlannedRing {
	kind: 'address' | 'payment';
	members: number[];
}

export interface Plan {
	/** Planned customers are indices 0 .. customers - 1. */
	customers: number;
	orders: PlannedOrder[];
	fraud: Record<FraudFlag, number[]>;
	decoys: Record<FraudFlag, number[]>;
	rings: PlannedRing[];
	households: number[][];
}

// Late enough for a pattern to build up, early enough that every forced return is refunded by the export date.
const FIRST_DAY = 14;
const LAST_DAY = dayOf('2026-09-15');

/** What wardrobers wear once and send back. */
export const FASHION: readonly Category[] = ['apparel', 'shoes', 'accessories'];
const ANY: readonly Category[] = [];

/** Fraud customers per flag: about 10 per 100k lines, at least 4 once there is room for them. */
export function customersPerFlag(lines: number): number {
	return Math.max(Math.min(4, Math.floor(lines / 2500)), Math.round(lines / 10000));
}

/** A planted serial returner's history: orders, and lines per order (inclusive ranges). */
export interface SerialReturnerPlan {
	orders: readonly [number, number];
	linesPerOrder: readonly [number, number];
}

export function buildPlan(seed: number, perFlag: number, serial: SerialReturnerPlan): Plan {
	const rng = new Rng(seed, 2);
	const orders: PlannedOrder[] = [];
	let next = 0;
	const fraud = Object.fromEntries(FRAUD_FLAGS.map((f) => [f, [] as number[]])) as Record<FraudFlag, number[]>;
	const decoys = Object.fromEntries(FRAUD_FLAGS.map((f) => [f, [] as number[]])) as Record<FraudFlag, number[]>;
	const rings: PlannedRing[] = [];
	const households: number[][] = [];

	const line = (
		categories: readonly Category[],
		outcome: LineOutcome,
		price: Partial<PlannedLine> = {}
	): PlannedLine => ({
		categories,
		outcome,
		...price
	});
	/** Spreads a customer's orders over the period. */
	const schedule = (customer: number, baskets: PlannedLine[][]): void => {
		const days = baskets.map(() => rng.range(FIRST_DAY, LAST_DAY)).sort((a, b) => a - b);
		rng.shuffle(baskets).forEach((lines, i) => orders.push({ day: days[i] as number, customer, lines }));
	};
	const naturalBaskets = (lo: number, hi: number): PlannedLine[][] =>
		Array.from({ length: rng.range(lo, hi) }, () =>
			Array.from({ length: rng.range(1, 2) }, () => line(ANY, 'natural'))
		);
	const oneForced = (
		outcome: LineOutcome,
		categories: readonly Category[],
		price: Partial<PlannedLine> = {}
	): PlannedLine[][] => [[line(categories, outcome, price)], ...naturalBaskets(1, 3)];

	for (let i = 0; i < perFlag; i++) {
		const c = next++;
		fraud.serial_returner.push(c);
		const baskets = Array.from({ length: rng.range(...serial.orders) }, () =>
			Array.from({ length: rng.range(...serial.linesPerOrder) }, () =>
				line(rng.chance(0.8) ? ['apparel', 'shoes'] : ['accessories'], 'serial')
			)
		);
		while (baskets.flat().length < 12) baskets[0]?.push(line(['apparel'], 'serial'));
		const all = baskets.flat();
		if (all.length >= 14) (rng.pick(all) as PlannedLine).outcome = 'keep';
		schedule(c, baskets);
	}
	for (let i = 0; i < perFlag; i++) {
		const c = next++;
		fraud.wardrobing.push(c);
		const worn = Array.from({ length: rng.range(3, 5) }, () => {
			const basket = [line(FASHION, 'wardrobe', { minPrice: 4000 })];
			if (rng.chance(0.5)) basket.push(line(ANY, 'keep'));
			return basket;
		});
		schedule(c, [...worn, ...naturalBaskets(2, 3)]);
	}
	for (let i = 0; i < perFlag; i++) {
		const c = next++;
		fraud.item_switch.push(c);
		const switched = Array.from({ length: rng.range(2, 3) }, () => [
			line(['electronics', 'shoes', 'accessories'], 'switch', { minPrice: 6000 })
		]);
		schedule(c, [...switched, ...naturalBaskets(2, 4)]);
	}
	for (let i = 0; i < perFlag; i++) {
		const c = next++;
		fraud.claim_mismatch.push(c);
		const claims = Array.from({ length: rng.range(3, 4) }, () => [
			line(['electronics', 'home', 'shoes', 'apparel'], 'claim')
		]);
		schedule(c, [...claims, ...naturalBaskets(2, 3)]);
	}
	for (let i = 0; i < perFlag; i++) {
		const c = next++;
		fraud.keep_it_abuse.push(c);
		const kept = Array.from({ length: rng.range(3, 5) }, () => [
			line(['beauty', 'accessories', 'home'], 'keep_it', { maxPrice: 3500 })
		]);
		schedule(c, [...kept, ...naturalBaskets(1, 3)]);
	}
	const ringCount = Math.max(2, Math.round(perFlag / 3));
	for (let r = 0; r < ringCount; r++) {
		const members = Array.from({ length: rng.range(3, 4) }, () => next++);
		rings.push({ kind: rng.chance(0.6) ? 'address' : 'payment', members });
		for (const c of members) {
			fraud.shared_identity.push(c);
			const baskets = naturalBaskets(2, 3);
			(baskets[0] as PlannedLine[])[0] = line(ANY, 'return');
			schedule(c, baskets);
		}
	}

	for (let i = 0; i < perFlag; i++) {
		const c = next++;
		decoys.serial_returner.push(c);
		const lines = rng.shuffle([line(ANY, 'return'), line(ANY, 'return'), line(ANY, 'keep')]);
		schedule(
			c,
			rng.chance(0.5)
				? [[lines[0] as PlannedLine, lines[1] as PlannedLine], [lines[2] as PlannedLine]]
				: lines.map((l) => [l])
		);
	}
	const singleDecoys: [FraudFlag, LineOutcome, readonly Category[], Partial<PlannedLine>][] = [
		['wardrobing', 'used', FASHION, {}],
		['item_switch', 'switch', ['electronics', 'shoes', 'accessories'], {}],
		['claim_mismatch', 'claim', ['electronics', 'home', 'shoes', 'apparel'], {}],
		['keep_it_abuse', 'keep_it', ['beauty', 'accessories', 'home'], { maxPrice: 3500 }]
	];
	for (const [flag, outcome, categories, price] of singleDecoys) {
		for (let i = 0; i < perFlag; i++) {
			const c = next++;
			decoys[flag].push(c);
			schedule(c, oneForced(outcome, categories, price));
		}
	}
	for (let h = 0; h < Math.ceil(fraud.shared_identity.length / 2); h++) {
		const pair = [next++, next++];
		households.push(pair);
		for (const c of pair) {
			decoys.shared_identity.push(c);
			const baskets = naturalBaskets(1, 2);
			(baskets[0] as PlannedLine[])[0] = line(ANY, 'return');
			schedule(c, baskets);
		}
	}

	orders.sort((a, b) => a.day - b.day || a.customer - b.customer);
	return { customers: next, orders, fraud, decoys, rings, households };
}
