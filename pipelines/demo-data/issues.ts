/**
 * Deliberately broken rows, about one in 2,000 per file and at least a few in each, plus a rarer
 * kind of row whose only fault is an optional field. Ingestion tests check every one is handled
 * as the contract says, so each is logged with its file, line and what is wrong with it.
 */
import { ENTITIES, type EntityName } from '../../src/lib/core/contract/entities.ts';
import { DAY, formatTimestamp } from './calendar.ts';
import type { Rng } from './prng.ts';
import type { RowIssue } from './truth.ts';

/** What a broken row may need to know about the row it was copied from. */
export interface RowContext {
	orderedAt?: number;
	orderedQuantity?: number;
}

interface IssueKind {
	kind: string;
	column: string;
	value: (fields: string[], ctx: RowContext, rng: Rng) => string;
	/** Only rows where the column holds something can be spoiled this way. */
	needsValue?: boolean;
}

const set = (value: string) => () => value;

const BAD: Partial<Record<EntityName, IssueKind[]>> = {
	orders: [
		{ kind: 'negative_unit_price', column: 'unit_price', value: (f) => `-${f[col('orders', 'unit_price')]}` },
		{ kind: 'zero_quantity', column: 'quantity', value: set('0') },
		{ kind: 'non_integer_quantity', column: 'quantity', value: set('1.5') },
		{ kind: 'unparsable_ordered_at', column: 'ordered_at', value: set('31/02/2025 25:61') },
		{ kind: 'missing_line_id', column: 'line_id', value: set('') },
		{ kind: 'missing_order_id', column: 'order_id', value: set('') },
		{ kind: 'missing_customer_id', column: 'customer_id', value: set('') },
		{ kind: 'missing_sku', column: 'sku', value: set('') }
	],
	rmas: [
		{
			kind: 'unknown_status',
			column: 'status',
			value: (_f, _c, rng) => rng.pick(['lost', 'on_hold', 'refund_pending'])
		},
		{ kind: 'missing_status', column: 'status', value: set('') },
		{ kind: 'missing_rma_id', column: 'rma_id', value: set('') },
		{ kind: 'missing_line_id', column: 'line_id', value: set('') },
		{ kind: 'zero_quantity', column: 'quantity', value: set('0') },
		{ kind: 'unparsable_created_at', column: 'created_at', value: set('2025-14-03 10:00') },
		{
			kind: 'quantity_exceeds_ordered',
			column: 'quantity',
			value: (_f, ctx) => String((ctx.orderedQuantity ?? 1) + 2)
		}
	],
	inspections: [
		{
			kind: 'unknown_condition',
			column: 'condition',
			value: (_f, _c, rng) => rng.pick(['scratched', 'ok', 'b-ware'])
		},
		{ kind: 'unknown_disposition', column: 'disposition', value: (_f, _c, rng) => rng.pick(['resell', 'donate']) },
		{ kind: 'unparsable_inspected_at', column: 'inspected_at', value: set('tomorrow') },
		{ kind: 'missing_inspection_id', column: 'inspection_id', value: set('') },
		{ kind: 'missing_rma_id', column: 'rma_id', value: set('') },
		{ kind: 'missing_condition', column: 'condition', value: set('') }
	],
	refunds: [
		{ kind: 'negative_amount', column: 'amount', value: (f) => `-${f[col('refunds', 'amount')]}` },
		{ kind: 'non_numeric_amount', column: 'amount', value: set('"12,50 EUR"') },
		{ kind: 'unknown_method', column: 'method', value: (_f, _c, rng) => rng.pick(['paypal', 'klarna', 'voucher']) },
		{ kind: 'missing_order_id', column: 'order_id', value: set('') },
		{ kind: 'unparsable_issued_at', column: 'issued_at', value: set('soon') },
		{ kind: 'missing_refund_id', column: 'refund_id', value: set('') }
	]
};

const INVALID_OPTIONAL: Partial<Record<EntityName, IssueKind[]>> = {
	orders: [
		{
			kind: 'delivered_before_ordered',
			column: 'delivered_at',
			needsValue: true,
			value: (_f, ctx, rng) => formatTimestamp((ctx.orderedAt ?? 0) - rng.range(1, 3) * DAY)
		},
		{ kind: 'unparsable_delivered_at', column: 'delivered_at', value: set('next week') }
	],
	rmas: [{ kind: 'unparsable_status_at', column: 'status_at', value: set('pending') }],
	inspections: [
		{
			kind: 'negative_recovery_value',
			column: 'recovery_value',
			needsValue: true,
			value: (f) => `-${f[col('inspections', 'recovery_value')]}`
		},
		{ kind: 'unparsable_received_at', column: 'received_at', value: set('n/a yet') }
	],
	refunds: [
		{
			kind: 'negative_handling_cost',
			column: 'handling_cost',
			needsValue: true,
			value: (f) => `-${f[col('refunds', 'handling_cost')]}`
		},
		{
			kind: 'negative_return_shipping_cost',
			column: 'return_shipping_cost',
			needsValue: true,
			value: (f) => `-${f[col('refunds', 'return_shipping_cost')]}`
		}
	]
};

