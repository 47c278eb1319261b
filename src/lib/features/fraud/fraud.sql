-- Fraud flags, flagged customers and bracketing, rebuilt whole after every ingest (after the derived
-- tables) so the API only reads them. Every threshold comes from the one-row temp table
-- fraud_settings, bound from fraud-config.ts.

-- Bracketing: one order holding several variants (SKUs) of one product, all sent back but one. It is
-- a way of shopping (order sizes, keep what fits) that costs money, reported on its own and never
-- counted as fraud.
-- The cheap count first: only the few order/product pairs with several lines and exactly one kept get
-- the costly aggregates (an ordered list, a distinct count) in the second step.
CREATE OR REPLACE TABLE bracketing_orders AS
WITH candidates AS (
  SELECT order_id, product_id FROM line_facts
  GROUP BY order_id, product_id
  HAVING count(*) >= 2 AND count(*) FILTER (WHERE returned_units < sold_units) = 1
)
SELECT order_id, product_id, any_value(customer_id) AS customer_id, min(ordered_at) AS ordered_at,
  any_value(product_name) AS product_name, any_value(category) AS category, any_value(supplier) AS supplier,
  any_value(channel) AS channel, any_value(country) AS country,
  list(coalesce(variant, sku) ORDER BY line_id) AS variants,
  any_value(coalesce(variant, sku)) FILTER (WHERE returned_units < sold_units) AS kept_variant,
  count(*)::INTEGER AS lines, count(*) FILTER (WHERE returned_units > 0)::INTEGER AS returned_lines,
  CAST(sum(returned_value) AS DECIMAL(18, 2)) AS returned_value
FROM line_facts SEMI JOIN candidates USING (order_id, product_id)
GROUP BY order_id, product_id
HAVING count(DISTINCT sku) >= 2;

