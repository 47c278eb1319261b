/** An order line as the generator carries it from the orders file to the returns files. */
import type { Product, Sku } from './catalogue.ts';
import type { Channel, Country } from './customers.ts';
import type { LineOutcome } from './plan.ts';
import type { Theme } from './reasons.ts';

export interface OrderLine {
	lineId: string;
	orderId: string;
	customer: number;
	customerId: string;
	/** A planned (fraud or decoy) customer: their rows are never spoiled. */
	planned: boolean;
	product: Product;
	sku: Sku;
	quantity: number;
	/** Cents. */
	unitPrice: number;
	/** Seconds since 2025-01-01. */
	orderedAt: number;
	deliveredAt: number;
	channel: Channel;
	country: Country;
}

/** natural: decided by the return model; bracket: the extra sizes of a bracketing order. */
export type ReturnKind = Exclude<LineOutcome, 'keep'> | 'bracket';

export interface ReturnIntent {
	line: OrderLine;
	quantity: number;
	theme: Theme;
	kind: ReturnKind;
}
