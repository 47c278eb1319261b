-- Derived tables the analytics read. Rebuilt whole after every ingest, in one transaction, so the
-- server only ever reads and orphans become regular rows as soon as their order line has arrived.

-- Every reason code in use or in the catalogue, with its group. Without a catalogue group, common
-- code and label words decide; the rest is `other`.
CREATE OR REPLACE TABLE reason_map AS
WITH codes AS (
  SELECT reason_code, label, reason_group FROM reasons
  UNION ALL
  SELECT DISTINCT reason_code, NULL, NULL FROM rmas
  WHERE reason_code IS NOT NULL AND reason_code NOT IN (SELECT reason_code FROM reasons)
),
guessed AS (
  SELECT reason_code, coalesce(label, reason_code) AS label, reason_group,
    lower(reason_code || ' ' || coalesce(label, '')) AS words
  FROM codes
)
SELECT reason_code, label, coalesce(reason_group, CASE
  WHEN regexp_matches(words, 'size|small|large|big|fit|tight|loose|short|long|gr(o|ö|oe)(ss|ß)e|taille|maat') THEN 'fit'
  WHEN regexp_matches(words, 'defect|defekt|broken|faulty|not.?working|kaputt|cass|stuk') THEN 'defect'
  WHEN regexp_matches(words, 'damage|transit|besch(a|ä)digt|endommag|beschadigd') THEN 'damage'
  WHEN regexp_matches(words, 'described|description|colou?r|looks|different|quality|nad') THEN 'not_as_described'
  WHEN regexp_matches(words, 'wrong|incorrect|falsch|verkeerd|erron') THEN 'wrong_item'
  WHEN regexp_matches(words, 'late|delay|slow|versp(a|ä)t|retard|te laat') THEN 'late_delivery'
  WHEN regexp_matches(words, 'price|cheaper|preis|prix|prijs') THEN 'better_price'
  WHEN regexp_matches(words, 'mind|unwanted|no.?longer|not.?needed|changed|gefällt|gefaellt') THEN 'changed_mind'
  ELSE 'other' END) AS reason_group
FROM guessed;

-- Each distinct comment's cluster, language and wording: comments of a theme that differ only in case
-- and punctuation share a wording, numbered in the theme's and then the wording's order, and are one
-- example of their theme. A wording is in one theme, so counting wordings needs no other key.
CREATE OR REPLACE TEMP TABLE comment_texts AS
SELECT reason_text, cluster_id, language, dense_rank() OVER (ORDER BY cluster_id, wording)::INTEGER AS wording_id
FROM (SELECT *, trim(lower(regexp_replace(reason_text, '[\s\p{P}]+', ' ', 'g'))) AS wording FROM reason_text_clusters);

-- Whole seconds between two times as an INTEGER, held within its range (±68 years) so no date can
-- overflow it: quantiles over INTEGERs sort about twice as fast as over BIGINTs.
CREATE OR REPLACE TEMP MACRO whole_seconds(a, b) AS CAST(CASE
  WHEN date_diff('second', a, b) > 2147483647 THEN 2147483647
  WHEN date_diff('second', a, b) < -2147483647 THEN -2147483647
  ELSE date_diff('second', a, b) END AS INTEGER);

