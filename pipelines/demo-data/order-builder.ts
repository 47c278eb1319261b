/**
 * Writes orders line by line and decides, for each line, whether and why it comes back. Ordinary
 * orders follow the return model; planned orders play back what the fraud plan says; a few
 * ordinary orders are bracketing orders (several sizes of one product, all but one sent back).
 */
import { CATEGORIES, type Catalogue, type Category, type CategorySpec, type Product, type Sku } from './catalogue.ts';
import { DAY, formatTimestamp, HOUR_CUMULATIVE, isSaleDay, monthOf, NOW, type TimestampStyle } from './calendar.ts';
import type { CsvFile } from './csv-writer.ts';
import { SIGNAL, type CustomerLedger } from './customer-ledger.ts';
import type { CustomerPool } from './customers.ts';
import { col, type IssueLog } from './issues.ts';
import { formatMoney } from './money.ts';
import type { OrderLine, ReturnIntent } from './order-line.ts';
import type { LineOutcome, PlannedLine, PlannedOrder } from './plan.ts';
import { cumulative, type Rng } from './prng.ts';
import { isFaultTheme, type Theme } from './reasons.ts';
import type { ReturnEmitter } from './return-emitter.ts';
import type { ReturnCase, ReturnModel } from './return-model.ts';

export interface Planted {
	spikeProduct: Product;
	spikeFrom: number;
	spikeTo: number;
	/** Chance that an electronics line in the spike window is the spike product (a promotion). */
	spikeShare: number;
	smallSku: Sku;
	smallSkuProduct: Product;
}

const LINES_PER_ORDER = cumulative([55, 25, 13, 7]);
const DELIVERY_DAYS = cumulative([0, 15, 35, 25, 12, 7, 3, 2, 1]);
/** Bracketing returns must be complete by the export date. */
const LAST_BRACKETING_DAY = Math.floor(NOW / DAY) - 70;
const BRACKETING_CHANCE = 0.025;
const GOODWILL_CHANCE = 0.003;
const ORDER_ID = col('orders', 'order_id');
const LINE_ID = col('orders', 'line_id');

/** The shop's category mix per month: gifts, so more electronics and beauty before Christmas. */
function categoriesByMonth(specs: Record<Category, CategorySpec>): Float64Array[] {
	return Array.from({ length: 12 }, (_, month) =>
		cumulative(
			CATEGORIES.map((c) => {
				const share = specs[c].lineShare;
				if (month >= 10 && c === 'electronics') return share * 1.4;
				if (month >= 10 && c === 'beauty') return share * 1.2;
				return share;
			})
		)
	);
}

const WEARABLE_THEMES = (t: Theme): boolean =>
	t === 'too_small' || t === 'too_large' || t === 'changed_mind' || t === 'not_as_described';
const KEEP_IT_THEMES = (t: Theme): boolean =>
	t === 'defect' || t === 'transit_damage' || t === 'wrong_item' || t === 'not_as_described';
const INTACT_THEMES = (t: Theme): boolean => !isFaultTheme(t);

interface LineSpec {
	product: Product;
	sku: Sku;
	quantity: number;
	outcome: LineOutcome;
}

export class OrderBuilder {
	private orderSeq = 1_000_000;
	readonly bracketing: string[] = [];
	private readonly categoryByMonth: Float64Array[];

	constructor(
		private readonly rng: Rng,
		private readonly catalogue: Catalogue,
		private readonly pool: CustomerPool,
		private readonly ledger: CustomerLedger,
		private readonly model: ReturnModel,
		private readonly planted: Planted,
		private readonly orders: CsvFile,
		private readonly issues: IssueLog,
		private readonly returns: ReturnEmitter
	) {
		this.categoryByMonth = categoriesByMonth(catalogue.specs);
	}

	/** One order of a random ordinary customer; returns the rows written (at most `budget`). */
	ordinary(day: number, budget: number): number {
		const rng = this.rng;
		const customer = this.pool.pickOrdinary(rng);
		const n = Math.min(budget, 1 + rng.weighted(LINES_PER_ORDER));
		const first = this.category(day);
		if (this.catalogue.specs[first].sized && day <= LAST_BRACKETING_DAY && rng.chance(BRACKETING_CHANCE)) {
			const written = this.bracketingOrder(customer, first, day, budget);
			if (written > 0) return written;
		}
		const specs: LineSpec[] = [];
		for (let i = 0; i < n; i++) {
			const product = this.product(i === 0 ? first : this.category(day), day, specs);
			specs.push({
				product,
				sku: this.sku(product),
				quantity: this.quantity(product.category),
				outcome: 'natural'
			});
		}
		return this.write(customer, day, specs, budget, false);
	}

	planned(order: PlannedOrder, budget: number): number {
		const specs: LineSpec[] = [];
		for (const planned of order.lines.slice(0, budget)) {
			const product = this.plannedProduct(planned, order.day, specs);
			const forced = planned.outcome !== 'natural' && planned.outcome !== 'keep';
			specs.push({
				product,
				sku: this.sku(product),
				quantity: forced ? 1 : this.quantity(product.category),
				outcome: planned.outcome
			});
		}
		return this.write(order.customer, order.day, specs, budget, true);
	}

