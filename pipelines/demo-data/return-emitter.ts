/**
 * Turns an order's return intents into RMAs and everything that follows from them: the RMA
 * lines with reason code and comment, the inspection, the refund, and the comment's true theme.
 * How far each RMA got depends on how long ago it was created, relative to the export date.
 */
import { CATEGORY_SPECS, type Category } from './catalogue.ts';
import { DAY, formatTimestamp, NOW, type TimestampStyle } from './calendar.ts';
import { languageFor, writeComment } from './comments.ts';
import { csvField, countLineBreaks, type CsvFile } from './csv-writer.ts';
import { SIGNAL, type CustomerLedger } from './customer-ledger.ts';
import { NO_FAULT_NOTES, NOTES, SWITCH_NOTES, WORN_NOTES, type Condition } from './inspection-notes.ts';
import { col, type IssueLog } from './issues.ts';
import { formatMoney } from './money.ts';
import type { OrderLine, ReturnIntent, ReturnKind } from './order-line.ts';
import { cumulative, type Rng } from './prng.ts';
import { FAULT_CODES, isFaultTheme, isFitTheme, REASONS, THEME_CODE, type Theme } from './reasons.ts';
import type { RESOLUTIONS, RMA_STATUSES } from '../../src/lib/core/contract/entities.ts';

type Resolution = (typeof RESOLUTIONS)[number];
type Status = (typeof RMA_STATUSES)[number];

export interface ReturnFiles {
	rmas: CsvFile;
	inspections: CsvFile;
	refunds: CsvFile;
	labels: CsvFile;
}

/** Returns that carry a planted signal: each gets an RMA of its own. */
const SINGLE: ReadonlySet<ReturnKind> = new Set<ReturnKind>(['wardrobe', 'used', 'switch', 'claim', 'keep_it']);
const KEEPABLE: ReadonlySet<Theme> = new Set<Theme>(['defect', 'transit_damage', 'wrong_item', 'not_as_described', 'late_delivery']);
const FASHION: ReadonlySet<Category> = new Set<Category>(['apparel', 'shoes', 'accessories']);
/** Below this price (cents) a retailer may let the customer keep the item. */
const KEEP_IT_MAX_PRICE = 1500;

const SWITCH_NOTES_IN_BOX = SWITCH_NOTES.filter((n) => n !== 'box empty');
const GROUP_OF = new Map(REASONS.map((r) => [r.code, r.group]));
/** What customers click when the code does not match what they write. */
const CONTRADICTING = ['CHANGED_MIND', 'NOT_AS_DESCRIBED', 'DEFECT', 'SIZE_SMALL', 'SIZE_LARGE', 'WRONG_ITEM', 'DAMAGED', 'BETTER_PRICE'];
const CONTRADICTING_CUMULATIVE = cumulative([40, 20, 12, 8, 5, 5, 5, 5]);

const RMA = { rma_id: col('rmas', 'rma_id'), reason_text: col('rmas', 'reason_text') };
const INSPECTION_ID = col('inspections', 'inspection_id');
const REFUND_ID = col('refunds', 'refund_id');

interface Timeline {
	status: Status;
	statusAt: number;
	receivedAt: number;
	inspectedAt: number;
	refundedAt: number;
}

interface Finding {
	condition: Condition;
	defectConfirmed: '' | 'true' | 'false';
	itemMatches: '' | 'true' | 'false';
	notes: string;
}

export class ReturnEmitter {
	private rmaSeq = 1_000_000;
	private inspectionSeq = 1_000_000;
	private refundSeq = 1_000_000;

	constructor(
		private readonly rng: Rng,
		private readonly files: ReturnFiles,
		private readonly ledger: CustomerLedger,
		private readonly issues: IssueLog
	) {}

	emit(intents: readonly ReturnIntent[]): void {
		const rng = this.rng;
		const shared: ReturnIntent[] = [];
		for (const intent of intents) {
			if (SINGLE.has(intent.kind)) this.rma([intent]);
			else if (intent.kind === 'natural' && intent.quantity >= 2 && rng.chance(0.1)) {
				// Units of one line sent back in two parcels.
				const first = rng.range(1, intent.quantity - 1);
				this.rma([{ ...intent, quantity: first }]);
				this.rma([{ ...intent, quantity: intent.quantity - first }]);
			} else shared.push(intent);
		}
		if (shared.length === 0) return;
		if (shared.length === 1 || shared[0]?.kind === 'bracket' || rng.chance(0.7)) this.rma(shared);
		else for (const intent of shared) this.rma([intent]);
	}

