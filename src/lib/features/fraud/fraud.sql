-- Fraud flags and flagged customers, judged again whole after every refresh from the facts
-- fraud-facts-sql.ts keeps (per product, per customer, per RMA line, per shared key), so the API only reads
-- them. Every threshold comes from the one-row temp table fraud_settings, bound from fraud-config.ts;
-- fraud_watch holds the facts of the customers a flag can reach.

-- One row per customer and flag reached: what was observed, what the shop's rates lead one to expect of
-- what the customer bought, the chance of at least as much, the evidence in words, and the points it
-- adds to the customer's score.
CREATE OR REPLACE TABLE fraud_flags AS
WITH
-- Every product's lines, in the category '' when it has none. Lines returned as part of bracketing are
-- left out of serial returning on both sides (counted, returned).
products AS (
  SELECT product_id, coalesce(category, '') AS category, sum(lines) AS lines, sum(counted) AS counted,
    sum(returned) AS returned, sum(returned_all) AS returned_all, sum(fit) AS fit, list(pair) AS pairs
  FROM fraud_products GROUP BY product_id, coalesce(category, '')
),
categories AS (
  SELECT category, sum(lines) AS lines, sum(counted) AS counted, sum(returned) AS returned,
    sum(returned_all) AS returned_all, sum(fit) AS fit
  FROM products GROUP BY category
),
-- A product's return rate, leaning on its category's as if the category had sold it prior_lines more times.
product_rates AS (
  SELECT p.product_id, p.category, p.pairs,
    (p.returned + s.prior_lines * coalesce(c.returned / nullif(c.counted, 0), 0)) / (p.counted + s.prior_lines) AS rate
  FROM products p JOIN categories c ON c.category = p.category, fraud_settings s
),
pair_rates AS (
  SELECT unnest(pairs) AS pair, rate FROM product_rates
),
-- Serial returning: the lines a customer returned against the sum of their products' return rates (each
-- rate by its number in fraud_products, the numbers customer_facts' pairs name products by).
rate_list AS (
  SELECT list(r.rate ORDER BY n.pair) AS rates
  FROM (SELECT unnest(range(1, max(pair) + 1)) AS pair FROM fraud_products) n
  LEFT JOIN pair_rates r ON r.pair = n.pair
),
customer_lines AS (
  SELECT w.customer_id, w.counted AS lines, w.returned_lines, w.bracketing_returns,
    coalesce(list_sum(list_transform(w.pairs, e -> e.counted * l.rates[e.pair])), 0) AS expected
  FROM fraud_watch w, rate_list l, fraud_settings s
  WHERE w.counted >= s.serial_min_lines
),
serial AS (
  SELECT c.*, binomial_log_tail(c.lines, c.returned_lines, c.expected / c.lines) AS log_chance
  FROM customer_lines c, fraud_settings s
  WHERE c.lines >= s.serial_min_lines AND c.returned_lines > c.expected
),
-- Wearable categories: the configured ones, or those where fit is the reason for enough of the returned lines
-- (every category, in a shop whose returns give no fit reason at all).
wearable AS (
  SELECT c.category FROM categories c, fraud_settings s
  WHERE CASE
    WHEN s.wardrobing_categories IS NOT NULL THEN list_contains(s.wardrobing_categories, lower(c.category))
    WHEN (SELECT sum(fit) FROM categories) = 0 THEN TRUE
    ELSE c.fit > 0 AND c.fit >= s.wardrobing_min_fit_share * c.returned_all
  END
),
-- Refunds without a return: keep-it RMAs that were refunded and never inspected, each in the category of its
-- first line.
keep_it_rmas AS (
  SELECT l.customer_id, l.rma_id, arg_min(coalesce(l.category, ''), l.line_id) AS category,
    any_value(k.refunds) > 0 AS refunded
  FROM fraud_rma_lines l JOIN fraud_keep_it_rmas k ON k.rma_id = l.rma_id
  WHERE l.keep_it AND NOT k.inspected
  GROUP BY l.customer_id, l.rma_id
),
-- One row per incident of the flags that count incidents: a worn return of a wearable item, a parcel (RMA)
-- holding a different item or nothing (in the category of its first such line), a fault claim inspection
-- found no fault for (new or like new, no fault confirmed), a refunded keep-it RMA.
incidents AS (
  SELECT 'wardrobing' AS flag, customer_id, coalesce(category, '') AS category FROM fraud_rma_lines
  WHERE worn AND coalesce(category, '') IN (SELECT category FROM wearable)
  UNION ALL
  SELECT 'item_switch', customer_id, arg_min(coalesce(category, ''), line_id) FROM fraud_rma_lines
  WHERE switched
  GROUP BY customer_id, rma_id
  UNION ALL
  SELECT 'claim_mismatch', customer_id, coalesce(category, '') FROM fraud_rma_lines WHERE unconfirmed
  UNION ALL
  SELECT 'keep_it_abuse', customer_id, category FROM keep_it_rmas WHERE refunded
),
levels AS (
  SELECT 'wardrobing' AS flag, wardrobing_min_items AS min_count, wardrobing_max_chance AS max_chance,
    wardrobing_severe_chance AS severe_chance FROM fraud_settings
  UNION ALL SELECT 'item_switch', switch_min_parcels, switch_max_chance, switch_severe_chance FROM fraud_settings
  UNION ALL SELECT 'claim_mismatch', claim_min_unconfirmed, claim_max_chance, claim_severe_chance FROM fraud_settings
  UNION ALL SELECT 'keep_it_abuse', keep_it_min_refunds, keep_it_max_chance, keep_it_severe_chance FROM fraud_settings
),
incident_counts AS (
  SELECT i.flag, i.customer_id, count(*) AS observed, count(*) >= any_value(v.min_count) AS candidate
  FROM incidents i JOIN levels v ON v.flag = i.flag
  GROUP BY i.flag, i.customer_id
),
-- The lines each flag's incidents can happen on, per category: wardrobing's only in wearable categories.
exposure AS (
  SELECT v.flag, c.category, c.lines FROM levels v, categories c
  WHERE v.flag <> 'wardrobing' OR c.category IN (SELECT category FROM wearable)
),
-- Incidents per line sold, per flag and category, counting only customers below the flag's minimum. The
-- shop's rate counts one incident more than seen, so it is never 0; a category's leans on it.
below_minimum AS (
  SELECT i.flag, i.category, count(*) AS incidents
  FROM incidents i JOIN incident_counts n ON n.flag = i.flag AND n.customer_id = i.customer_id
  WHERE NOT n.candidate
  GROUP BY i.flag, i.category
),
shop_rates AS (
  SELECT e.flag, (coalesce(sum(b.incidents), 0) + 1) / (sum(e.lines) + 1) AS rate
  FROM exposure e LEFT JOIN below_minimum b ON b.flag = e.flag AND b.category = e.category
  GROUP BY e.flag
),
incident_rates AS (
  SELECT e.flag, e.category, (coalesce(b.incidents, 0) + s.prior_lines * r.rate) / (e.lines + s.prior_lines) AS rate
  FROM exposure e JOIN shop_rates r ON r.flag = e.flag
  LEFT JOIN below_minimum b ON b.flag = e.flag AND b.category = e.category, fraud_settings s
),
-- What a customer who reached a minimum bought, per category: their expected incidents are the rates times these.
candidate_lines AS (
  SELECT c.customer_id, coalesce(p.category, '') AS category, sum(c.lines)::BIGINT AS lines
  FROM (
    SELECT customer_id, unnest(pairs, recursive := true)
    FROM fraud_watch w SEMI JOIN incident_counts n ON n.customer_id = w.customer_id AND n.candidate
  ) c
  JOIN fraud_products p ON p.pair = c.pair
  GROUP BY c.customer_id, coalesce(p.category, '')
),
incident_chances AS (
  SELECT n.flag, n.customer_id, n.observed, sum(l.lines)::INTEGER AS lines, sum(l.lines * r.rate) AS expected,
    poisson_log_tail(sum(l.lines * r.rate), n.observed) AS log_chance, any_value(v.max_chance) AS max_chance,
    any_value(v.severe_chance) AS severe_chance
  FROM incident_counts n
  JOIN levels v ON v.flag = n.flag
  JOIN candidate_lines l ON l.customer_id = n.customer_id
  JOIN incident_rates r ON r.flag = n.flag AND r.category = l.category
  WHERE n.candidate
  GROUP BY n.flag, n.customer_id, n.observed
),
reached AS (
  SELECT * FROM incident_chances WHERE log_chance < ln(max_chance)
),
worn_categories AS (
  SELECT 'wardrobing' AS flag, customer_id, string_agg(DISTINCT coalesce(nullif(category, ''), 'no category'), ', ' ORDER BY
      coalesce(nullif(category, ''), 'no category')) AS categories
  FROM fraud_rma_lines
  WHERE worn AND coalesce(category, '') IN (SELECT category FROM wearable)
    AND customer_id IN (SELECT customer_id FROM reached WHERE flag = 'wardrobing')
  GROUP BY customer_id
),
claims AS (
  SELECT 'claim_mismatch' AS flag, customer_id, count(*) AS claims FROM fraud_rma_lines
  WHERE claim AND customer_id IN (SELECT customer_id FROM reached WHERE flag =
      'claim_mismatch')
  GROUP BY customer_id
),
kept_money AS (
  SELECT 'keep_it_abuse' AS flag, customer_id, string_agg(CASE currency WHEN 'EUR' THEN '€ ' WHEN 'USD' THEN '$ ' WHEN 'GBP' THEN '£ ' ELSE
      currency || ' ' END
    || CAST(amount AS VARCHAR), ' + ' ORDER BY currency) AS money
  FROM (
    SELECT k.customer_id, a.currency, sum(a.amount) AS amount
    FROM keep_it_rmas k JOIN (SELECT rma_id, unnest(amounts, recursive := true) FROM fraud_keep_it_rmas) a
      ON a.rma_id = k.rma_id
    WHERE k.customer_id IN (SELECT customer_id FROM reached WHERE flag = 'keep_it_abuse')
    GROUP BY k.customer_id, a.currency
  )
  GROUP BY customer_id
),
-- How the chance of what a customer did was judged: the customer's lines and what their purchases lead one to expect.
judged AS (
  SELECT r.flag, r.customer_id, r.observed, r.expected, r.log_chance, r.max_chance, r.severe_chance,
    format('; {} expected from {} {} bought{}; chance {}', expected_words(r.expected), r.lines,
      CASE WHEN r.lines = 1 THEN 'line' ELSE 'lines' END,
      CASE WHEN r.flag = 'wardrobing' THEN ' in wearable categories' ELSE '' END, chance_words(r.log_chance)) AS odds
  FROM reached r
),
rings AS (
  SELECT kind, key, accounts, customers FROM fraud_shared_keys, fraud_settings s
  WHERE accounts BETWEEN s.identity_min_accounts AND s.identity_max_accounts
),
shared AS (
  SELECT r.customer_id, max(r.accounts) AS accounts,
    string_agg(format('shares {} {} with {} other accounts ({}{})', r.kind, r.key, r.accounts - 1,
      array_to_string(list_filter(r.customers, lambda c: c <> r.customer_id)[1:5], ', '),
      CASE WHEN r.accounts - 1 > 5 THEN ', …' ELSE '' END), '; ' ORDER BY r.kind DESC, r.key) AS evidence
  FROM (SELECT *, unnest(customers) AS customer_id FROM rings) r
  GROUP BY r.customer_id
),
-- value, threshold and severe: for a chance, its orders of magnitude below 1 (−log10); for shared identity,
-- accounts.
signals AS (
  SELECT c.customer_id, 'serial_returner' AS flag, c.returned_lines::DOUBLE AS observed, c.expected,
    c.log_chance, -c.log_chance / ln(10) AS value, -log10(s.serial_max_chance) AS threshold,
    -log10(s.serial_severe_chance) AS severe,
    format('{} of {} lines returned{}; {} expected from the products bought; chance {}', c.returned_lines, c.lines,
      CASE WHEN c.bracketing_returns > 0 THEN format(' (not counting {} returned in bracketing)', c.bracketing_returns)
        ELSE '' END, expected_words(c.expected), chance_words(c.log_chance)) AS evidence
  FROM serial c, fraud_settings s
  WHERE c.log_chance < ln(s.serial_max_chance)
  UNION ALL
  SELECT j.customer_id, j.flag, j.observed, j.expected, j.log_chance, -j.log_chance / ln(10), -log10(j.max_chance),
    -log10(j.severe_chance),
    CASE j.flag
      WHEN 'wardrobing' THEN format('{} {} returned worn (condition used) in {}', j.observed,
        CASE WHEN j.observed = 1 THEN 'item' ELSE 'items' END, w.categories)
      WHEN 'item_switch' THEN format('{} {} held a different item or nothing', j.observed,
        CASE WHEN j.observed = 1 THEN 'parcel' ELSE 'parcels' END)
      WHEN 'claim_mismatch' THEN format('{} of {} defect or damage claims not confirmed by inspection (item found new or '
        || 'like new)', j.observed, c.claims)
      ELSE format('{} keep-it {} ({})', j.observed, CASE WHEN j.observed = 1 THEN 'refund' ELSE 'refunds' END, m.money)
    END || j.odds
  FROM judged j
  LEFT JOIN worn_categories w ON w.flag = j.flag AND w.customer_id = j.customer_id
  LEFT JOIN claims c ON c.flag = j.flag AND c.customer_id = j.customer_id
  LEFT JOIN kept_money m ON m.flag = j.flag AND m.customer_id = j.customer_id,
  fraud_settings s
  WHERE j.flag <> 'claim_mismatch' OR j.observed >= s.claim_min_share * c.claims
  UNION ALL
  SELECT h.customer_id, 'shared_identity', h.accounts, NULL, NULL, h.accounts, s.identity_min_accounts,
    s.identity_severe_accounts, h.evidence
  FROM shared h, fraud_settings s
),
-- How far past its threshold each flag is, from 0 (just reached) to 1 (at or beyond the severe level).
graded AS (
  SELECT *, CASE WHEN severe <= threshold THEN 1 ELSE greatest(0, least(1, (value - threshold) / (severe -
      threshold))) END AS severity
  FROM signals
)
SELECT g.customer_id, g.flag, g.evidence, g.observed::DOUBLE AS observed, g.expected::DOUBLE AS expected,
  exp(g.log_chance)::DOUBLE AS chance, g.value::DOUBLE AS value, g.threshold::DOUBLE AS threshold,
  round(g.severity, 3)::DOUBLE AS severity, round(s.flag_points + s.severity_points * g.severity)::INTEGER AS points
FROM graded g, fraud_settings s;

-- One row per flagged customer: the score (points of all flags, capped at 100), the flags strongest
-- first with their evidence, and what the customer bought, returned and was refunded (a flagged customer
-- is always in fraud_watch).
CREATE OR REPLACE TABLE fraud_customers AS
WITH flagged AS (
  SELECT customer_id, least(100, sum(points))::INTEGER AS score,
    list(flag ORDER BY points DESC, flag) AS flags,
    list({'flag': flag, 'text': evidence} ORDER BY points DESC, flag) AS evidence
  FROM fraud_flags
  GROUP BY customer_id
)
SELECT f.customer_id, f.score, f.flags, f.evidence,
  coalesce(w.lines, 0)::INTEGER AS lines, coalesce(w.returns, 0)::INTEGER AS returns,
  CAST(coalesce(w.refunded, 0) AS DECIMAL(18, 2)) AS refunded
FROM flagged f LEFT JOIN fraud_watch w ON w.customer_id = f.customer_id;