-- One row per customer and flag reached: the measure, the threshold it passed, the evidence in words
-- and the points it adds to the customer's score.
CREATE OR REPLACE TABLE fraud_flags AS
WITH
-- Serial returning: the share of a customer's order lines that came back. Lines returned as part of
-- bracketing are left out on both sides, since trying on sizes is not what this flag is about.
bracketing_returns AS (
  SELECT l.line_id FROM line_facts l JOIN bracketing_orders b ON b.order_id = l.order_id AND b.product_id = l.product_id
  WHERE l.returned_units > 0
),
customer_lines AS (
  SELECT l.customer_id,
    count(*) FILTER (WHERE b.line_id IS NULL) AS lines,
    count(*) FILTER (WHERE b.line_id IS NULL AND l.returned_units > 0) AS returned_lines,
    count(b.line_id) AS bracketing_returns
  FROM line_facts l LEFT JOIN bracketing_returns b ON b.line_id = l.line_id
  GROUP BY l.customer_id
),
store AS (
  SELECT sum(returned_lines) / sum(lines) AS share FROM customer_lines
),
-- The latest inspection of every RMA line the customer did not cancel. Rejected returns count too: a
-- return refused because the item came back worn or swapped is exactly the attempt looked for here.
inspected AS (
  SELECT o.customer_id, o.category, r.rma_id, r.line_id, coalesce(m.reason_group, 'other') AS reason_group,
    i.condition, i.defect_confirmed, i.item_matches
  FROM inspections i
  JOIN rmas r ON r.rma_id = i.rma_id AND r.line_id = i.line_id
  JOIN orders o ON o.line_id = r.line_id
  LEFT JOIN reason_map m ON m.reason_code = r.reason_code
  WHERE r.status <> 'cancelled'
  QUALIFY row_number() OVER (PARTITION BY i.rma_id, i.line_id ORDER BY i.inspected_at DESC, i.inspection_id DESC) = 1
),
worn AS (
  SELECT customer_id, count(*) AS items, string_agg(DISTINCT category, ', ' ORDER BY category) AS categories
  FROM inspected, fraud_settings s
  WHERE condition = 'used' AND list_contains(s.wardrobing_categories, lower(category))
  GROUP BY customer_id
),
-- Counted per parcel (RMA): several wrong lines in one parcel are one incident.
switched AS (
  SELECT customer_id, count(DISTINCT rma_id) AS parcels
  FROM inspected
  WHERE item_matches IS FALSE OR condition IN ('wrong_item', 'empty')
  GROUP BY customer_id
),
-- A fault claim is contradicted when the inspector found the item new or like new and did not confirm
-- the fault; a like-new device that does not work is recorded with defect_confirmed = true.
claims AS (
  SELECT customer_id, count(*) AS claims,
    count(*) FILTER (WHERE condition IN ('new', 'like_new') AND defect_confirmed IS NOT TRUE) AS unconfirmed
  FROM inspected
  WHERE reason_group IN ('defect', 'damage')
  GROUP BY customer_id
),
identity_keys AS (
  SELECT DISTINCT 'address' AS kind, address_key AS key, customer_id
  FROM orders, fraud_settings s WHERE address_key IS NOT NULL AND list_contains(s.identity_keys, 'address_key')
  UNION
  SELECT DISTINCT 'payment' AS kind, payment_key AS key, customer_id
  FROM orders, fraud_settings s WHERE payment_key IS NOT NULL AND list_contains(s.identity_keys, 'payment_key')
),
rings AS (
  SELECT kind, key, count(*) AS accounts, list(customer_id ORDER BY customer_id) AS customers
  FROM identity_keys, fraud_settings s
  GROUP BY kind, key, s.identity_min_accounts, s.identity_max_accounts
  HAVING count(*) BETWEEN s.identity_min_accounts AND s.identity_max_accounts
),
shared AS (
  SELECT k.customer_id, max(r.accounts) AS accounts,
    string_agg(format('shares {} {} with {} other accounts ({}{})', r.kind, r.key, r.accounts - 1,
      array_to_string(list_filter(r.customers, lambda c: c <> k.customer_id)[1:5], ', '),
      CASE WHEN r.accounts - 1 > 5 THEN ', …' ELSE '' END), '; ' ORDER BY r.kind DESC, r.key) AS evidence
  FROM identity_keys k JOIN rings r ON r.kind = k.kind AND r.key = k.key
  GROUP BY k.customer_id
),
-- Refunds without a return: keep-it RMAs that were refunded and never inspected.
keep_it_rmas AS (
  SELECT DISTINCT o.customer_id, r.rma_id
  FROM rmas r JOIN orders o ON o.line_id = r.line_id
  WHERE r.resolution = 'keep_it' AND r.status NOT IN ('rejected', 'cancelled')
    AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.rma_id = r.rma_id)
),
keep_it_refunds AS (
  SELECT k.customer_id, k.rma_id, f.currency, f.amount
  FROM keep_it_rmas k JOIN refunds f ON f.rma_id = k.rma_id
),
kept AS (
  SELECT customer_id, count(DISTINCT rma_id) AS refunds FROM keep_it_refunds GROUP BY customer_id
),
kept_money AS (
  SELECT customer_id, string_agg(CASE currency WHEN 'EUR' THEN '€ ' WHEN 'USD' THEN '$ ' WHEN 'GBP' THEN '£ ' ELSE
      currency || ' ' END
    || CAST(amount AS VARCHAR), ' + ' ORDER BY currency) AS money
  FROM (SELECT customer_id, currency, sum(amount) AS amount FROM keep_it_refunds GROUP BY customer_id, currency)
  GROUP BY customer_id
),
signals AS (
  SELECT c.customer_id, 'serial_returner' AS flag, c.returned_lines / c.lines AS value,
    s.serial_min_share AS threshold, s.serial_severe_share AS severe,
    format('{} of {} lines returned (store: {}%)', c.returned_lines, c.lines, round(100 * store.share)::INTEGER)
      || CASE WHEN c.bracketing_returns > 0 THEN format(', not counting {} returned in bracketing',
          c.bracketing_returns) ELSE '' END AS evidence
  FROM customer_lines c, store, fraud_settings s
  WHERE c.lines >= s.serial_min_lines AND c.returned_lines / c.lines >= s.serial_min_share
  UNION ALL
  SELECT w.customer_id, 'wardrobing', w.items, s.wardrobing_min_items, s.wardrobing_severe_items,
    format('{} {} returned worn (condition used) in {}', w.items, CASE WHEN w.items = 1 THEN 'item' ELSE 'items'
        END, w.categories)
  FROM worn w, fraud_settings s
  WHERE w.items >= s.wardrobing_min_items
  UNION ALL
  SELECT w.customer_id, 'item_switch', w.parcels, s.switch_min_parcels, s.switch_severe_parcels,
    format('{} {} held a different item or nothing', w.parcels, CASE WHEN w.parcels = 1 THEN 'parcel' ELSE 'parcels'
        END)
  FROM switched w, fraud_settings s
  WHERE w.parcels >= s.switch_min_parcels
  UNION ALL
  SELECT c.customer_id, 'claim_mismatch', c.unconfirmed, s.claim_min_unconfirmed, s.claim_severe_unconfirmed,
    format('{} of {} defect or damage claims not confirmed by inspection (item found new or like new)',
        c.unconfirmed, c.claims)
  FROM claims c, fraud_settings s
  WHERE c.unconfirmed >= s.claim_min_unconfirmed AND c.unconfirmed / c.claims >= s.claim_min_share
  UNION ALL
  SELECT h.customer_id, 'shared_identity', h.accounts, s.identity_min_accounts, s.identity_severe_accounts, h.evidence
  FROM shared h, fraud_settings s
  UNION ALL
  SELECT k.customer_id, 'keep_it_abuse', k.refunds, s.keep_it_min_refunds, s.keep_it_severe_refunds,
    format('{} keep-it {} ({})', k.refunds, CASE WHEN k.refunds = 1 THEN 'refund' ELSE 'refunds' END, m.money)
  FROM kept k JOIN kept_money m ON m.customer_id = k.customer_id, fraud_settings s
  WHERE k.refunds >= s.keep_it_min_refunds
),
-- How far past its threshold each flag is, from 0 (just reached) to 1 (at or beyond the severe level).
graded AS (
  SELECT *, CASE WHEN severe <= threshold THEN 1 ELSE greatest(0, least(1, (value - threshold) / (severe -
      threshold))) END AS severity
  FROM signals
)
SELECT g.customer_id, g.flag, g.evidence, g.value::DOUBLE AS value, g.threshold::DOUBLE AS threshold,
  round(g.severity, 3)::DOUBLE AS severity, round(s.flag_points + s.severity_points * g.severity)::INTEGER AS points