-- One row per RMA line that is a return (not rejected or cancelled) and whose order line is loaded:
-- the order's attributes, the reason group, the comment's cluster, language and wording, the latest
-- inspection, the refunds booked against it, and the seconds from the RMA to receipt, inspection and
-- first refund.
CREATE OR REPLACE TABLE return_lines AS
WITH latest_inspection AS (
  SELECT * FROM inspections
  QUALIFY row_number() OVER (PARTITION BY rma_id, line_id ORDER BY inspected_at DESC, inspection_id DESC) = 1
),
rma_first_line AS (
  SELECT rma_id, min(line_id) AS line_id FROM rmas GROUP BY rma_id
),
refund_lines AS (
  SELECT f.*, coalesce(f.line_id, fl.line_id) AS rma_line_id
  FROM refunds f LEFT JOIN rma_first_line fl ON fl.rma_id = f.rma_id
  WHERE f.rma_id IS NOT NULL
),
refund_totals AS (
  SELECT rma_id, rma_line_id AS line_id, min(issued_at) AS first_refund_at, sum(amount) AS refunded,
    sum(return_shipping_cost) AS shipping_cost, sum(handling_cost) AS handling_cost, sum(restocking_fee) AS
        restocking_fee
  FROM refund_lines GROUP BY ALL
)
SELECT
  r.rma_id, r.line_id, o.order_id, o.customer_id, o.ordered_at, o.delivered_at, o.product_id, o.product_name,
  o.sku, o.variant, o.category, o.supplier, o.channel, o.country, o.unit_price, o.currency,
  r.created_at, r.quantity AS returned_units, CAST(r.quantity * o.unit_price AS DECIMAL(18, 2)) AS returned_value,
  r.reason_code, coalesce(m.reason_group, 'other') AS reason_group, r.reason_text, t.cluster_id, t.language,
      t.wording_id,
  r.resolution, r.status,
  r.status_at, r.return_channel,
  i.inspection_id, i.received_at, i.inspected_at, i.condition, i.defect_confirmed, i.item_matches, i.disposition,
  CASE WHEN i.inspection_id IS NULL THEN NULL
       ELSE coalesce(i.recovery_value, CASE WHEN i.disposition = 'restock' THEN CAST(r.quantity * o.unit_price AS
           DECIMAL(18, 2)) ELSE 0 END)
  END AS recovery_value,
  f.first_refund_at, whole_seconds(r.created_at, i.received_at) AS seconds_to_receive,
  whole_seconds(r.created_at, i.inspected_at) AS seconds_to_inspect, whole_seconds(r.created_at, f.first_refund_at)
      AS seconds_to_refund,
  coalesce(f.refunded, 0) AS refunded, coalesce(f.shipping_cost, 0) AS shipping_cost,
  coalesce(f.handling_cost, 0) AS handling_cost, coalesce(f.restocking_fee, 0) AS restocking_fee,
  (coalesce(m.reason_group, 'other') IN ('defect', 'damage') OR i.defect_confirmed IS TRUE OR i.condition IN
      ('defective', 'damaged')) AS defect_driven
FROM rmas r
JOIN orders o ON o.line_id = r.line_id
LEFT JOIN reason_map m ON m.reason_code = r.reason_code
LEFT JOIN comment_texts t ON t.reason_text = r.reason_text
LEFT JOIN latest_inspection i ON i.rma_id = r.rma_id AND i.line_id = r.line_id
LEFT JOIN refund_totals f ON f.rma_id = r.rma_id AND f.line_id = r.line_id
WHERE r.status NOT IN ('rejected', 'cancelled');

-- One row per order line: the denominator of every return rate, with what came back of it. Returned
-- units never exceed the units sold, even when RMAs loaded as orphans say otherwise. order_key numbers
-- the orders: rates count distinct orders, and integers count far faster than text. order_lines is
-- the number of lines in the line's order: a single-line order needs no distinct count.
CREATE OR REPLACE TABLE line_facts AS
WITH order_keys AS (
  SELECT order_id, order_lines, (row_number() OVER ())::INTEGER AS order_key
  FROM (SELECT order_id, count(*)::INTEGER AS order_lines FROM orders GROUP BY order_id)
),
returned AS (
  SELECT line_id, sum(returned_units) AS units, sum(CASE WHEN defect_driven THEN returned_units ELSE 0 END) AS
      defect_units,
    sum(CASE WHEN reason_group = 'fit' THEN returned_units ELSE 0 END) AS fit_units
  FROM return_lines GROUP BY line_id
)
SELECT
  o.line_id, o.order_id, k.order_key, k.order_lines, o.ordered_at, o.customer_id, o.sku, o.product_id,
      o.product_name, o.category, o.variant,
  o.supplier, o.channel, o.country, o.quantity AS sold_units, o.unit_price, o.currency,
  CAST(o.quantity * o.unit_price AS DECIMAL(18, 2)) AS sold_value,
  least(coalesce(r.units, 0), o.quantity) AS returned_units,
  CAST(least(coalesce(r.units, 0), o.quantity) * o.unit_price AS DECIMAL(18, 2)) AS returned_value,
  least(coalesce(r.defect_units, 0), o.quantity) AS defect_returned_units,
  least(coalesce(r.fit_units, 0), o.quantity) AS fit_returned_units
