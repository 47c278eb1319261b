-- Return-rate figures pre-aggregated at five levels: per order day, channel and country (`all`), and
-- per order month with the category, the supplier, the product or the SKU. Orders are counted
-- distinct within each cell, so a group's orders are a sum of cells only where no order spans two of
-- the cells summed: the API sums a level only for groupings and filters where that holds, and reads
-- line_facts otherwise (and for days at the edges of a date range that do not fill a month). Sorted
-- by level and category, so a request skips the blocks of other levels and categories.
CREATE OR REPLACE TABLE rate_cells AS
SELECT
  CASE WHEN grouping(sku) = 0 THEN 'sku' WHEN grouping(product_id) = 0 THEN 'product'
       WHEN grouping(category) = 0 THEN 'category' WHEN grouping(supplier) = 0 THEN 'supplier' ELSE 'all' END AS level,
  day, month, channel, country, category, supplier, product_id, sku, variant, any_value(product_name) AS product_name,
  sum(sold_units)::BIGINT AS sold_units, sum(returned_units)::BIGINT AS returned_units,
  sum(sold_value)::DECIMAL(18, 2) AS sold_value, sum(returned_value)::DECIMAL(18, 2) AS returned_value,
  sum(defect_returned_units)::BIGINT AS defect_returned_units, sum(fit_returned_units)::BIGINT AS fit_returned_units,
  -- Lines of single-line orders are orders; only the others need a distinct count (a fifth less work).
  (count(*) FILTER (WHERE order_lines = 1) + count(DISTINCT CASE WHEN order_lines > 1 THEN order_key END))::BIGINT
      AS orders,
  (count(*) FILTER (WHERE order_lines = 1 AND returned_units > 0)
    + count(DISTINCT CASE WHEN order_lines > 1 AND returned_units > 0 THEN order_key END))::BIGINT AS returned_orders
FROM (SELECT *, CAST(ordered_at AS DATE) AS day, CAST(date_trunc('month', ordered_at) AS DATE) AS month FROM line_facts)
GROUP BY GROUPING SETS (
  (day, month, channel, country),
  (month, channel, country, category),
  (month, channel, country, supplier),
  (month, product_id, category, supplier),
  (month, sku, product_id, variant, category, supplier)
)
ORDER BY level, category;

-- Whether summing rate_cells' orders is exact at all: every order lies in one day, channel and
-- country, and each product (SKU) has one category and supplier (and product and variant).
CREATE OR REPLACE TABLE rate_cells_exact AS
SELECT
  (SELECT coalesce(sum(orders), 0) FROM rate_cells WHERE level = 'all') = (SELECT coalesce(max(order_key), 0) FROM
      line_facts)
  AND (SELECT count(DISTINCT product_id) = count(DISTINCT (product_id, category, supplier)) FROM rate_cells WHERE
      level = 'product')
  AND (SELECT count(DISTINCT sku) = count(DISTINCT (sku, product_id, variant, category, supplier)) FROM rate_cells
      WHERE level = 'sku') AS exact;
