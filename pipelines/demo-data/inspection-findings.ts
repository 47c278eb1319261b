/**
 * What the warehouse finds when it opens a returned parcel: the item's condition, whether a claimed
 * fault is confirmed, whether the item is the one sold, the staff's note, and what is then done with
 * the item and what it still recovers. Planted fraud shows here (worn, switched, unconfirmed claims).
 */
import type { Category } from './catalogue.ts';
import { SIGNAL, type CustomerLedger } from './customer-ledger.ts';
import { NO_FAULT_NOTES, NOTES, SWITCH_NOTES, WORN_NOTES, type Condition } from './inspection-notes.ts';
import { formatMoney } from './money.ts';
import type { ReturnIntent } from './order-line.ts';
import type { Rng } from './prng.ts';
import { FAULT_CODES, isFaultTheme } from './reasons.ts';

const FASHION: ReadonlySet<Category> = new Set<Category>(['apparel', 'shoes', 'accessories']);

const SWITCH_NOTES_IN_BOX = SWITCH_NOTES.filter((n) => n !== 'box empty');

export interface Finding {
	condition: Condition;
	defectConfirmed: '' | 'true' | 'false';
	itemMatches: '' | 'true' | 'false';
	notes: string;
}

export class InspectionFindings {
	constructor(
		private readonly rng: Rng,
		private readonly ledger: CustomerLedger
	) {}

	findings(intent: ReturnIntent, code: string): Finding {
		const rng = this.rng;
		const customer = intent.line.customer;
		switch (intent.kind) {
			case 'wardrobe':
				return this.worn(WORN_NOTES);
			case 'used':
				return this.worn(rng.chance(0.5) ? WORN_NOTES : NOTES.used);
			case 'switch':
				return this.switched();
			case 'claim':
				return this.intact();
		}
		const faultCode = FAULT_CODES.includes(code);
		if (isFaultTheme(intent.theme)) {
			if (
				faultCode &&
				intent.kind === 'natural' &&
				rng.chance(0.1) &&
				this.ledger.take(customer, SIGNAL.unconfirmedClaim)
			) {
				return this.intact();
			}
			const condition: Condition = intent.theme === 'defect' ? 'defective' : 'damaged';
			return {
				condition,
				defectConfirmed: 'true',
				itemMatches: rng.chance(0.9) ? 'true' : '',
				notes: rng.chance(0.8) ? rng.pick(NOTES[condition]) : ''
			};
		}
		// The code claims a fault the comment does not mention (see contradicting): nothing is found.
		if (faultCode) return this.intact();
		const usedChance = FASHION.has(intent.line.product.category) ? 0.03 : 0.01;
		if (rng.chance(usedChance) && this.ledger.take(customer, SIGNAL.used)) return this.worn(NOTES.used);
		if (rng.chance(0.002) && this.ledger.take(customer, SIGNAL.switched)) return this.switched();
		const r = rng.next();
		const condition: Condition = r < 0.56 ? 'new' : r < 0.96 ? 'like_new' : r < 0.99 ? 'missing_parts' : 'damaged';
		return {
			condition,
			defectConfirmed: '',
			itemMatches: rng.chance(0.9) ? 'true' : '',
			notes: rng.chance(0.6) ? rng.pick(NOTES[condition]) : ''
		};
	}

	/** A claimed fault that inspection does not find. */
	private intact(): Finding {
		const rng = this.rng;
		return {
			condition: rng.chance(0.5) ? 'new' : 'like_new',
			defectConfirmed: 'false',
			itemMatches: 'true',
			notes: rng.pick(NO_FAULT_NOTES)
		};
	}

	private worn(notes: readonly string[]): Finding {
		return { condition: 'used', defectConfirmed: '', itemMatches: 'true', notes: this.rng.pick(notes) };
	}

	/** The box held something other than what was sold, or nothing. */
	private switched(): Finding {
		const rng = this.rng;
		const empty = rng.chance(0.35);
		return {
			condition: empty ? 'empty' : 'wrong_item',
			defectConfirmed: '',
			itemMatches: 'false',
			notes: empty ? 'box empty' : rng.pick(SWITCH_NOTES_IN_BOX)
		};
	}

	/** What the warehouse does with the item and what it is still worth. */
	disposition(condition: Condition, value: number): [string, string] {
		const rng = this.rng;
		switch (condition) {
			case 'new':
			case 'like_new':
				return ['restock', rng.chance(0.15) ? '' : formatMoney(value)];
			case 'used':
				return rng.chance(0.4)
					? ['refurbish', this.worth(value, 0.3, 0.6)]
					: ['liquidate', this.worth(value, 0.15, 0.4)];
			case 'damaged':
				return rng.chance(0.5)
					? ['liquidate', this.worth(value, 0.1, 0.3)]
					: ['dispose', rng.chance(0.5) ? '0.00' : ''];
			case 'defective':
				return rng.chance(0.7)
					? ['return_to_vendor', this.worth(value, 0.6, 1)]
					: ['refurbish', this.worth(value, 0.2, 0.5)];
			case 'missing_parts':
				return ['refurbish', this.worth(value, 0.3, 0.7)];
			case 'wrong_item':
				return ['liquidate', this.worth(value, 0, 0.1)];
			case 'empty':
				return ['dispose', rng.chance(0.5) ? '0.00' : ''];
		}
	}

	/** A share lo..hi of the value, sometimes not recorded. */
	private worth(value: number, lo: number, hi: number): string {
		return this.rng.chance(0.08) ? '' : formatMoney(Math.floor(value * this.rng.uniform(lo, hi)));
	}
}
