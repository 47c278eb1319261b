/**
 * What becomes of an RMA once it is requested: how the retailer settles it (refund, exchange, repair,
 * store credit or keep-it), by which channel the item comes back, and the milestones it passes
 * (approval, transit, receipt, inspection, refund) up to the export date.
 */
import { DAY, NOW } from './calendar.ts';
import { SIGNAL, type CustomerLedger } from './customer-ledger.ts';
import type { OrderLine, ReturnIntent, ReturnKind } from './order-line.ts';
import type { Rng } from './prng.ts';
import { isFitTheme, type Theme } from './reasons.ts';
import type { RESOLUTIONS, RMA_STATUSES } from '../../src/lib/core/contract/entities.ts';

export type Resolution = (typeof RESOLUTIONS)[number];
type Status = (typeof RMA_STATUSES)[number];

/** Returns that carry a planted signal: each gets an RMA of its own. */
export const SINGLE: ReadonlySet<ReturnKind> = new Set<ReturnKind>(['wardrobe', 'used', 'switch', 'claim', 'keep_it']);
const KEEPABLE: ReadonlySet<Theme> = new Set<Theme>([
	'defect',
	'transit_damage',
	'wrong_item',
	'not_as_described',
	'late_delivery'
]);
/** Below this price (cents) a retailer may let the customer keep the item. */
const KEEP_IT_MAX_PRICE = 1500;

export interface Timeline {
	status: Status;
	statusAt: number;
	receivedAt: number;
	inspectedAt: number;
	refundedAt: number;
}

export class RmaLifecycle {
	constructor(
		private readonly rng: Rng,
		private readonly ledger: CustomerLedger
	) {}

	resolution(group: ReturnIntent[]): Resolution {
		const rng = this.rng;
		const head = group[0] as ReturnIntent;
		const category = head.line.product.category;
		if (head.kind === 'keep_it') return 'keep_it';
		if (
			head.kind === 'natural' &&
			group.length === 1 &&
			head.line.unitPrice <= KEEP_IT_MAX_PRICE &&
			KEEPABLE.has(head.theme)
		) {
			if (rng.chance(0.5) && this.ledger.take(head.line.customer, SIGNAL.keepIt)) return 'keep_it';
		}
		if (SINGLE.has(head.kind)) return 'refund';
		const r = rng.next();
		if (category === 'electronics' && head.theme === 'defect' && r < 0.15) return 'repair';
		if (isFitTheme(head.theme) && head.line.product.sized) {
			if (r < 0.3) return 'exchange';
		} else if (r < 0.04) return 'exchange';
		return rng.chance(0.09) ? 'store_credit' : 'refund';
	}

	returnChannel(line: OrderLine, resolution: Resolution): string {
		const rng = this.rng;
		if (resolution === 'keep_it') return rng.chance(0.5) ? 'email' : 'portal';
		if (line.channel === 'store') return rng.chance(0.7) ? 'store' : 'portal';
		if (line.channel === 'marketplace') return rng.chance(0.85) ? 'marketplace' : 'portal';
		const r = rng.next();
		return r < 0.82 ? 'portal' : r < 0.92 ? 'email' : 'store';
	}

	/** Milestones from the request on; the status is the last one reached before the export. */
	timeline(createdAt: number, resolution: Resolution, inStore: boolean, forced: boolean): Timeline {
		const rng = this.rng;
		const t: Timeline = { status: 'requested', statusAt: createdAt, receivedAt: 0, inspectedAt: 0, refundedAt: 0 };
		const r = forced ? 1 : rng.next();
		if (r < 0.06) {
			const at = r < 0.03 ? this.after(createdAt, 0.05, 2) : this.after(createdAt, 0.05, 8);
			if (at < NOW) {
				t.status = r < 0.03 ? 'rejected' : 'cancelled';
				t.statusAt = at;
			}
			return t;
		}
		const steps: [Status, number][] = [];
		// At the store counter the return is approved and taken in on the spot.
		const approved = inStore ? createdAt + rng.int(1800) : this.after(createdAt, 0.02, 2.5);
		steps.push(['approved', approved]);
		if (resolution === 'keep_it') {
			t.refundedAt = this.after(approved, 0.1, 3);
			steps.push(['refunded', t.refundedAt]);
			if (rng.chance(0.65)) steps.push(['closed', this.after(t.refundedAt, 3, 14)]);
		} else if (!forced && r >= 0.998) {
			// Approved, but the parcel never came.
		} else {
			if (inStore) t.receivedAt = approved + rng.int(1800);
			else {
				const shipped = this.after(approved, 0.2, 4);
				steps.push(['in_transit', shipped]);
				t.receivedAt = this.after(shipped, 1.5, 5);
			}
			steps.push(['received', t.receivedAt]);
			t.inspectedAt = this.after(t.receivedAt, 0.2, 6);
			steps.push(['inspected', t.inspectedAt]);
			if (resolution === 'exchange' || resolution === 'repair') {
				t.refundedAt =
					resolution === 'exchange' ? this.after(t.inspectedAt, 1, 5) : this.after(t.inspectedAt, 7, 20);
				steps.push(['closed', t.refundedAt]);
			} else {
				t.refundedAt = this.after(t.inspectedAt, 0.1, 3);
				steps.push(['refunded', t.refundedAt]);
				if (rng.chance(0.65)) steps.push(['closed', this.after(t.refundedAt, 3, 14)]);
			}
		}
		for (const [status, at] of steps) {
			if (at >= NOW) break;
			t.status = status;
			t.statusAt = at;
		}
		return t;
	}

	/** A moment lo..hi days after t. */
	private after(t: number, lo: number, hi: number): number {
		return t + Math.floor(this.rng.uniform(lo, hi) * DAY);
	}
}
