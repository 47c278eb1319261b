/**
 * Shop profiles: the same generator, shaped like different shops. A profile changes what the shop
 * calls its categories (and in which language), its product mix, how much comes back, which
 * categories come in sizes, how much each customer buys and how heavy a planted serial returner's
 * history is. The model inside stays keyed by the internal categories (catalogue.ts); the names are
 * applied where rows are written.
 *
 * `tunedOn` marks the profiles whose data the fraud rules were tuned on: the fraud tests score the
 * rules on every other profile, as data they have never seen.
 */
import { CATEGORIES, CATEGORY_SPECS, type Category, type CategorySpec } from './catalogue.ts';

export interface DemoProfile {
	name: string;
	/** What shop this imitates, in a line. */
	description: string;
	/** The fraud rules were tuned on this profile's data. */
	tunedOn: boolean;
	/**
	 * The shop's name for each internal category. Several names split the category's products between
	 * them (in turn, by popularity), as a shop with finer categories would.
	 */
	categoryNames: Record<Category, readonly string[]>;
	/** Relative share of order lines per category (the product mix); the product range follows it. */
	lineShares: Record<Category, number>;
	/** Multiplies every category's base return rate (CategorySpec.returnRate). */
	returnRateFactor: number;
	/** Categories whose variants are sizes (fit returns, bracketing, size exchanges): apparel, shoes and maybe more. */
	sized: readonly ['apparel', 'shoes', ...Category[]];
	/** Order lines per customer on average: the customer pool is lines / this. */
	linesPerCustomer: number;
	/** Ordinary customers return at most this share of their lines. */
	maxOrdinaryReturnShare: number;
	/** A planted serial returner's history: how many orders, of how many lines each (inclusive ranges). */
	serialReturner: { orders: [number, number]; linesPerOrder: [number, number] };
}

const ownNames = Object.fromEntries(CATEGORIES.map((c): [Category, readonly string[]] => [c, [c]])) as Record<
	Category,
	readonly string[]
>;
const defaultShares = Object.fromEntries(CATEGORIES.map((c) => [c, CATEGORY_SPECS[c].lineShare])) as Record<
	Category,
	number
>;

export const DEMO_PROFILES = {
	default: {
		name: 'default',
		description: 'a European fashion and lifestyle shop, about one order line in five returned',
		tunedOn: true,
		categoryNames: ownNames,
		lineShares: defaultShares,
		returnRateFactor: 1,
		sized: ['apparel', 'shoes'],
		linesPerCustomer: 4,
		maxOrdinaryReturnShare: 0.6,
		serialReturner: { orders: [5, 7], linesPerOrder: [2, 3] }
	},
	modehaus: {
		name: 'modehaus',
		description: 'a German fashion house with German category paths, about half of all lines returned',
		tunedOn: false,
		categoryNames: {
			apparel: ['Damen > Kleider', 'Damen > Oberteile', 'Herren > Hemden'],
			shoes: ['Schuhe'],
			accessories: ['Taschen'],
			home: ['Wohnen'],
			electronics: ['Elektronik'],
			beauty: ['Pflege']
		},
		lineShares: { apparel: 0.55, shoes: 0.2, accessories: 0.1, home: 0.06, electronics: 0.03, beauty: 0.06 },
		returnRateFactor: 2,
		sized: ['apparel', 'shoes'],
		linesPerCustomer: 6,
		maxOrdinaryReturnShare: 0.8,
		// Where half of everything comes back, only a long history returned almost whole stands out.
		serialReturner: { orders: [12, 15], linesPerOrder: [3, 3] }
	},
	kleding: {
		name: 'kleding',
		description: 'a Dutch shop of loyal customers, with sized accessories and more home and electronics',
		tunedOn: false,
		categoryNames: {
			apparel: ['Kleding'],
			shoes: ['Schoenen'],
			accessories: ['Accessoires'],
			home: ['Wonen'],
			electronics: ['Elektronica'],
			beauty: ['Verzorging']
		},
		lineShares: { apparel: 0.3, shoes: 0.15, accessories: 0.2, home: 0.15, electronics: 0.1, beauty: 0.1 },
		returnRateFactor: 1.2,
		sized: ['apparel', 'shoes', 'accessories'],
		linesPerCustomer: 10,
		maxOrdinaryReturnShare: 0.6,
		serialReturner: { orders: [6, 8], linesPerOrder: [2, 3] }
	},
	outlet: {
		name: 'outlet',
		description: 'an English outlet with fine-grained categories and few returns, about one line in twenty',
		tunedOn: false,
		categoryNames: {
			apparel: ['dresses', 'shirts'],
			shoes: ['sports'],
			accessories: ['bags'],
			home: ['living'],
			electronics: ['gadgets'],
			beauty: ['care']
		},
		lineShares: { apparel: 0.3, shoes: 0.25, accessories: 0.1, home: 0.15, electronics: 0.12, beauty: 0.08 },
		returnRateFactor: 0.25,
		sized: ['apparel', 'shoes'],
		linesPerCustomer: 3,
		maxOrdinaryReturnShare: 0.6,
		serialReturner: { orders: [5, 7], linesPerOrder: [2, 3] }
	},
	sportif: {
		name: 'sportif',
		description: 'a French sports shop with big baskets and category paths, about a third of lines returned',
		tunedOn: false,
		categoryNames: {
			apparel: ['Vêtements > Running', 'Vêtements > Ski & snowboard'],
			shoes: ["Chaussures d'extérieur"],
			accessories: ['Sacs & gourdes'],
			home: ['Camping'],
			electronics: ['Montres GPS'],
			beauty: ['Soins & récupération']
		},
		lineShares: { apparel: 0.35, shoes: 0.3, accessories: 0.05, home: 0.15, electronics: 0.1, beauty: 0.05 },
		returnRateFactor: 1.5,
		sized: ['apparel', 'shoes'],
		linesPerCustomer: 8,
		maxOrdinaryReturnShare: 0.7,
		serialReturner: { orders: [8, 10], linesPerOrder: [2, 3] }
	}
} as const satisfies Record<string, DemoProfile>;

export type DemoProfileName = keyof typeof DEMO_PROFILES;
export const DEMO_PROFILE_NAMES = Object.keys(DEMO_PROFILES) as DemoProfileName[];

/** The categories' specs as this profile's shop has them: its mix, return rates and sizes. */
export function profileSpecs(profile: DemoProfile): Record<Category, CategorySpec> {
	return Object.fromEntries(
		CATEGORIES.map((c) => {
			const spec = CATEGORY_SPECS[c];
			const share = profile.lineShares[c];
			return [
				c,
				{
					...spec,
					lineShare: share,
					// The range follows the mix: the default's product shares where the mix is the default's.
					productShare: share === spec.lineShare ? spec.productShare : share,
					returnRate: spec.returnRate * profile.returnRateFactor,
					sized: profile.sized.includes(c)
				}
			];
		})
	) as Record<Category, CategorySpec>;
}
