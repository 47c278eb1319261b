import type { Filters } from '../../core/filters/filters.ts';
import { TOP_DEFECT_PRODUCTS } from './suppliers.ts';
import type { SqlParams } from '../../core/db/sql-params.ts';
import { storedOrLive } from '../../core/filters/filter-sql.ts';
import { LOSS_CELLS, REASON_CELLS, rateSource, sumsSource } from '../../core/cells/rate-source-sql.ts';
import { rate, wilsonSql } from '../../core/sql/rate-sql.ts';

/**
 * Supplier figures are sums per supplier and product, so the product cells answer them when the filters
 * allow; confirmed defects and value lost are sums of reason and loss cells. `columns` are the ones `key`
 * reads. One row per key, before the rates and the low-sample flag are derived from them.
 */
function supplierFiguresSql(
	key: string,
	columns: string[],
	filters: Filters,
	exact: boolean,
	params: SqlParams
): string {
	return `
WITH lines AS (SELECT ${key} AS key, * FROM (${rateSource('product', filters, exact, params).sql})),
sold AS (
  SELECT key, sum(sold_units) AS sold_units, sum(returned_units) AS returned_units,
    sum(defect_returned_units) AS defect_returned_units, count(DISTINCT product_id) AS products
  FROM lines GROUP BY key
),
confirmed AS (
  SELECT ${key} AS key, sum(confirmed_defects) AS confirmed_defects
  FROM (${sumsSource(columns, filters, params, REASON_CELLS).sql}) GROUP BY 1
),
lost AS (
  SELECT ${key} AS key, sum(value_lost) AS value_lost
  FROM (${sumsSource(columns, filters, params, LOSS_CELLS).sql}) GROUP BY 1
),
product_defects AS (
  SELECT key, product_id, any_value(product_name) AS product_name, sum(defect_returned_units) AS units
  FROM lines GROUP BY key, product_id HAVING sum(defect_returned_units) > 0
  QUALIFY row_number() OVER (PARTITION BY key ORDER BY units DESC, product_id) <= ${params.add(TOP_DEFECT_PRODUCTS)}
),
drivers AS (
  SELECT key,
    list({'product_id': product_id, 'product_name': product_name, 'defect_returned_units': units::INTEGER}
      ORDER BY units DESC, product_id) AS top_defect_products
  FROM product_defects GROUP BY key
)
SELECT key, coalesce(s.sold_units, 0) AS sold_units, coalesce(s.returned_units, 0) AS returned_units,
  coalesce(s.defect_returned_units, 0) AS defect_returned_units, coalesce(s.products, 0) AS products,
  coalesce(c.confirmed_defects, 0) AS confirmed_defects, coalesce(l.value_lost, 0) AS value_lost, d.top_defect_products
FROM sold s FULL JOIN lost l USING (key) LEFT JOIN confirmed c USING (key) LEFT JOIN drivers d USING (key)`;
}

/** A supplier's row (or the totals' row) from its figures. */
function supplierRowsSql(figures: string, minUnits: number, params: SqlParams): string {
	return `
SELECT key, key AS label, sold_units::INTEGER AS sold_units, returned_units::INTEGER AS returned_units,
  ${rate('returned_units', 'sold_units')} AS unit_return_rate,
  ${wilsonSql('returned_units', 'sold_units', '-')} AS ci_low,
  ${wilsonSql('returned_units', 'sold_units', '+')} AS ci_high,
  sold_units < ${params.add(minUnits)} AS low_sample,
  defect_returned_units::INTEGER AS defect_returned_units,
  ${rate('defect_returned_units', 'sold_units')} AS defect_return_rate,
  confirmed_defects::INTEGER AS confirmed_defects, CAST(value_lost AS DECIMAL(18, 2)) AS value_lost,
  products::INTEGER AS products,
  coalesce(top_defect_products, []) AS top_defect_products
FROM (${figures})`;
}

export const perSupplier = (filters: Filters, exact: boolean, params: SqlParams) =>
	supplierFiguresSql(`coalesce(supplier, '(none)')`, ['supplier'], filters, exact, params);

export const overall = (filters: Filters, exact: boolean, params: SqlParams) =>
	supplierFiguresSql(`'total'`, [], filters, exact, params);

/** The unfiltered view's figures, stored at ingest (suppliers-store.ts). */
export const STORED = { suppliers: 'supplier_figures', totals: 'supplier_totals' } as const;

/**
 * Per supplier: one row for every supplier with order lines or inspections in scope, unordered. A
 * supplier that only had inspections in the period shows its value lost with no sold units.
 */
export function buildSuppliersSql(filters: Filters, minUnits: number, exact: boolean, params: SqlParams): string {
	return supplierRowsSql(
		storedOrLive(filters, STORED.suppliers, () => perSupplier(filters, exact, params)),
		minUnits,
		params
	);
}

/** The same figures over the whole scope, for the answer's meta: one row. */
export function buildSupplierTotalsSql(filters: Filters, exact: boolean, params: SqlParams): string {
	const figures = storedOrLive(filters, STORED.totals, () => overall(filters, exact, params));
	return `SELECT * EXCLUDE (key, label, low_sample) FROM (${supplierRowsSql(figures, 1, params)})`;
}