	/** A refund without a return: goodwill after a complaint, or a chargeback by the bank. */
	goodwill(line: OrderLine): void {
		const rng = this.rng;
		const issuedAt = line.deliveredAt + Math.floor(rng.uniform(5, 40) * DAY);
		if (issuedAt >= NOW) return;
		const chargeback = rng.chance(0.3);
		const amount = chargeback ? line.quantity * line.unitPrice : Math.min(line.unitPrice, rng.range(5, 20) * 100);
		this.writeRefund(
			['', '', '', line.orderId, formatTimestamp(issuedAt), formatMoney(amount), chargeback ? 'original_payment' : rng.pick(['original_payment', 'gift_card', 'store_credit']), '', chargeback ? '15.00' : '', '', 'EUR'],
			line
		);
	}

	private rma(group: ReturnIntent[]): void {
		const rng = this.rng;
		const head = group[0] as ReturnIntent;
		let delivered = 0;
		for (const intent of group) delivered = Math.max(delivered, intent.line.deliveredAt);
		// Wardrobers keep the item as long as the return window allows.
		const delayDays = head.kind === 'wardrobe' ? rng.uniform(24, 29.5) : 2 + 27.5 * rng.next() ** 1.8;
		const createdAt = delivered + Math.floor(delayDays * DAY);
		if (createdAt >= NOW) return;

		const forced = group.some((i) => i.kind !== 'natural');
		const resolution = this.resolution(group);
		const returnChannel = this.returnChannel(head.line, resolution);
		const t = this.timeline(createdAt, resolution, returnChannel === 'store', forced);
		const rmaId = `RMA${++this.rmaSeq}`;
		const inspected = resolution !== 'keep_it' && (t.status === 'inspected' || t.status === 'refunded' || t.status === 'closed');
		const refunded = t.status === 'refunded' || t.status === 'closed';
		const createdStyle: TimestampStyle = rng.chance(0.9) ? 'iso' : 'space';

		for (let i = 0; i < group.length; i++) {
			const intent = group[i] as ReturnIntent;
			const line = intent.line;
			const spoilable = !line.planned && intent.kind === 'natural';
			const texted = rng.chance(0.75);
			const code = this.reasonCode(intent, texted);
			let language = '';
			let text = '';
			if (texted) {
				const written = languageFor(line.country, rng);
				language = written;
				text = writeComment(intent.theme, line.product.category, line.sku.variant, CATEGORY_SPECS[line.product.category].sized, written, rng);
			}
			const fields = [
				rmaId,
				line.lineId,
				rng.chance(0.95) ? line.orderId : '',
				rng.chance(0.9) ? line.customerId : '',
				formatTimestamp(createdAt, createdStyle),
				String(intent.quantity),
				code,
				csvField(text),
				resolution,
				t.status,
				rng.chance(0.97) ? formatTimestamp(t.statusAt) : '',
				returnChannel
			];
			const rmas = this.files.rmas;
			if (this.issues.badDue('rmas')) {
				const copy = [...fields];
				copy[RMA.rma_id] = `RMA${++this.rmaSeq}`;
				copy[RMA.reason_text] = '';
				rmas.add(this.issues.breakRow('rmas', copy, { orderedQuantity: line.quantity }, rmas.nextLine).join(','));
			}
			if (spoilable) this.issues.spoilOptional('rmas', fields, {}, rmas.nextLine);
			rmas.add(fields.join(','), texted ? countLineBreaks(text) : 0);
			if (texted) this.files.labels.add(`${rmaId},${line.lineId},${intent.theme},${language}`);

			if (inspected) this.inspect(intent, code, rmaId, t, spoilable);
			if (refunded) this.refund(intent, rmaId, resolution, returnChannel, i === 0, t.refundedAt, spoilable);
		}
	}

	private resolution(group: ReturnIntent[]): Resolution {
		const rng = this.rng;
		const head = group[0] as ReturnIntent;
		const category = head.line.product.category;
		if (head.kind === 'keep_it') return 'keep_it';
		if (head.kind === 'natural' && group.length === 1 && head.line.unitPrice <= KEEP_IT_MAX_PRICE && KEEPABLE.has(head.theme)) {
			if (rng.chance(0.5) && this.ledger.take(head.line.customer, SIGNAL.keepIt)) return 'keep_it';
		}
		if (SINGLE.has(head.kind)) return 'refund';
		const r = rng.next();
		if (category === 'electronics' && head.theme === 'defect' && r < 0.15) return 'repair';
		if (isFitTheme(head.theme) && CATEGORY_SPECS[category].sized) {
			if (r < 0.3) return 'exchange';
		} else if (r < 0.04) return 'exchange';
		return rng.chance(0.09) ? 'store_credit' : 'refund';
	}

