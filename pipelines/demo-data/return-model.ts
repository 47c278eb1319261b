/**
 * Whether an ordinary order line comes back, how many units, and why. Rates multiply the
 * category's base rate with the product's, the customer's, the channel's and the country's
 * tendencies; the planted defect spike, small-running SKU and return waves override it where they apply.
 */
import type { Category, CategorySpec, Product, Sku } from './catalogue.ts';
import type { Channel, Country } from './customers.ts';
import { cumulative, type Rng } from './prng.ts';
import { isFitTheme, THEMES, type Theme } from './reasons.ts';
import { waveOf, type Wave } from './waves.ts';

const CHANNEL_RETURN_FACTOR: Record<Channel, number> = { web: 1.05, app: 1.05, marketplace: 1.0, store: 0.7 };
/** Units of the small-running SKU that come back as too small (others in its category: ~15 %). */
const SMALL_SKU_FIT_RATE = 0.56;
/** Units of the spike product ordered in the window that come back defective. */
export const SPIKE_DEFECT_RATE = 0.28;
/** Gifts bought for Christmas come back more often. */
const GIFT_SEASON_FACTOR = 1.1;

export interface ReturnCase {
	product: Product;
	sku: Sku;
	quantity: number;
	channel: Channel;
	country: Country;
	countryFactor: number;
	propensity: number;
	/** Month of the order, 0 = January. */
	month: number;
	/** Day of the order, as calendar.ts counts them. */
	day: number;
	/** Days from order to delivery: long waits produce late-delivery returns. */
	deliveryDays: number;
	inSpikeWindow: boolean;
}

export interface ReturnChoice {
	quantity: number;
	theme: Theme;
}

interface ThemeTables {
	normal: Float64Array;
	late: Float64Array;
	nonFit: Float64Array;
	fitShare: number;
}

export class ReturnModel {
	private readonly tables = new Map<number, ThemeTables>();
	private readonly smallSkuIndex: number;
	private readonly spikeProduct: number;

	private readonly specs: Record<Category, CategorySpec>;
	private readonly waves: readonly Wave[];

	constructor(
		smallSkuIndex: number,
		spikeProduct: number,
		specs: Record<Category, CategorySpec>,
		waves: readonly Wave[] = []
	) {
		this.smallSkuIndex = smallSkuIndex;
		this.spikeProduct = spikeProduct;
		this.specs = specs;
		this.waves = waves;
	}

	private themeTables(product: Product): ThemeTables {
		let t = this.tables.get(product.index);
		if (t) return t;
		const base = this.specs[product.category].themes;
		const weights = THEMES.map((theme) => {
			const w = base[theme];
			if (theme === 'too_small') return w * product.smallTilt;
			if (theme === 'too_large') return w / product.smallTilt;
			if (theme === 'defect') return w * product.supplier.quality;
			return w;
		});
		const total = weights.reduce((a, b) => a + b, 0);
		const fit = weights.reduce((a, w, i) => a + (isFitTheme(THEMES[i] as Theme) ? w : 0), 0);
		t = {
			normal: cumulative(weights),
			late: cumulative(weights.map((w, i) => (THEMES[i] === 'late_delivery' ? w * 5 : w))),
			nonFit: cumulative(weights.map((w, i) => (isFitTheme(THEMES[i] as Theme) ? 0 : w))),
			fitShare: fit / total
		};
		this.tables.set(product.index, t);
		return t;
	}

	/** Null when the line is kept. */
	decide(c: ReturnCase, rng: Rng): ReturnChoice | null {
		const spec = this.specs[c.product.category];
		let p =
			spec.returnRate *
			c.product.returnFactor *
			c.propensity *
			CHANNEL_RETURN_FACTOR[c.channel] *
			c.countryFactor;
		if (c.month >= 10) p *= GIFT_SEASON_FACTOR;
		p = Math.min(p, 0.85);
		const tables = this.themeTables(c.product);
		const smallSku = c.sku.index === this.smallSkuIndex;
		const spike = c.inSpikeWindow && c.product.index === this.spikeProduct;
		const wave = waveOf(this.waves, c.product, c.sku, c.day);
		const extra = spike ? SPIKE_DEFECT_RATE : (wave?.rate ?? 0);

		let units = 0;
		let theme: Theme | null = null;
		for (let u = 0; u < c.quantity; u++) {
			const x = rng.next();
			if (smallSku) {
				const other = p * (1 - tables.fitShare);
				if (x < SMALL_SKU_FIT_RATE) {
					units++;
					theme ??= 'too_small';
				} else if (x < SMALL_SKU_FIT_RATE + other) {
					units++;
					theme ??= THEMES[rng.weighted(tables.nonFit)] as Theme;
				}
			} else if (x < extra) {
				units++;
				theme ??= spike ? 'defect' : (wave as Wave).theme;
			} else if (x < extra + p) {
				units++;
				theme ??= THEMES[rng.weighted(c.deliveryDays >= 5 ? tables.late : tables.normal)] as Theme;
			}
		}
		return theme === null ? null : { quantity: units, theme };
	}

	/** A theme for a forced return of this product (planned customers). */
	theme(product: Product, rng: Rng, allowed?: (t: Theme) => boolean): Theme {
		const tables = this.themeTables(product);
		for (let i = 0; i < 20; i++) {
			const t = THEMES[rng.weighted(tables.normal)] as Theme;
			if (!allowed || allowed(t)) return t;
		}
		return 'changed_mind';
	}
}