const COLUMN_INDEX = new Map<string, number>(
	Object.values(ENTITIES).flatMap((e) => e.columns.map((c, i) => [`${e.name}.${c.name}`, i] as [string, number]))
);

/** Position of a contract column in its entity's rows. */
export function col(entity: EntityName, column: string): number {
	const i = COLUMN_INDEX.get(`${entity}.${column}`);
	if (i === undefined) throw new Error(`no column ${entity}.${column}`);
	return i;
}

// First few issues come early so small files get some too; after that, the long-run rate.
const EARLY_BAD: [number, number] = [5, 150];
const LATER_BAD: [number, number] = [1000, 3000];
const EARLY_INVALID: [number, number] = [40, 400];
const LATER_INVALID: [number, number] = [3000, 9000];

class Countdown {
	private left: number;
	/** Issues made so far. */
	fired = 0;

	constructor(
		private readonly rng: Rng,
		private readonly early: [number, number],
		private readonly later: [number, number],
		private readonly earlyCount: number
	) {
		this.left = rng.range(...early);
	}

	/** Counts one row; true when the next issue is due (stays due until `reset`). */
	tick(): boolean {
		if (this.left > 0) this.left--;
		return this.left === 0;
	}

	reset(): void {
		this.fired++;
		this.left = this.rng.range(...(this.fired < this.earlyCount ? this.early : this.later));
	}

	/** Every kind once, in turn, so even a small file has each; then at random. */
	kind(kinds: readonly IssueKind[]): IssueKind {
		return (this.fired < kinds.length ? kinds[this.fired] : this.rng.pick(kinds)) as IssueKind;
	}
}

export class IssueLog {
	readonly badRows: RowIssue[] = [];
	readonly invalidOptional: RowIssue[] = [];
	private readonly bad = new Map<EntityName, Countdown>();
	private readonly invalid = new Map<EntityName, Countdown>();

	constructor(private readonly rng: Rng) {
		for (const entity of ['orders', 'rmas', 'inspections', 'refunds'] as const) {
			this.bad.set(entity, new Countdown(rng, EARLY_BAD, LATER_BAD, 3));
			this.invalid.set(entity, new Countdown(rng, EARLY_INVALID, LATER_INVALID, 2));
		}
	}

	/**
	 * Called once per valid row about to be written: whether a broken row is due before it. If so,
	 * the caller copies the row with a fresh key (so it never overwrites a valid row) and passes
	 * the copy to `breakRow`.
	 */
	badDue(entity: EntityName): boolean {
		return this.bad.get(entity)?.tick() ?? false;
	}

	/** Breaks one required field of `copy` and logs it at `line`, where the caller writes it. */
	breakRow(entity: EntityName, copy: string[], ctx: RowContext, line: number): string[] {
		const countdown = this.bad.get(entity);
		if (!countdown) throw new Error(`no broken rows for ${entity}`);
		const issue = countdown.kind(BAD[entity] ?? []);
		countdown.reset();
		copy[col(entity, issue.column)] = issue.value(copy, ctx, this.rng);
		this.badRows.push({ file: `${entity}.csv`, line, kind: issue.kind, column: issue.column });
		return copy;
	}

	/** Spoils one optional field of a row when due and the row allows it; logs it at `line`. */
	spoilOptional(entity: EntityName, fields: string[], ctx: RowContext, line: number): void {
		const countdown = this.invalid.get(entity);
		if (!countdown?.tick()) return;
		const issue = countdown.kind(INVALID_OPTIONAL[entity] ?? []);
		const i = col(entity, issue.column);
		if (issue.needsValue && !fields[i]) return;
		countdown.reset();
		fields[i] = issue.value(fields, ctx, this.rng);
		this.invalidOptional.push({ file: `${entity}.csv`, line, kind: issue.kind, column: issue.column });
	}

	logBad(file: string, line: number, kind: string, column: string): void {
		this.badRows.push({ file, line, kind, column });
	}
}
