import { buildCellDeltaSql } from '../cells/cell-delta-sql.ts';
import { buildInParts } from './build-in-parts.ts';
import { RATE_CELLS } from '../cells/rate-source-sql.ts';
import type { Statement } from '../db/transaction.ts';

/**
 * Return-rate figures pre-aggregated at five levels: per order day, channel and country (`all`), and
 * per order month with the category, the supplier, the product or the SKU. Orders are counted distinct
 * within each cell, so a group's orders are a sum of cells only where no order spans two of the cells
 * summed: the API sums a level only for groupings and filters where that holds, and reads line_facts
 * otherwise (and for days at the edges of a date range that do not fill a month).
 */
const rateCellsSelect = (rows: string) => `
SELECT
  CASE WHEN grouping(sku) = 0 THEN 'sku' WHEN grouping(product_id) = 0 THEN 'product'
       WHEN grouping(category) = 0 THEN 'category' WHEN grouping(supplier) = 0 THEN 'supplier' ELSE 'all' END AS level,
  day, month, channel, country, category, supplier, product_id, sku, variant,
  CASE WHEN grouping(product_id) = 0 THEN any_value(product_name) END AS product_name,
  sum(sold_units)::BIGINT AS sold_units, sum(returned_units)::BIGINT AS returned_units,
  sum(sold_value)::DECIMAL(18, 2) AS sold_value, sum(returned_value)::DECIMAL(18, 2) AS returned_value,
  sum(defect_returned_units)::BIGINT AS defect_returned_units, sum(fit_returned_units)::BIGINT AS fit_returned_units,
  -- Lines of single-line orders are orders; only the others need a distinct count (a fifth less work).
  (count(*) FILTER (WHERE order_lines = 1) + count(DISTINCT CASE WHEN order_lines > 1 THEN order_key END))::BIGINT
      AS orders,
  (count(*) FILTER (WHERE order_lines = 1 AND returned_units > 0)
    + count(DISTINCT CASE WHEN order_lines > 1 AND returned_units > 0 THEN order_key END))::BIGINT AS returned_orders
FROM (SELECT *, CAST(ordered_at AS DATE) AS day, CAST(date_trunc('month', ordered_at) AS DATE) AS month FROM ${rows})
GROUP BY GROUPING SETS (
  (day, month, channel, country),
  (month, channel, country, category),
  (month, channel, country, supplier),
  (month, product_id, category, supplier),
  (month, sku, product_id, variant, category, supplier)
)`;

/** Each product (SKU) has one category and supplier (and product and variant). */
const PRODUCTS_EXACT = `
  (SELECT count(DISTINCT product_id) = count(DISTINCT (product_id, category, supplier)) FROM rate_cells
   WHERE level = 'product')
  AND (SELECT count(DISTINCT sku) = count(DISTINCT (sku, product_id, variant, category, supplier)) FROM rate_cells
   WHERE level = 'sku')`;

/** Every order lies in one day, channel and country: its orders at the `all` level add up to the orders. */
const ordersExact = (orders: string) =>
	`(SELECT coalesce(sum(orders), 0) FROM rate_cells WHERE level = 'all') = (${orders})`;

/**
 * rate_cells is built an eighth of the months at a time (buildInParts: a cell's distinct orders are held in
 * memory until it is complete). Every grouping set holds the month, so a month's cells come from its lines.
 */
const RATE_CELL_PARTS = 8;
const monthPart = (part: number) =>
	`(SELECT * FROM line_facts WHERE (year(ordered_at) * 12 + month(ordered_at)) % ${RATE_CELL_PARTS} = ${part})`;

/**
 * rate_cells sorted by level and category, so a request skips the blocks of other levels and categories,
 * and whether summing its orders is exact at all (rate_cells_exact). Order keys are 1…n in a full build.
 */
export const RATE_CELLS_FULL: Statement[] = [
	...buildInParts('rate_cells', RATE_CELL_PARTS, (part) => rateCellsSelect(monthPart(part)), 'level, category'),
	{
		sql: `CREATE OR REPLACE TABLE rate_cells_exact AS
	 SELECT orders_exact AND ${PRODUCTS_EXACT} AS exact, orders_exact
	 FROM (SELECT ${ordersExact('SELECT coalesce(max(order_key), 0) FROM line_facts')} AS orders_exact)`
	}
];

/**
 * rate_cells brought up to date from the delta's old and new order lines (derived-sql.ts). Orders stay
 * exact while every new order lies in one day, channel and country; once they are not, they are counted
 * again (order keys of a delta may leave gaps, so distinct).
 */
export const RATE_CELLS_DELTA: Statement[] = [
	...buildCellDeltaSql(RATE_CELLS, 'old_line_facts', 'new_line_facts', rateCellsSelect),
	...[
		`UPDATE rate_cells_exact SET orders_exact = orders_exact AND (
		   SELECT count(DISTINCT order_key) = count(DISTINCT (order_key, CAST(ordered_at AS DATE), channel, country))
		   FROM new_line_facts)`,
		// The condition inside the count: DuckDB computes a statement's subqueries before its WHERE, and
		// counting every order costs about a second at 10 M lines.
		`UPDATE rate_cells_exact SET orders_exact = ${ordersExact(
			'SELECT count(DISTINCT order_key) FROM line_facts WHERE (SELECT NOT orders_exact FROM rate_cells_exact)'
		)}
		 WHERE NOT orders_exact`,
		`UPDATE rate_cells_exact SET exact = orders_exact AND ${PRODUCTS_EXACT}`
	].map((sql) => ({ sql }))
];