FROM orders o JOIN order_keys k ON k.order_id = o.order_id LEFT JOIN returned r ON r.line_id = o.line_id;

-- One row per refund booking with the order line it belongs to, when there is one (refunds without a
-- return, such as goodwill or chargebacks, name only their order), so costs can be filtered by the
-- same dimensions as rates. Only those order-only refunds look up their order's attributes.
CREATE OR REPLACE TABLE refund_facts AS
WITH rma_first_line AS (
  SELECT rma_id, min(line_id) AS line_id FROM rmas GROUP BY rma_id
),
resolved AS (
  SELECT f.*, coalesce(f.line_id, fl.line_id) AS resolved_line_id
  FROM refunds f LEFT JOIN rma_first_line fl ON fl.rma_id = f.rma_id
)
SELECT
  r.refund_id, r.rma_id, r.resolved_line_id AS line_id, r.order_id, r.issued_at, r.amount, r.method,
  r.return_shipping_cost, r.handling_cost, r.restocking_fee, r.currency,
  coalesce(o.customer_id, oo.customer_id) AS customer_id, o.product_id, o.product_name, o.sku, o.variant, o.category,
  o.supplier, coalesce(o.channel, oo.channel) AS channel, coalesce(o.country, oo.country) AS country,
  CASE WHEN r.rma_id IS NULL THEN 'no_return' ELSE coalesce(m.reason_group, 'other') END AS reason_group
FROM resolved r
LEFT JOIN orders o ON o.line_id = r.resolved_line_id
LEFT JOIN (SELECT order_id, any_value(customer_id) AS customer_id, any_value(channel) AS channel, any_value(country)
    AS country
           FROM orders WHERE order_id IN (SELECT order_id FROM resolved WHERE resolved_line_id IS NULL)
           GROUP BY order_id) oo ON oo.order_id = r.order_id
LEFT JOIN rmas rm ON rm.rma_id = r.rma_id AND rm.line_id = r.resolved_line_id
LEFT JOIN reason_map m ON m.reason_code = rm.reason_code;

-- The values the dashboard's filter bar offers, per dimension: a handful of rows the API reads whole
-- instead of grouping every order line on each page view.
CREATE OR REPLACE TABLE filter_options AS
SELECT 'category' AS dimension, category AS key, category AS label FROM orders WHERE category IS NOT NULL GROUP BY
    category
UNION ALL
SELECT 'supplier', supplier, supplier FROM orders WHERE supplier IS NOT NULL GROUP BY supplier
UNION ALL
SELECT 'channel', channel, channel FROM orders WHERE channel IS NOT NULL GROUP BY channel
UNION ALL
SELECT 'country', country, country FROM orders WHERE country IS NOT NULL GROUP BY country
UNION ALL
SELECT 'product', product_id, coalesce(any_value(product_name), product_id) FROM orders GROUP BY product_id
UNION ALL
SELECT 'sku', sku, coalesce(NULLIF(concat_ws(' · ', any_value(product_name), any_value(variant)), ''), sku) FROM
    orders GROUP BY sku;

-- The newest event in the data (an order, an RMA or a refund): what open returns' ages and the trend's
-- final cohorts are measured against, so the figures follow the data, not the clock.
CREATE OR REPLACE TABLE data_as_of AS
SELECT greatest((SELECT max(ordered_at) FROM orders), (SELECT max(created_at) FROM rmas), (SELECT max(issued_at)
    FROM refunds)) AS newest;

DROP TABLE comment_texts;
DROP MACRO whole_seconds;