	private category(day: number): Category {
		return CATEGORIES[this.rng.weighted(this.categoryByMonth[monthOf(day)] as Float64Array)] as Category;
	}

	/** A product not yet in the order: every ordinary order has one line per product. */
	private product(category: Category, day: number, taken: readonly LineSpec[]): Product {
		const rng = this.rng;
		const { spikeProduct, spikeFrom, spikeTo, spikeShare } = this.planted;
		const list = this.catalogue.byCategory[category];
		let product = list.products[0] as Product;
		for (let attempt = 0; attempt < 8; attempt++) {
			product =
				category === spikeProduct.category && day >= spikeFrom && day <= spikeTo && rng.chance(spikeShare)
					? spikeProduct
					: (list.products[rng.weighted(list.cumulative)] as Product);
			if (!taken.some((s) => s.product === product)) return product;
		}
		return list.products.find((p) => !taken.some((s) => s.product === p)) ?? product;
	}

	/** Planned customers stay away from the planted products, so their returns don't blur those truths. */
	private plannedProduct(line: PlannedLine, day: number, taken: readonly LineSpec[]): Product {
		const rng = this.rng;
		const excluded = (p: Product): boolean =>
			p === this.planted.spikeProduct ||
			p === this.planted.smallSkuProduct ||
			taken.some((s) => s.product === p) ||
			(line.minPrice !== undefined && p.price < line.minPrice) ||
			(line.maxPrice !== undefined && p.price > line.maxPrice);
		for (let attempt = 0; attempt < 40; attempt++) {
			const category = line.categories.length > 0 ? rng.pick(line.categories) : this.category(day);
			const list = this.catalogue.byCategory[category];
			const product = list.products[rng.weighted(list.cumulative)] as Product;
			if (!excluded(product)) return product;
		}
		const fallback = this.catalogue.products.find(
			(p) => (line.categories.length === 0 || line.categories.includes(p.category)) && !excluded(p)
		);
		if (!fallback) throw new Error(`no product fits planned line ${JSON.stringify(line)}`);
		return fallback;
	}

	private sku(product: Product): Sku {
		return product.skus[this.rng.weighted(product.skuCumulative)] as Sku;
	}

	private quantity(category: Category): number {
		const rng = this.rng;
		if (!rng.chance(this.catalogue.specs[category].multiUnit)) return 1;
		return rng.chance(0.75) ? 2 : 3;
	}

	private bracketingOrder(customer: number, category: Category, day: number, budget: number): number {
		const rng = this.rng;
		const size = rng.chance(0.7) ? 2 : 3;
		const list = this.catalogue.byCategory[category];
		const product = list.products[rng.weighted(list.cumulative)] as Product;
		if (product === this.planted.smallSkuProduct || product === this.planted.spikeProduct) return 0;
		if (product.skus.length < size || budget < size) return 0;
		if (!this.ledger.mayReturn(customer, size - 1, size)) return 0;
		const start = rng.int(product.skus.length - size + 1);
		const kept = rng.int(size);
		const specs: LineSpec[] = product.skus
			.slice(start, start + size)
			.map((sku, i) => ({ product, sku, quantity: 1, outcome: i === kept ? 'keep' : 'natural' }));
		if (this.ledger.take(customer, SIGNAL.bracketed)) this.bracketing.push(this.pool.id(customer));
		return this.write(customer, day, specs, budget, false, specs[kept]?.sku.sizeRank ?? 0);
	}

