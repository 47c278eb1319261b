/**
 * The data contract (../shared/data-contract.md) as data: every entity, its columns, their types and
 * which are required or part of the key. Ingestion validates against this; the API and the UI take
 * enum values from here so the three never disagree.
 */

export const ENTITY_NAMES = ['orders', 'rmas', 'reasons', 'inspections', 'refunds'] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** Dependency order: references point to entities earlier in this list. */
export const LOAD_ORDER: readonly EntityName[] = ['reasons', 'orders', 'rmas', 'inspections', 'refunds'];

export const RMA_STATUSES = [
	'requested',
	'approved',
	'rejected',
	'in_transit',
	'received',
	'inspected',
	'refunded',
	'closed',
	'cancelled'
] as const;
/** Rejected and cancelled RMAs are not returns. */
/** RMA statuses of a return still under way: not yet refunded, closed, rejected or cancelled. */
export const OPEN_STATUSES = ['requested', 'approved', 'in_transit', 'received', 'inspected'] as const;
export const NON_RETURN_STATUSES = ['rejected', 'cancelled'] as const;
export const RESOLUTIONS = ['refund', 'exchange', 'store_credit', 'repair', 'keep_it'] as const;
export const REASON_GROUPS = [
	'fit',
	'defect',
	'damage',
	'not_as_described',
	'wrong_item',
	'late_delivery',
	'changed_mind',
	'better_price',
	'other'
] as const;
export const CONDITIONS = [
	'new',
	'like_new',
	'used',
	'damaged',
	'defective',
	'wrong_item',
	'empty',
	'missing_parts'
] as const;
export const DISPOSITIONS = ['restock', 'refurbish', 'liquidate', 'return_to_vendor', 'dispose'] as const;
export const REFUND_METHODS = ['original_payment', 'store_credit', 'gift_card', 'exchange', 'cash'] as const;

export type ColumnType = 'string' | 'timestamp' | 'integer' | 'money' | 'boolean' | 'enum';

export interface ColumnSpec {
	name: string;
	type: ColumnType;
	required: boolean;
	/** For enums: the allowed values (matched case-insensitively). */
	values?: readonly string[];
	/** Unknown enum values are kept as they are instead of rejecting the row. */
	open?: boolean;
	default?: string;
}

export interface EntitySpec {
	name: EntityName;
	key: readonly string[];
	columns: readonly ColumnSpec[];
}

const s = (name: string, required = false): ColumnSpec => ({ name, type: 'string', required });
const ts = (name: string, required = false): ColumnSpec => ({ name, type: 'timestamp', required });
const money = (name: string, required = false): ColumnSpec => ({ name, type: 'money', required });
const bool = (name: string): ColumnSpec => ({ name, type: 'boolean', required: false });
const en = (name: string, values: readonly string[], required = false): ColumnSpec => ({
	name,
	type: 'enum',
	required,
	values
});

export const ENTITIES: Record<EntityName, EntitySpec> = {
	orders: {
		name: 'orders',
		key: ['line_id'],
		columns: [
			s('line_id', true),
			s('order_id', true),
			ts('ordered_at', true),
			s('customer_id', true),
			s('customer_email'),
			s('address_key'),
			s('payment_key'),
			s('sku', true),
			s('product_id', true),
			s('product_name'),
			s('category'),
			s('variant'),
			s('supplier'),
			s('channel'),
			s('country'),
			{ name: 'quantity', type: 'integer', required: true },
			money('unit_price', true),
			{ ...s('currency'), default: 'EUR' },
			ts('delivered_at')
		]
	},
	rmas: {
		name: 'rmas',
		key: ['rma_id', 'line_id'],
		columns: [
			s('rma_id', true),
			s('line_id', true),
			s('order_id'),
			s('customer_id'),
			ts('created_at', true),
			{ name: 'quantity', type: 'integer', required: true },
			s('reason_code'),
			s('reason_text'),
			en('resolution', RESOLUTIONS),
			en('status', RMA_STATUSES, true),
			ts('status_at'),
			s('return_channel')
		]
	},
	reasons: {
		name: 'reasons',
		key: ['reason_code'],
		columns: [s('reason_code', true), s('label', true), en('reason_group', REASON_GROUPS)]
	},
	inspections: {
		name: 'inspections',
		key: ['inspection_id'],
		columns: [
			s('inspection_id', true),
			s('rma_id', true),
			s('line_id', true),
			ts('received_at'),
			ts('inspected_at', true),
			en('condition', CONDITIONS, true),
			bool('defect_confirmed'),
			bool('item_matches'),
			en('disposition', DISPOSITIONS, true),
			money('recovery_value'),
			s('notes')
		]
	},
	refunds: {
		name: 'refunds',
		key: ['refund_id'],
		columns: [
			s('refund_id', true),
			s('rma_id'),
			s('line_id'),
			s('order_id', true),
			ts('issued_at', true),
			money('amount', true),
			en('method', REFUND_METHODS, true),
			{ ...money('return_shipping_cost'), default: '0' },
			{ ...money('handling_cost'), default: '0' },
			{ ...money('restocking_fee'), default: '0' },
			{ ...s('currency'), default: 'EUR' }
		]
	}
};

/** Which entity a file holds, from its name (`orders-2025.csv.gz` → orders). */
export function entityFromFileName(fileName: string): EntityName | undefined {
	const base = fileName.toLowerCase().replace(/^.*[\\/]/, '');
	return ENTITY_NAMES.find((e) => base.startsWith(e));
}
