import { z } from 'zod';
import { filterShape, listShape, querySchema, DEFAULT_MIN_UNITS } from '../../core/filters/filters.ts';

export const SUPPLIER_SORT_COLUMNS = [
	'defect_return_rate',
	'unit_return_rate',
	'ci_low',
	'ci_high',
	'sold_units',
	'returned_units',
	'defect_returned_units',
	'confirmed_defects',
	'value_lost',
	'products',
	'key'
] as const;

/** How many products are named as driving a supplier's defect returns. */
export const TOP_DEFECT_PRODUCTS = 3;

export const suppliersQuery = querySchema({
	...filterShape,
	...listShape(SUPPLIER_SORT_COLUMNS),
	minUnits: z.coerce.number().int().min(1).default(DEFAULT_MIN_UNITS)
});

export const SUPPLIER_DEFINITIONS = {
	period:
		'rates, units and confirmed defects for the order lines ordered in the period (a cohort view); ' +
		'value lost for inspections in the period (a cost: by inspected_at)',
	sold_units: 'units of the supplier’s order lines',
	returned_units: 'units of those lines returned (RMAs not rejected or cancelled), never more than sold',
	unit_return_rate: 'returned_units / sold_units',
	ci_low: 'lower bound of the 95% Wilson interval of the unit return rate',
	ci_high: 'upper bound of the 95% Wilson interval of the unit return rate',
	low_sample: 'fewer sold units than minUnits; never ranked above a supplier with enough data',
	defect_returned_units:
		'returned units whose reason group is defect or damage, or whose inspection confirmed a defect or found ' +
		'the item defective/damaged',
	defect_return_rate: 'defect_returned_units / sold_units',
	confirmed_defects: 'inspected RMA lines whose (latest) inspection has defect_confirmed = true',
	value_lost: 'Σ over inspected RMA lines of returned units × unit_price − recovery_value',
	products: 'distinct products sold',
	top_defect_products: `the ${TOP_DEFECT_PRODUCTS} products with the most defect-driven returned units`,
	none: 'key (none): order lines without a supplier'
} as const;

export interface DefectProduct {
	product_id: string;
	product_name: string | null;
	defect_returned_units: number;
}

export interface SupplierRow {
	key: string;
	label: string;
	sold_units: number;
	returned_units: number;
	unit_return_rate: number | null;
	ci_low: number | null;
	ci_high: number | null;
	low_sample: boolean;
	defect_returned_units: number;
	defect_return_rate: number | null;
	confirmed_defects: number;
	/** Exact decimal string. */
	value_lost: string;
	products: number;
	/** A list in JSON; JSON text in CSV and Arrow exports. */
	top_defect_products: DefectProduct[];
}

export type SupplierTotals = Omit<SupplierRow, 'key' | 'label' | 'low_sample'>;