	/**
	 * Writes the order's rows and its returns. `bracketKept` marks a bracketing order by the size rank of the size
	 * kept.
	 */
	private write(
		customer: number,
		day: number,
		specs: LineSpec[],
		budget: number,
		planned: boolean,
		bracketKept = -1
	): number {
		const rng = this.rng;
		const pool = this.pool;
		const orderId = `SO${++this.orderSeq}`;
		const customerId = pool.id(customer);
		const orderedAt = day * DAY + rng.weighted(HOUR_CUMULATIVE) * 3600 + rng.int(3600);
		const channel = pool.channel(customer, rng);
		const country = pool.country(customer);
		const email = rng.chance(0.97) ? pool.email(customer) : '';
		const address = pool.addressKey(customer, rng);
		const payment = pool.paymentKey(customer, rng);
		const orderedStyle: TimestampStyle = rng.chance(0.9) ? 'iso' : 'space';
		const deliveredAt =
			channel === 'store'
				? orderedAt
				: orderedAt + rng.weighted(DELIVERY_DAYS) * DAY + rng.int(DAY / 2) - DAY / 4;
		const deliveryDays = Math.round((deliveredAt - orderedAt) / DAY);
		// A plain date means midnight, so it is only used where that still falls after the order.
		const dateOnly = Math.floor(deliveredAt / DAY) > day && rng.chance(0.06);
		const deliveredText = rng.chance(0.03)
			? ''
			: formatTimestamp(deliveredAt, dateOnly ? 'date' : rng.chance(0.9) ? 'iso' : 'space');
		const orderedText = formatTimestamp(orderedAt, orderedStyle);
		const sale = isSaleDay(day);
		const returnCase: ReturnCase = {
			product: (specs[0] as LineSpec).product,
			sku: (specs[0] as LineSpec).sku,
			quantity: 1,
			channel,
			country,
			countryFactor: pool.countryReturnFactor(country),
			propensity: pool.propensity(customer),
			month: monthOf(day),
			day,
			deliveryDays,
			inSpikeWindow: day >= this.planted.spikeFrom && day <= this.planted.spikeTo
		};
		this.ledger.addLines(customer, specs.length);

		let written = 0;
		let firstLine: OrderLine | null = null;
		const intents: ReturnIntent[] = [];
		for (let i = 0; i < specs.length; i++) {
			const spec = specs[i] as LineSpec;
			const { product, sku, quantity } = spec;
			const unitPrice = this.price(product.price, sale);
			const line: OrderLine = {
				lineId: `${orderId}-${i + 1}`,
				orderId,
				customer,
				customerId,
				planned,
				product,
				sku,
				quantity,
				unitPrice,
				orderedAt,
				deliveredAt,
				channel,
				country
			};
			firstLine ??= line;
			const fields = [
				line.lineId,
				orderId,
				orderedText,
				customerId,
				email,
				address,
				payment,
				sku.sku,
				product.id,
				product.nameField,
				product.categoryField,
				sku.variant,
				product.supplierField,
				channel,
				country,
				String(quantity),
				formatMoney(unitPrice),
				rng.chance(0.96) ? 'EUR' : '',
				deliveredText
			];
			// A broken row takes a line of the budget, so only when the order still fits after it.
			if (budget - written > specs.length - i) {
				if (this.issues.badDue('orders')) {
					const copy = [...fields];
					const id = `SO${++this.orderSeq}`;
					copy[ORDER_ID] = id;
					copy[LINE_ID] = `${id}-1`;
					this.orders.add(
						this.issues.breakRow('orders', copy, { orderedAt }, this.orders.nextLine).join(',')
					);
					written++;
				}
			}
			if (!planned) this.issues.spoilOptional('orders', fields, { orderedAt }, this.orders.nextLine);
			this.orders.add(fields.join(','));
			written++;

			returnCase.product = product;
			returnCase.sku = sku;
			returnCase.quantity = quantity;
			const intent = this.returnIntent(line, spec, returnCase, bracketKept);
			if (intent) intents.push(intent);
		}
		if (intents.length > 0) this.returns.emit(intents);
		if (firstLine && !planned && rng.chance(GOODWILL_CHANCE)) this.returns.goodwill(firstLine);
		return written;
	}

	private returnIntent(
		line: OrderLine,
		spec: LineSpec,
		returnCase: ReturnCase,
		bracketKept: number
	): ReturnIntent | null {
		const rng = this.rng;
		const { product, outcome } = spec;
		switch (outcome) {
			case 'keep':
				return null;
			case 'natural': {
				if (bracketKept >= 0)
					return this.forced(line, spec.sku.sizeRank < bracketKept ? 'too_small' : 'too_large', 'bracket');
				const choice = this.model.decide(returnCase, rng);
				if (!choice || !this.ledger.mayReturn(line.customer, 1)) return null;
				this.ledger.addReturned(line.customer, 1);
				return { line, quantity: choice.quantity, theme: choice.theme, kind: 'natural' };
			}
			case 'serial':
			case 'return':
				return this.forced(line, this.model.theme(product, rng, INTACT_THEMES), outcome);
			case 'wardrobe':
			case 'used':
				return this.forced(line, this.model.theme(product, rng, WEARABLE_THEMES), outcome);
			case 'switch':
				return this.forced(line, this.model.theme(product, rng), outcome);
			case 'claim':
				return this.forced(line, rng.chance(0.6) ? 'defect' : 'transit_damage', outcome);
			case 'keep_it':
				return this.forced(line, this.model.theme(product, rng, KEEP_IT_THEMES), outcome);
		}
	}

	/** A return the plan (or a bracketing order) prescribes: every unit, whatever the model says. */
	private forced(line: OrderLine, theme: Theme, kind: ReturnIntent['kind']): ReturnIntent {
		this.ledger.addReturned(line.customer, 1);
		return { line, quantity: line.quantity, theme, kind };
	}

	private price(list: number, sale: boolean): number {
		const rng = this.rng;
		const discount = sale
			? rng.chance(0.35)
				? rng.uniform(0.1, 0.4)
				: 0
			: rng.chance(0.1)
				? rng.uniform(0.05, 0.2)
				: 0;
		if (discount === 0) return list;
		return Math.max(99, Math.round((list * (1 - discount)) / 100) * 100 - 1);
	}
}
