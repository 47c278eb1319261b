import {
	ENTITIES,
	ENTITY_NAMES,
	LOAD_ORDER,
	entityFromFileName,
	type ColumnSpec
} from '../../src/lib/core/contract/entities.ts';

/**
 * What a file can hold: one of the contract's entities, or a ledger (invoice lines whose negative quantities
 * are returns), which loads as orders and RMAs.
 */
export const SOURCE_ENTITIES = [...ENTITY_NAMES, 'ledger'] as const;
export type SourceEntity = (typeof SOURCE_ENTITIES)[number];

/** Dependency order of files in a folder: a ledger after the orders its returns may match. */
export const SOURCE_LOAD_ORDER: readonly SourceEntity[] = [...LOAD_ORDER.slice(0, 2), 'ledger', ...LOAD_ORDER.slice(2)];

export interface SourceColumn extends ColumnSpec {
	/** Read only to find the row's order line (order + SKU keys); not stored. */
	lookup?: boolean;
	/** Set after reading (a ledger's line ids), never read from the file. */
	derived?: boolean;
	/** An integer other than 0, negative allowed (a ledger's quantities). */
	signed?: boolean;
	/** When empty, the value of this other column (a ledger's sku is its product_id). */
	defaultFrom?: string;
}

export interface SourceSpec {
	name: SourceEntity;
	key: readonly string[];
	columns: readonly SourceColumn[];
}

const text = (name: string, required = false): SourceColumn => ({ name, type: 'string', required });
const lookup = (name: string): SourceColumn => ({ ...text(name), lookup: true });
const orderColumns = ENTITIES.orders.columns.filter((c) => c.name !== 'line_id');

/**
 * A ledger line: an order line with a signed quantity and no line id. The line id is derived from the order
 * and the line's position in it; the SKU defaults to the product.
 */
const LEDGER: SourceSpec = {
	name: 'ledger',
	key: ['line_id'],
	columns: [
		{ ...text('line_id'), derived: true },
		...orderColumns.map((c): SourceColumn => {
			if (c.name === 'sku') return { ...c, required: false, defaultFrom: 'product_id' };
			if (c.name === 'quantity') return { ...c, signed: true };
			return c;
		})
	]
};

/**
 * The columns read from a file of each entity: the contract's, plus the lookup columns that let an RMA,
 * inspection or refund name its order line by order and SKU instead of its line id.
 */
export function sourceSpec(entity: SourceEntity): SourceSpec {
	if (entity === 'ledger') return LEDGER;
	const spec = ENTITIES[entity];
	switch (entity) {
		case 'rmas':
		case 'refunds':
			return { ...spec, columns: [...spec.columns, lookup('sku')] };
		case 'inspections':
			return { ...spec, columns: [...spec.columns, lookup('order_id'), lookup('sku')] };
		default:
			return spec;
	}
}

/** Whether rows of the entity may name their order line by `order_id` and `sku` instead of `line_id`. */
export function keyedByOrderSku(entity: SourceEntity): entity is 'rmas' | 'inspections' | 'refunds' {
	return entity === 'rmas' || entity === 'inspections' || entity === 'refunds';
}

/** The entities whose rows carry an `order_id`, so order-level fields can be filled from the order's first row. */
export function hasOrderId(entity: SourceEntity): boolean {
	return sourceSpec(entity).columns.some((c) => c.name === 'order_id');
}

export function sourceEntityFromFileName(fileName: string): SourceEntity | undefined {
	const base = fileName.toLowerCase().replace(/^.*[\\/]/, '');
	return base.startsWith('ledger') ? 'ledger' : entityFromFileName(fileName);
}
