/**
 * Return waves for the alerts to find (`--waves`): for a few weeks, one product's units come back
 * defective, one supplier's batch does, or one size runs small. Each is a different size of effect, in a
 * different part of the range and of the two years, chosen from the seed on a stream of its own.
 */
import { dateString, dayOf } from './calendar.ts';
import { CATEGORIES, type Catalogue, type Category, type Product, type Sku } from './catalogue.ts';
import { Rng } from './prng.ts';
import type { Theme } from './reasons.ts';

export interface Wave {
	kind: 'product' | 'supplier' | 'size';
	/** Order days (inclusive) whose units come back at `rate` more, with `theme`. */
	from: number;
	to: number;
	rate: number;
	theme: Theme;
	products: ReadonlySet<Product>;
	/** The one size of a size wave. */
	sku?: Sku;
}

/** As truth.json records a wave: what was planted where, in the shop's names and ids. */
export interface WaveTruth {
	kind: Wave['kind'];
	/** The product id, the supplier's name or the SKU. */
	key: string;
	product_ids: string[];
	from: string;
	to: string;
	rate: number;
	theme: Theme;
}

const monday = (first: string, rng: Rng, weeks: number) => dayOf(first) + 7 * rng.int(weeks);

/**
 * A defect wave on one of the two bestsellers of the busiest category that does not come in sizes (6 weeks,
 * 30 % more), a supplier's batch that fails in the smaller of the two sized fashion categories (4 weeks, 12 %
 * more of each of its products), and the best-selling size of the bestseller of the busier one running
 * small (6 weeks, 70 % of its units more: a batch labelled a size too large). Bestsellers of the shop's own
 * mix, so each has the units to show in; none touches the products already planted.
 */
export function chooseWaves(
	seed: number,
	{ byCategory, products, specs }: Catalogue,
	taken: readonly Product[]
): Wave[] {
	const rng = new Rng(seed, 6);
	const free = (p: Product) => !taken.includes(p);
	const busiest = (categories: Category[]) =>
		categories.reduce((a, b) => (specs[b].lineShare > specs[a].lineShare ? b : a));
	const unsized = busiest(CATEGORIES.filter((c) => !specs[c].sized));
	const product = byCategory[unsized].products.filter(free)[rng.int(2)] as Product;
	const productFrom = monday('2025-04-07', rng, 20);

	const sizedCategory = busiest(['apparel', 'shoes']);
	const batchCategory = sizedCategory === 'apparel' ? 'shoes' : 'apparel';
	const bySupplier = byCategory[batchCategory].products.filter(free);
	const supplier = (bySupplier[rng.int(Math.min(3, bySupplier.length))] as Product).supplier;
	const batch = products.filter((p) => p.supplier === supplier && free(p) && p !== product);
	const supplierFrom = monday('2026-01-05', rng, 12);

	const sized = byCategory[sizedCategory].products.filter((p) => free(p) && p.skus.length >= 3)[0] as Product;
	const sku = sized.skus.reduce((a, b) => (b.weight > a.weight ? b : a));
	const sizeFrom = monday('2025-09-01', rng, 12);

	return [
		{
			kind: 'product',
			from: productFrom,
			to: productFrom + 41,
			rate: 0.3,
			theme: 'defect',
			products: new Set([product])
		},
		{
			kind: 'supplier',
			from: supplierFrom,
			to: supplierFrom + 27,
			rate: 0.12,
			theme: 'defect',
			products: new Set(batch)
		},
		{
			kind: 'size',
			from: sizeFrom,
			to: sizeFrom + 41,
			rate: 0.7,
			theme: 'too_small',
			products: new Set([sized]),
			sku
		}
	];
}

/** The wave a unit of this product and size ordered on this day falls in, if any. */
export function waveOf(waves: readonly Wave[], product: Product, sku: Sku, day: number): Wave | undefined {
	return waves.find(
		(w) => day >= w.from && day <= w.to && w.products.has(product) && (w.sku === undefined || w.sku === sku)
	);
}

export function waveTruth(wave: Wave): WaveTruth {
	const [first] = wave.products;
	const key = wave.kind === 'supplier' ? first!.supplier.name : wave.kind === 'size' ? wave.sku!.sku : first!.id;
	return {
		kind: wave.kind,
		key,
		product_ids: [...wave.products].map((p) => p.id),
		from: dateString(wave.from),
		to: dateString(wave.to),
		rate: wave.rate,
		theme: wave.theme
	};
}