	private returnChannel(line: OrderLine, resolution: Resolution): string {
		const rng = this.rng;
		if (resolution === 'keep_it') return rng.chance(0.5) ? 'email' : 'portal';
		if (line.channel === 'store') return rng.chance(0.7) ? 'store' : 'portal';
		if (line.channel === 'marketplace') return rng.chance(0.85) ? 'marketplace' : 'portal';
		const r = rng.next();
		return r < 0.82 ? 'portal' : r < 0.92 ? 'email' : 'store';
	}

	/** Milestones from the request on; the status is the last one reached before the export. */
	private timeline(createdAt: number, resolution: Resolution, inStore: boolean, forced: boolean): Timeline {
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
				t.refundedAt = resolution === 'exchange' ? this.after(t.inspectedAt, 1, 5) : this.after(t.inspectedAt, 7, 20);
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

	private reasonCode(intent: ReturnIntent, texted: boolean): string {
		const rng = this.rng;
		const own = THEME_CODE[intent.theme];
		if (intent.kind === 'claim') return own;
		if (texted && rng.chance(0.1)) return this.contradicting(intent);
		if (texted && rng.chance(0.02)) return '';
		if (rng.chance(0.03)) return 'OTHER';
		return own;
	}

	/** A code whose meaning differs from the comment's, as when a customer clicks the first option. */
	private contradicting(intent: ReturnIntent): string {
		const ownGroup = GROUP_OF.get(THEME_CODE[intent.theme]);
		for (let i = 0; i < 10; i++) {
			const code = CONTRADICTING[this.rng.weighted(CONTRADICTING_CUMULATIVE)] as string;
			if (GROUP_OF.get(code) === ownGroup) continue;
			// A fault claimed for an intact item is a claim mismatch: once per ordinary customer.
			if (FAULT_CODES.includes(code) && !isFaultTheme(intent.theme) && !this.ledger.take(intent.line.customer, SIGNAL.unconfirmedClaim)) continue;
			return code;
		}
		return intent.theme === 'changed_mind' ? 'NOT_AS_DESCRIBED' : 'CHANGED_MIND';
	}

	private findings(intent: ReturnIntent, code: string): Finding {
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
			if (faultCode && intent.kind === 'natural' && rng.chance(0.1) && this.ledger.take(customer, SIGNAL.unconfirmedClaim)) {
				return this.intact();
			}
			const condition: Condition = intent.theme === 'defect' ? 'defective' : 'damaged';
			return { condition, defectConfirmed: 'true', itemMatches: rng.chance(0.9) ? 'true' : '', notes: rng.chance(0.8) ? rng.pick(NOTES[condition]) : '' };
		}
		// The code claims a fault the comment does not mention (see contradicting): nothing is found.
		if (faultCode) return this.intact();
		const usedChance = FASHION.has(intent.line.product.category) ? 0.03 : 0.01;
		if (rng.chance(usedChance) && this.ledger.take(customer, SIGNAL.used)) return this.worn(NOTES.used);
		if (rng.chance(0.002) && this.ledger.take(customer, SIGNAL.switched)) return this.switched();
		const r = rng.next();
		const condition: Condition = r < 0.56 ? 'new' : r < 0.96 ? 'like_new' : r < 0.99 ? 'missing_parts' : 'damaged';
		return { condition, defectConfirmed: '', itemMatches: rng.chance(0.9) ? 'true' : '', notes: rng.chance(0.6) ? rng.pick(NOTES[condition]) : '' };
	}

	/** A claimed fault that inspection does not find. */
	private intact(): Finding {
		const rng = this.rng;
		return { condition: rng.chance(0.5) ? 'new' : 'like_new', defectConfirmed: 'false', itemMatches: 'true', notes: rng.pick(NO_FAULT_NOTES) };
	}

	private worn(notes: readonly string[]): Finding {
		return { condition: 'used', defectConfirmed: '', itemMatches: 'true', notes: this.rng.pick(notes) };
	}

	/** The box held something other than what was sold, or nothing. */
	private switched(): Finding {
		const rng = this.rng;
		const empty = rng.chance(0.35);
		return { condition: empty ? 'empty' : 'wrong_item', defectConfirmed: '', itemMatches: 'false', notes: empty ? 'box empty' : rng.pick(SWITCH_NOTES_IN_BOX) };
	}

