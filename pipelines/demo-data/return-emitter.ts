/**
 * Turns an order's return intents into RMAs and everything that follows from them: the RMA
 * lines with reason code and comment, the inspection, the refund, and the comment's true theme.
 * How far each RMA got depends on how long ago it was created, relative to the export date.
 * How an RMA is settled and when it passes each milestone is decided in rma-lifecycle.ts, what
 * the inspection finds in inspection-findings.ts; this file picks the reason codes and comments
 * and writes the rows.
 */
import { DAY, formatTimestamp, NOW, type TimestampStyle } from './calendar.ts';
import type { PhraseBank } from './comment-fragments.ts';
import { languageFor, writeComment } from './comments.ts';
import { csvField, countLineBreaks, type CsvFile } from './csv-writer.ts';
import { SIGNAL, type CustomerLedger } from './customer-ledger.ts';
import { InspectionFindings } from './inspection-findings.ts';
import { col, type IssueLog } from './issues.ts';
import { formatMoney } from './money.ts';
import type { OrderLine, ReturnIntent } from './order-line.ts';
import { cumulative, type Rng } from './prng.ts';
import { FAULT_CODES, isFaultTheme, REASONS, THEME_CODE } from './reasons.ts';
import { RmaLifecycle, SINGLE, type Resolution, type Timeline } from './rma-lifecycle.ts';

export interface ReturnFiles {
	rmas: CsvFile;
	inspections: CsvFile;
	refunds: CsvFile;
	labels: CsvFile;
}

const GROUP_OF = new Map(REASONS.map((r) => [r.code, r.group]));
/** What customers click when the code does not match what they write. */
const CONTRADICTING = [
	'CHANGED_MIND',
	'NOT_AS_DESCRIBED',
	'DEFECT',
	'SIZE_SMALL',
	'SIZE_LARGE',
	'WRONG_ITEM',
	'DAMAGED',
	'BETTER_PRICE'
];
const CONTRADICTING_CUMULATIVE = cumulative([40, 20, 12, 8, 5, 5, 5, 5]);

const RMA = { rma_id: col('rmas', 'rma_id'), reason_text: col('rmas', 'reason_text') };
const INSPECTION_ID = col('inspections', 'inspection_id');
const REFUND_ID = col('refunds', 'refund_id');

export class ReturnEmitter {
	private rmaSeq = 1_000_000;
	private inspectionSeq = 1_000_000;
	private refundSeq = 1_000_000;
	private readonly lifecycle: RmaLifecycle;
	private readonly inspection: InspectionFindings;

	constructor(
		private readonly rng: Rng,
		private readonly files: ReturnFiles,
		private readonly ledger: CustomerLedger,
		private readonly issues: IssueLog,
		private readonly phrases: PhraseBank = 'standard'
	) {
		this.lifecycle = new RmaLifecycle(rng, ledger);
		this.inspection = new InspectionFindings(rng, ledger);
	}

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
			[
				'',
				'',
				'',
				line.orderId,
				formatTimestamp(issuedAt),
				formatMoney(amount),
				chargeback ? 'original_payment' : rng.pick(['original_payment', 'gift_card', 'store_credit']),
				'',
				chargeback ? '15.00' : '',
				'',
				'EUR'
			],
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
		const resolution = this.lifecycle.resolution(group);
		const returnChannel = this.lifecycle.returnChannel(head.line, resolution);
		const t = this.lifecycle.timeline(createdAt, resolution, returnChannel === 'store', forced);
		const rmaId = `RMA${++this.rmaSeq}`;
		const inspected =
			resolution !== 'keep_it' && (t.status === 'inspected' || t.status === 'refunded' || t.status === 'closed');
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
				text = writeComment(
					intent.theme,
					line.product.category,
					line.sku.variant,
					line.product.sized,
					written,
					rng,
					this.phrases
				);
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
				rmas.add(
					this.issues.breakRow('rmas', copy, { orderedQuantity: line.quantity }, rmas.nextLine).join(',')
				);
			}
			if (spoilable) this.issues.spoilOptional('rmas', fields, {}, rmas.nextLine);
			rmas.add(fields.join(','), texted ? countLineBreaks(text) : 0);
			if (texted) this.files.labels.add(`${rmaId},${line.lineId},${intent.theme},${language}`);

			if (inspected) this.inspect(intent, code, rmaId, t, spoilable);
			if (refunded) this.refund(intent, rmaId, resolution, returnChannel, i === 0, t.refundedAt, spoilable);
		}
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
			if (
				FAULT_CODES.includes(code) &&
				!isFaultTheme(intent.theme) &&
				!this.ledger.take(intent.line.customer, SIGNAL.unconfirmedClaim)
			)
				continue;
			return code;
		}
		return intent.theme === 'changed_mind' ? 'NOT_AS_DESCRIBED' : 'CHANGED_MIND';
	}
	private inspect(intent: ReturnIntent, code: string, rmaId: string, t: Timeline, spoilable: boolean): void {
		const rng = this.rng;
		const line = intent.line;
		const f = this.inspection.findings(intent, code);
		const [disposition, recovery] = this.inspection.disposition(f.condition, intent.quantity * line.unitPrice);
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

	private refund(
		intent: ReturnIntent,
		rmaId: string,
		resolution: Resolution,
		returnChannel: string,
		firstOfRma: boolean,
		issuedAt: number,
		spoilable: boolean
	): void {
		const rng = this.rng;
		const line = intent.line;
		const value = intent.quantity * line.unitPrice;
		let fee = 0;
		if (
			(resolution === 'refund' || resolution === 'store_credit') &&
			rng.chance(intent.kind === 'wardrobe' ? 0.4 : 0.04)
		) {
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