FROM graded g, fraud_settings s;

-- One row per flagged customer: the score (points of all flags, capped at 100), the flags strongest
-- first with their evidence, and what the customer returned and was refunded.
CREATE OR REPLACE TABLE fraud_customers AS
WITH flagged AS (
  SELECT customer_id, least(100, sum(points))::INTEGER AS score,
    list(flag ORDER BY points DESC, flag) AS flags,
    list({'flag': flag, 'text': evidence} ORDER BY points DESC, flag) AS evidence
  FROM fraud_flags
  GROUP BY customer_id
)
SELECT f.customer_id, f.score, f.flags, f.evidence,
  coalesce(l.lines, 0)::INTEGER AS lines, coalesce(r.returns, 0)::INTEGER AS returns,
  CAST(coalesce(m.refunded, 0) AS DECIMAL(18, 2)) AS refunded
FROM flagged f
LEFT JOIN (SELECT customer_id, count(*) AS lines FROM line_facts GROUP BY customer_id) l ON l.customer_id =
    f.customer_id
LEFT JOIN (SELECT customer_id, count(*) AS returns FROM return_lines GROUP BY customer_id) r ON r.customer_id =
    f.customer_id
LEFT JOIN (SELECT customer_id, sum(amount) AS refunded FROM refund_facts GROUP BY customer_id) m ON m.customer_id =
    f.customer_id;
