/**
 * The assortment: categories with their return behaviour, suppliers, and products with SKUs.
 * Built once per run from the seed; a few hundred products, so plain arrays are fine here.
 */
import { csvField } from './csv-writer.ts';
import { cumulative, Rng } from './prng.ts';
import type { Theme } from './reasons.ts';

export const CATEGORIES = ['apparel', 'shoes', 'accessories', 'home', 'electronics', 'beauty'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CategorySpec {
	name: Category;
	/** Share of order lines. */
	lineShare: number;
	/** Share of the product range. */
	productShare: number;
	/** Target unit return rate before the customer's and product's own tendencies. */
	returnRate: number;
	/** List price range in cents. */
	price: [number, number];
	/** Chance that a line has 2 or 3 units. */
	multiUnit: number;
	/** Whether variants are sizes (so fit matters and bracketing happens). */
	sized: boolean;
	themes: Record<Theme, number>;
	nouns: readonly string[];
}

const mix = (t: Partial<Record<Theme, number>>): Record<Theme, number> => ({
	too_small: 0,
	too_large: 0,
	defect: 0,
	transit_damage: 0,
	not_as_described: 0,
	wrong_item: 0,
	late_delivery: 0,
	changed_mind: 0,
	better_price: 0,
	...t
});

export const CATEGORY_SPECS: Record<Category, CategorySpec> = {
	apparel: {
		name: 'apparel',
		lineShare: 0.38,
		productShare: 0.34,
		returnRate: 0.31,
		price: [1500, 12000],
		multiUnit: 0.1,
		sized: true,
		themes: mix({
			too_small: 28,
			too_large: 24,
			not_as_described: 14,
			changed_mind: 14,
			defect: 5,
			transit_damage: 2,
			wrong_item: 3,
			late_delivery: 4,
			better_price: 6
		}),
		nouns: [
			'Jacket',
			'Dress',
			'Shirt',
			'Hoodie',
			'Jeans',
			'Blouse',
			'Sweater',
			'Coat',
			'T-Shirt',
			'Skirt',
			'Chinos',
			'Cardigan',
			'Parka',
			'Polo'
		]
	},
	shoes: {
		name: 'shoes',
		lineShare: 0.17,
		productShare: 0.16,
		returnRate: 0.24,
		price: [4000, 18000],
		multiUnit: 0.04,
		sized: true,
		themes: mix({
			too_small: 30,
			too_large: 22,
			not_as_described: 12,
			changed_mind: 14,
			defect: 8,
			transit_damage: 2,
			wrong_item: 3,
			late_delivery: 4,
			better_price: 5
		}),
		nouns: ['Sneaker', 'Boot', 'Loafer', 'Sandal', 'Runner', 'Chelsea Boot', 'Pump', 'Trail Shoe', 'Slip-On']
	},
	accessories: {
		name: 'accessories',
		lineShare: 0.12,
		productShare: 0.14,
		returnRate: 0.12,
		price: [1000, 9000],
		multiUnit: 0.1,
		sized: false,
		themes: mix({
			not_as_described: 28,
			changed_mind: 25,
			defect: 12,
			transit_damage: 8,
			wrong_item: 7,
			late_delivery: 6,
			better_price: 9,
			too_small: 3,
			too_large: 2
		}),
		nouns: ['Tote Bag', 'Belt', 'Scarf', 'Beanie', 'Sunglasses', 'Wallet', 'Backpack', 'Watch Strap', 'Cap']
	},
	home: {
		name: 'home',
		lineShare: 0.12,
		productShare: 0.14,
		returnRate: 0.06,
		price: [800, 15000],
		multiUnit: 0.22,
		sized: false,
		themes: mix({
			not_as_described: 22,
			transit_damage: 25,
			defect: 15,
			changed_mind: 18,
			wrong_item: 7,
			late_delivery: 5,
			better_price: 8
		}),
		nouns: ['Table Lamp', 'Cushion', 'Vase', 'Throw', 'Frying Pan', 'Mug Set', 'Duvet Cover', 'Mirror', 'Planter']
	},
	electronics: {
		name: 'electronics',
		lineShare: 0.1,
		productShare: 0.1,
		returnRate: 0.08,
		price: [1500, 40000],
		multiUnit: 0.05,
		sized: false,
		themes: mix({
			defect: 40,
			transit_damage: 10,
			not_as_described: 15,
			changed_mind: 15,
			wrong_item: 5,
			late_delivery: 4,
			better_price: 11
		}),
		nouns: [
			'Headphones',
			'Charger',
			'Speaker',
			'Smartwatch',
			'Power Bank',
			'Earbuds',
			'Webcam',
			'Keyboard',
			'E-Reader'
		]
	},
	beauty: {
		name: 'beauty',
		lineShare: 0.11,
		productShare: 0.12,
		returnRate: 0.03,
		price: [500, 6000],
		multiUnit: 0.25,
		sized: false,
		themes: mix({
			changed_mind: 30,
			not_as_described: 20,
			transit_damage: 20,
			wrong_item: 10,
			defect: 8,
			late_delivery: 5,
			better_price: 7
		}),
		nouns: ['Face Cream', 'Eau de Parfum', 'Serum', 'Lipstick', 'Shampoo', 'Body Lotion', 'Mascara', 'Sunscreen']
	}
};

export const CATEGORY_LINE_CUMULATIVE = cumulative(CATEGORIES.map((c) => CATEGORY_SPECS[c].lineShare));

export interface Supplier {
	name: string;
	category: Category;
	/** Scales how often its products fail. */
	quality: number;
}

const SUPPLIERS: readonly Omit<Supplier, 'quality'>[] = [
	{ name: 'Nordwind Textil GmbH', category: 'apparel' },
	{ name: 'Atelier Lys SARL', category: 'apparel' },
	{ name: 'Baltic Knit Ltd', category: 'apparel' },
	{ name: 'Passo Calzature S.r.l.', category: 'shoes' },
	{ name: 'Stride Footwear, B.V.', category: 'shoes' },
	{ name: 'Cuoio & Co', category: 'accessories' },
	{ name: 'Lumiere Accessoires', category: 'accessories' },
	{ name: 'Hjem Living AB', category: 'home' },
	{ name: 'Casa Forma S.L.', category: 'home' },
	{ name: 'Voltaic Devices Ltd', category: 'electronics' },
	{ name: 'Kuro Electronics Co', category: 'electronics' },
	{ name: 'Florale Cosmetics', category: 'beauty' }
];

export const SIZES: Record<'apparel' | 'shoes', readonly string[]> = {
	apparel: ['XS', 'S', 'M', 'L', 'XL'],
	shoes: ['36', '37', '38', '39', '40', '41', '42', '43', '44', '45', '46']
};
const APPAREL_SIZE_WEIGHTS = [8, 22, 32, 25, 13];
/** Sizes of a category that comes in sizes only in some shops (belts, gloves, hats). */
const GENERIC_SIZES = ['S', 'M', 'L', 'XL'];
const GENERIC_SIZE_WEIGHTS = [20, 35, 30, 15];
const COLOURS: Record<'accessories' | 'home' | 'electronics', readonly string[]> = {
	accessories: ['black', 'brown', 'navy', 'red', 'beige', 'silver'],
	home: ['white', 'grey', 'sand', 'anthracite', 'green'],
	electronics: ['black', 'white', 'blue', 'graphite']
};
const VOLUMES = ['30ml', '50ml', '100ml'];

const MODELS = [
	'Aria',
	'Nordic',
	'Urban',
	'Classic',
	'Linen',
	'Merino',
	'Slim',
	'Relaxed',
	'Alpine',
	'Coastal',
	'Vintage',
	'Essential',
	'Fjord',
	'Luna',
	'Terra',
	'Nova',
	'Sol',
	'Riva',
	'Oslo',
	'Milano',
	'Havana',
	'Breeze',
	'Ember',
	'Pulse',
	'Echo',
	'Zen'
];

export interface Sku {
	index: number;
	sku: string;
	variant: string;
	/** Position in the size run (sized categories), for bracketing neighbours. */
	sizeRank: number;
	/** Relative popularity among the product's SKUs. */
	weight: number;
}

export interface Product {
	index: number;
	id: string;
	name: string;
	/** The internal category, which the model is keyed by. */
	category: Category;
	/** What the shop calls the category (profiles.ts), as orders.csv has it. */
	categoryName: string;
	/** Whether its variants are sizes. */
	sized: boolean;
	supplier: Supplier;
	/** Name, category and supplier as CSV fields, quoted once here rather than on every order line. */
	nameField: string;
	categoryField: string;
	supplierField: string;
	/** List price in cents. */
	price: number;
	/** Scales this product's return rate. */
	returnFactor: number;
	/** Above 1 the product runs small: more too_small than too_large returns. */
	smallTilt: number;
	skus: Sku[];
	skuCumulative: Float64Array;
}

export interface Catalogue {
	/** The categories as this shop has them (profiles.ts). */
	specs: Record<Category, CategorySpec>;
	products: Product[];
	suppliers: Supplier[];
	/** Per category: products by descending popularity and their cumulative weights. */
	byCategory: Record<Category, { products: Product[]; cumulative: Float64Array }>;
}

function roundPrice(cents: number, rng: Rng): number {
	const euros = Math.max(1, Math.round(cents / 100));
	const ending = rng.pick([99, 95, 0, 99, 49]);
	return ending === 0 ? euros * 100 : (euros - 1) * 100 + ending;
}

function variantsFor(
	category: Category,
	sized: boolean,
	rng: Rng
): { values: string[]; weights: number[]; sizeRanks: number[] } {
	if (category === 'apparel') {
		const from = rng.chance(0.25) ? 1 : 0;
		const values = SIZES.apparel.slice(from);
		return { values, weights: APPAREL_SIZE_WEIGHTS.slice(from), sizeRanks: values.map((_, i) => i + from) };
	}
	if (category === 'shoes') {
		// Either a women's (36-41) or a men's (40-46) run, peaking in the middle.
		const mens = rng.chance(0.5);
		const from = mens ? 4 : 0;
		const values = SIZES.shoes.slice(from, mens ? 11 : 6);
		const peak = (values.length - 1) / 2;
		return {
			values,
			weights: values.map((_, i) => Math.exp(-((i - peak) ** 2) / 3)),
			sizeRanks: values.map((_, i) => i + from)
		};
	}
	if (sized)
		return { values: GENERIC_SIZES, weights: GENERIC_SIZE_WEIGHTS, sizeRanks: GENERIC_SIZES.map((_, i) => i) };
	if (category === 'beauty') {
		const values = VOLUMES.slice(rng.range(0, 1));
		return { values, weights: values.map((_, i) => 3 - i), sizeRanks: values.map(() => -1) };
	}
	const palette = [...COLOURS[category]];
	const values = rng.shuffle(palette).slice(0, rng.range(1, Math.min(4, palette.length)));
	return { values, weights: values.map((_, i) => 4 - i), sizeRanks: values.map(() => -1) };
}

function productName(category: Category, rng: Rng): string {
	const model = rng.pick(MODELS);
	const noun = rng.pick(CATEGORY_SPECS[category].nouns);
	const r = rng.next();
	// A few names need CSV quoting, as real product feeds do.
	if (r < 0.06) return `${noun} "${model}"`;
	if (r < 0.14)
		return `${model} ${noun}, ${rng.pick(['organic cotton', 'recycled', 'limited edition', '2-pack', 'vegan'])}`;
	return `${model} ${noun}`;
}

/**
 * The assortment of a shop whose categories are `specs` and are called `names` (each category's products take its
 * names in turn).
 */
export function buildCatalogue(
	seed: number,
	productCount: number,
	specs: Record<Category, CategorySpec>,
	names: Record<Category, readonly string[]>
): Catalogue {
	const rng = new Rng(seed, 1);
	const suppliers: Supplier[] = SUPPLIERS.map((s) => ({ ...s, quality: rng.uniform(0.85, 1.15) }));
	const products: Product[] = [];
	const byCategory = {} as Catalogue['byCategory'];
	let skuIndex = 0;
	for (const category of CATEGORIES) {
		const spec = specs[category];
		const count = Math.max(8, Math.round(productCount * spec.productShare));
		const own = suppliers.filter((s) => s.category === category);
		const list: Product[] = [];
		for (let i = 0; i < count; i++) {
			const index = products.length;
			const id = `P${String(10000 + index * 7 + rng.int(7))}`;
			const supplier = own[i % own.length] as Supplier;
			const name = productName(category, rng);
			const [lo, hi] = spec.price;
			const price = roundPrice(Math.exp(rng.uniform(Math.log(lo), Math.log(hi))), rng);
			const variants = variantsFor(category, spec.sized, rng);
			const categoryName = names[category][i % names[category].length] as string;
			const skus: Sku[] = variants.values.map((variant, v) => ({
				index: skuIndex++,
				sku: `${id}-${variant}`,
				variant,
				sizeRank: variants.sizeRanks[v] as number,
				weight: variants.weights[v] as number
			}));
			const product: Product = {
				index,
				id,
				name,
				category,
				categoryName,
				sized: spec.sized,
				supplier,
				nameField: csvField(name),
				categoryField: csvField(categoryName),
				supplierField: csvField(supplier.name),
				price,
				returnFactor: rng.uniform(0.75, 1.3),
				smallTilt: rng.uniform(0.8, 1.25),
				skus,
				skuCumulative: cumulative(variants.weights)
			};
			products.push(product);
			list.push(product);
		}
		// Long-tail popularity: a handful of bestsellers, many slow movers.
		byCategory[category] = {
			products: list,
			cumulative: cumulative(list.map((_, rank) => 1 / (rank + 2) ** 0.85))
		};
	}
	return { specs, products, suppliers, byCategory };
}
