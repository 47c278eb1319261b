import { z } from 'zod';
import { CONDITIONS, DISPOSITIONS } from '../../core/contract/entities.ts';
import { filterShape, listShape, querySchema } from '../../core/filters/filters.ts';

export type Disposition = (typeof DISPOSITIONS)[number];
export type Condition = (typeof CONDITIONS)[number];

export const RECOVERY_DIMENSIONS = [
	'disposition',
	'condition',
	'category',
	'product',
	'supplier',
	'reason_group',
	'month'
] as const;
export type RecoveryDimension = (typeof RECOVERY_DIMENSIONS)[number];

/** Dispositions whose items are sold again: as they are, or after refurbishing. */
export const RESELLABLE: readonly Disposition[] = ['restock', 'refurbish'];

/** One share column per disposition and per condition, so a row reads like the warehouse's tally. */
export const DISPOSITION_SHARES = DISPOSITIONS.map((d) => `${d}_share` as const);
export const CONDITION_SHARES = CONDITIONS.map((c) => `condition_${c}_share` as const);

export const RECOVERY_SORT_COLUMNS = [
	'recovery_value',
	'recovery_rate',
	'value_lost',
	'refunded',
	'returned_value',
	'inspected_lines',
	'inspected_units',
	'resellable_share',
	'category_resellable_share',
	...DISPOSITION_SHARES,
	...CONDITION_SHARES,
	'median_days_receipt_to_inspection',
	'key',
	'label'
] as const;

export const recoveryQuery = querySchema({
	...filterShape,
	...listShape(RECOVERY_SORT_COLUMNS),
	by: z.enum(RECOVERY_DIMENSIONS).default('disposition')
});

export const BACKLOG_SORT_COLUMNS = [
	'age_days',
	'returned_value',
	'refunded',
	'units',
	'received_at',
	'product_id',
	'category',
	'supplier'
] as const;

export const backlogQuery = querySchema({ ...filterShape, ...listShape(BACKLOG_SORT_COLUMNS) });

export const RECOVERY_DEFINITIONS = {
	period:
		'RMA lines inspected in the period (by the latest inspection’s inspected_at); RMAs rejected or cancelled ' +
		'are not returns',
	unit: 'an inspected RMA line, with its latest inspection',
	inspected_lines: 'RMA lines with an inspection',
	inspected_units: 'units of those lines',
	returned_value: 'Σ returned units × unit_price of those lines',
	refunded: 'Σ refunds.amount booked against those RMA lines, whenever issued',
	recovery_value:
		'Σ recovery_value of the latest inspections; without one, the full value of the returned units for ' +
		'restock, 0 for any other disposition',
	recovery_rate: 'recovery_value / refunded; empty when nothing was refunded',
	value_lost: 'returned_value − recovery_value',
	resellable_share: 'units restocked or refurbished / inspected units',
	category_resellable_share:
		'the resellable share of the product’s category under the same filters, for comparison (by product and ' +
		'category; else empty)',
	'<disposition>_share': 'units sent to that disposition / inspected units',
	'condition_<condition>_share': 'units found in that condition / inspected units',
	median_days_receipt_to_inspection:
		'median of inspected_at − received_at in days, over the lines whose inspection records received_at; the ' +
		'data has no time of the disposition decision, which is made at inspection',
	none: 'key (none): lines without a value for the dimension'
} as const;

export const BACKLOG_DEFINITIONS = {
	period: 'RMA lines received in the period (by received_at)',
	rows: 'RMA lines with status received and no inspection yet: the warehouse’s backlog',
	received_at: 'when the RMA’s status became received (status_at), else when the RMA was created',
	age_days: 'whole days from received_at to as_of, the newest event in the data (order, RMA or refund)',
	units: 'returned units of the line',
	returned_value: 'units × unit_price',
	refunded: 'Σ refunds.amount already booked against the line'
} as const;

export type DispositionShares = Record<(typeof DISPOSITION_SHARES)[number], number | null>;
export type ConditionShares = Record<(typeof CONDITION_SHARES)[number], number | null>;

/** Money fields are exact decimal strings (`"12.30"`); shares and rates are numbers. */
export type RecoveryFigures = DispositionShares &
	ConditionShares & {
		inspected_lines: number;
		inspected_units: number;
		returned_value: string;
		refunded: string;
		recovery_value: string;
		recovery_rate: number | null;
		value_lost: string;
		resellable_share: number | null;
		median_days_receipt_to_inspection: number | null;
	};

export type RecoveryRow = RecoveryFigures & {
	key: string;
	label: string;
	/** The product's category (by product), the category itself (by category), else null. */
	category: string | null;
	category_resellable_share: number | null;
};

export interface BacklogRow {
	rma_id: string;
	line_id: string;
	product_id: string;
	product_name: string | null;
	sku: string;
	category: string | null;
	supplier: string | null;
	/** ISO 8601, UTC. */
	received_at: string;
	age_days: number;
	units: number;
	returned_value: string;
	refunded: string;
}

/** The backlog's totals over every listed line, in the answer's meta. */
export interface BacklogTotals {
	units: number;
	returned_value: string;
	refunded: string;
	max_age_days: number | null;
}