	/** What the warehouse does with the item and what it is still worth. */
	private disposition(condition: Condition, value: number): [string, string] {
		const rng = this.rng;
		switch (condition) {
			case 'new':
			case 'like_new':
				return ['restock', rng.chance(0.15) ? '' : formatMoney(value)];
			case 'used':
				return rng.chance(0.4) ? ['refurbish', this.worth(value, 0.3, 0.6)] : ['liquidate', this.worth(value, 0.15, 0.4)];
			case 'damaged':
				return rng.chance(0.5) ? ['liquidate', this.worth(value, 0.1, 0.3)] : ['dispose', rng.chance(0.5) ? '0.00' : ''];
			case 'defective':
				return rng.chance(0.7) ? ['return_to_vendor', this.worth(value, 0.6, 1)] : ['refurbish', this.worth(value, 0.2, 0.5)];
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

	private inspect(intent: ReturnIntent, code: string, rmaId: string, t: Timeline, spoilable: boolean): void {
		const rng = this.rng;
		const line = intent.line;
		const f = this.findings(intent, code);
		const [disposition, recovery] = this.disposition(f.condition, intent.quantity * line.unitPrice);
		const fields = [
			`IN${++this.inspectionSeq}`,
			rmaId,
			line.lineId,
			rng.chance(0.95) ? formatTimestamp(t.receivedAt) : '',
			formatTimestamp(t.inspectedAt, rng.chance(0.92) ? 'iso' : 'space'),
			f.condition,
			f.defectConfirmed,
			f.itemMatches,
			disposition,
			recovery,
			csvField(f.notes)
		];
		const file = this.files.inspections;
		if (this.issues.badDue('inspections')) {
			const copy = [...fields];
			copy[INSPECTION_ID] = `IN${++this.inspectionSeq}`;
			file.add(this.issues.breakRow('inspections', copy, {}, file.nextLine).join(','));
		}
		if (spoilable) this.issues.spoilOptional('inspections', fields, {}, file.nextLine);
		file.add(fields.join(','));
	}

	private refund(intent: ReturnIntent, rmaId: string, resolution: Resolution, returnChannel: string, firstOfRma: boolean, issuedAt: number, spoilable: boolean): void {
		const rng = this.rng;
		const line = intent.line;
		const value = intent.quantity * line.unitPrice;
		let fee = 0;
		if ((resolution === 'refund' || resolution === 'store_credit') && rng.chance(intent.kind === 'wardrobe' ? 0.4 : 0.04)) {
			fee = Math.min(value, rng.chance(0.5) ? 500 : Math.round(value * 0.1));
		}
		const amount = resolution === 'repair' ? 0 : value - fee;
		let method: string;
		if (resolution === 'exchange' || resolution === 'store_credit') method = resolution;
		else if (returnChannel === 'store' && rng.chance(0.6)) method = 'cash';
		else method = rng.chance(0.05) ? 'gift_card' : 'original_payment';
		// One label per parcel, booked on the RMA's first line.
		const shipping = firstOfRma && returnChannel !== 'store' && resolution !== 'keep_it' ? rng.range(350, 690) : 0;
		const handling = resolution === 'keep_it' ? 0 : rng.range(150, 300);
		const fields = [
			'',
			rmaId,
			line.lineId,
			line.orderId,
			formatTimestamp(issuedAt, rng.chance(0.9) ? 'iso' : 'space'),
			formatMoney(amount),
			method,
			this.cost(shipping),
			this.cost(handling),
			this.cost(fee),
			rng.chance(0.97) ? 'EUR' : ''
		];
		this.writeRefund(fields, line, spoilable);
	}

	/** Exports often leave a zero cost empty rather than write 0.00. */
	private cost(cents: number): string {
		return cents === 0 && this.rng.chance(0.3) ? '' : formatMoney(cents);
	}

	private writeRefund(fields: string[], line: OrderLine, spoilable = !line.planned): void {
		const file = this.files.refunds;
		fields[REFUND_ID] = `RF${++this.refundSeq}`;
		if (this.issues.badDue('refunds')) {
			const copy = [...fields];
			copy[REFUND_ID] = `RF${++this.refundSeq}`;
			file.add(this.issues.breakRow('refunds', copy, {}, file.nextLine).join(','));
		}
		if (spoilable) this.issues.spoilOptional('refunds', fields, {}, file.nextLine);
		file.add(fields.join(','));
	}
}
