import { z } from 'zod';
import { REFUND_METHODS } from '../../core/contract/entities.ts';
import { filterShape, listShape, querySchema } from '../../core/filters/filters.ts';

export type RefundMethod = (typeof REFUND_METHODS)[number];

export const REFUND_DIMENSIONS = ['method', 'category', 'product', 'supplier', 'reason_group', 'month'] as const;
export type RefundDimension = (typeof REFUND_DIMENSIONS)[number];

/** One column per refund method, so a row reads like a ledger line. */
export const REFUNDED_BY_METHOD = REFUND_METHODS.map((method) => `refunded_${method}` as const);

export const REFUND_SORT_COLUMNS = [
	'net_return_cost',
	'refunded',
	...REFUNDED_BY_METHOD,
	'processing_cost',
	'fees_recovered',
	'value_lost',
	'sold_value',
	'net_cost_share',
	'refunds',
	'inspected_lines',
	'key',
	'label'
] as const;

export const refundBreakdownQuery = querySchema({
	...filterShape,
	...listShape(REFUND_SORT_COLUMNS),
	by: z.enum(REFUND_DIMENSIONS).default('method')
});

export const REFUND_DEFINITIONS = {
	period:
		'each cost by its own timestamp: refunds and their costs by issued_at, value lost by inspected_at; ' +
		'sold value by ordered_at',
	refunded: 'Σ refunds.amount (refunded_<method>: the part paid out by that method)',
	processing_cost: 'Σ return_shipping_cost + Σ handling_cost',
	fees_recovered: 'Σ restocking_fee charged to customers',
	value_lost:
		'Σ over inspected RMA lines (latest inspection) of returned units × unit_price − recovery_value ' +
		'(default: full value for restock, otherwise 0); null when grouping by method, which inspections do not have',
	net_return_cost: 'processing_cost − fees_recovered + value_lost; null when grouping by method',
	sold_value:
		'Σ sold units × unit_price of the group’s order lines ordered in the period; for method and reason_group, ' +
		'which order lines do not have, the sold value of the whole scope',
	net_cost_share: 'net_return_cost / sold_value',
	refunds: 'refund bookings issued in the period',
	inspected_lines: 'inspected RMA lines in the period; null when grouping by method',
	none:
		'key (none): refunds that name no order line (goodwill, chargebacks) or lines without a value for the ' +
		'dimension',
	reason_group:
		'the reason group of the refund’s RMA line: no_return for refunds without an RMA, other when the RMA gives ' +
		'no known reason',
	returns: 'RMAs with status rejected or cancelled are not returns: their inspections lose no value'
} as const;

export type RefundedByMethod = Record<(typeof REFUNDED_BY_METHOD)[number], string>;

/** Money fields are exact decimal strings (`"12.30"`). */
export type RefundFigures = RefundedByMethod & {
	refunds: number;
	inspected_lines: number | null;
	refunded: string;
	processing_cost: string;
	fees_recovered: string;
	value_lost: string | null;
	net_return_cost: string | null;
	sold_value: string;
	net_cost_share: number | null;
};

export type RefundBreakdownRow = RefundFigures & { key: string; label: string };

export type RefundTotals = RefundFigures & { inspected_lines: number; value_lost: string; net_return_cost: string };
