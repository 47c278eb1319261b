import type { StoredStep } from '../../core/store/stored-table.ts';
import { storeWholeScope } from '../../core/store/whole-scope.ts';
import { STORED, overall, perSupplier } from './suppliers-sql.ts';

/**
 * The figures of every supplier and their totals over the whole scope: the unfiltered view, which the
 * Suppliers page opens with, then reads two small tables. Read from the product cells whatever
 * rate_cells_exact says: that guards counts of distinct orders, and these figures are sums of units
 * (and products counted distinct), which the cells hold exactly. An incremental refresh builds them
 * whole too, from the cells it has brought up to date: 0.1–0.25 s for both at 10 M order lines on two
 * busy cores, where keeping each supplier's top products in step with a delta would cost about as much.
 */
const suppliers = storeWholeScope(STORED.suppliers, (params) => perSupplier({}, true, params));
const totals = storeWholeScope(STORED.totals, (params) => overall({}, true, params));

export const SUPPLIERS_STORED: StoredStep[] = [
	{
		stage: 'views',
		statements: [suppliers.statement, totals.statement],
		tables: [
			{
				name: STORED.suppliers,
				grain: 'a supplier: units, returns, defects and value lost over everything',
				columns: [
					'key',
					'sold_units',
					'returned_units',
					'defect_returned_units',
					'products',
					'confirmed_defects',
					'value_lost',
					'top_defect_products'
				],
				answers: '/api/suppliers without filters',
				check: suppliers.check
			},
			{
				name: STORED.totals,
				grain: 'one row: the same figures over every supplier',
				columns: [
					'key',
					'sold_units',
					'returned_units',
					'defect_returned_units',
					'products',
					'confirmed_defects',
					'value_lost',
					'top_defect_products'
				],
				answers: 'the totals of /api/suppliers without filters',
				check: totals.check
			}
		]
	}
];
