-- Alerts, rebuilt whole by every refresh from line_facts and return_lines; every threshold comes from the
-- one-row temp table alert_settings (alerts-config.ts). The data is replayed week by week: an evaluation at
-- week e sees the orders and the returns up to that week's Sunday, as the data stood that day, so an
-- alert's detected_on is the first Sunday its figures were there. Weeks run Monday to Sunday, numbered
-- from Monday 2000-01-03.
CREATE OR REPLACE TEMP MACRO alert_week(t) AS CAST(floor((epoch_us(CAST(t AS TIMESTAMP)) - 946857600000000)
  / 604800000000) AS INTEGER);
CREATE OR REPLACE TEMP MACRO alert_monday(w) AS DATE '2000-01-03' + CAST(w * 7 AS INTEGER);

-- Every key in every scope, numbered (kid), with the key one level up that its peers share (a SKU's product,
-- a product's category; the shop for a supplier or a category) and what the alert says of it. Sizes are
-- watched only where a product comes in several.
CREATE OR REPLACE TEMP TABLE alert_sku_keys AS
WITH skus AS (
  SELECT sku, any_value(product_id) AS product_id, any_value(variant) AS variant,
    any_value(product_name) AS product_name, any_value(category) AS category, any_value(supplier) AS supplier
  FROM line_facts GROUP BY sku
),
products AS (
  SELECT product_id, any_value(product_name) AS product_name, any_value(category) AS category,
    any_value(supplier) AS supplier, count(*) AS skus
  FROM skus GROUP BY product_id
)
SELECT s.sku, k.scope, k.key, k.parent_scope, k.parent_key, coalesce(p.category, '') AS category,
  CASE k.scope
    WHEN 'sku' THEN concat_ws(' · ', coalesce(p.product_name, s.product_id), coalesce(s.variant, s.sku))
    WHEN 'product' THEN coalesce(p.product_name, s.product_id)
    ELSE k.key END AS label,
  CASE WHEN k.scope IN ('sku', 'product') THEN s.product_id END AS product_id,
  CASE WHEN k.scope IN ('sku', 'product', 'category') THEN p.category END AS category_key,
  CASE WHEN k.scope IN ('sku', 'product', 'supplier') THEN p.supplier END AS supplier_key,
  CASE WHEN k.scope = 'sku' THEN s.variant END AS variant
FROM skus s JOIN products p USING (product_id),
  LATERAL (VALUES
    ('sku', s.sku, 'product', s.product_id, p.skus >= 2),
    ('product', s.product_id, 'category', coalesce(p.category, ''), true),
    ('supplier', p.supplier, 'shop', '', p.supplier IS NOT NULL),
    ('category', coalesce(p.category, ''), 'shop', '', true),
    ('shop', '', NULL, NULL, true)
  ) k(scope, key, parent_scope, parent_key, kept)
WHERE k.kept;

CREATE OR REPLACE TEMP TABLE alert_keys AS
WITH keyed AS (
  SELECT DISTINCT scope, key, parent_scope, parent_key, label, product_id, category_key, supplier_key, variant
  FROM alert_sku_keys
)
SELECT CAST(row_number() OVER (ORDER BY scope, key) AS INTEGER) AS kid, * FROM keyed;

-- Each SKU's keys by number, with the number of its category, whose return delays its units follow.
CREATE OR REPLACE TEMP TABLE alert_sku_map AS
SELECT s.sku, k.kid, c.kid AS cat_kid
FROM alert_sku_keys s JOIN alert_keys k USING (scope, key)
JOIN alert_keys c ON c.scope = 'category' AND c.key = s.category;

-- The weeks evaluated: from the first with a whole history and window of orders before it to the data's last.
CREATE OR REPLACE TEMP TABLE alert_weeks AS
SELECT range AS e FROM range(
  (SELECT alert_week(min(ordered_at)) FROM line_facts) + (SELECT window_weeks + history_weeks - 1 FROM alert_settings),
  (SELECT alert_week(newest) FROM data_as_of) + 1);

-- Sold units per key, category and order week.
CREATE OR REPLACE TEMP TABLE alert_sold AS
WITH by_sku AS (SELECT sku, alert_week(ordered_at) AS week, sum(sold_units) AS units FROM line_facts GROUP BY ALL)
SELECT m.kid, m.cat_kid, s.week, sum(s.units) AS units
FROM by_sku s JOIN alert_sku_map m USING (sku)
GROUP BY ALL;

-- Returned units per key, order week, week of the return and measure: every return (`all`), the
-- defect-driven ones as the customer stated them (reason group defect or damage: known the day the RMA is
-- made, unlike the inspection), and the watched reason groups. Sizes are watched for fit only.
CREATE OR REPLACE TEMP TABLE alert_returned AS
WITH by_sku AS (
  SELECT sku, alert_week(ordered_at) AS week, greatest(alert_week(created_at), alert_week(ordered_at)) AS return_week,
    CASE WHEN reason_group IN ('defect', 'damage') THEN 'defect' ELSE reason_group END AS grp,
    sum(returned_units) AS units
  FROM return_lines GROUP BY ALL
),
measured AS (
  SELECT sku, week, return_week, 'all' AS measure, units FROM by_sku
  UNION ALL
  SELECT sku, week, return_week, grp, units FROM by_sku, alert_settings
  WHERE grp IN ('defect', 'fit') OR list_contains(shift_groups, grp)
)
SELECT k.kid, r.week, r.return_week, r.measure, sum(r.units) AS units
FROM measured r JOIN alert_sku_map k USING (sku) JOIN alert_keys USING (kid)
WHERE alert_keys.scope <> 'sku' OR r.measure = 'fit'
GROUP BY ALL;

-- The share of a cohort's returns back within a number of weeks of its order week, learnt from cohorts old
-- enough to have them all: per category where it has enough such returns of the measure, else the shop's.
-- A young cohort is then expected to show only that share of its returns so far.
CREATE OR REPLACE TEMP TABLE alert_delays AS
WITH mature AS (
  SELECT k.scope, r.kid, r.measure, least(r.return_week - r.week, s.window_weeks + s.history_weeks) AS age,
    sum(r.units) AS units
  FROM alert_returned r JOIN alert_keys k USING (kid), alert_settings s
  WHERE k.scope IN ('category', 'shop') AND r.measure IN ('all', 'defect', 'fit')
    AND r.week <= (SELECT alert_week(newest) FROM data_as_of) - s.mature_weeks
  GROUP BY ALL
),
curves AS (
  SELECT m.scope, m.kid, m.measure, a.range AS age,
    sum(m.units) FILTER (WHERE m.age <= a.range) / sum(m.units) AS share, sum(m.units) AS total
  FROM mature m, range(0, (SELECT window_weeks + history_weeks FROM alert_settings)) a
  GROUP BY ALL
),
own AS (
  SELECT c.kid AS cat_kid, shop.measure, shop.age,
    CASE WHEN o.total >= (SELECT min_delay_units FROM alert_settings) THEN o.share ELSE shop.share END AS share
  FROM alert_keys c CROSS JOIN curves shop
  LEFT JOIN curves o ON o.kid = c.kid AND o.measure = shop.measure AND o.age = shop.age
  WHERE c.scope = 'category' AND shop.scope = 'shop'
)
PIVOT own ON measure IN ('all', 'defect', 'fit') USING first(share) GROUP BY cat_kid, age;

-- Per key, evaluation week and measure: units sold in the window, and the window's and the history's
-- exposure (units times the share of their returns back by the evaluation), and their returned units so far.
-- Each cohort week reaches the evaluations of its next window + history weeks (age 0 is its own week).
CREATE OR REPLACE TEMP TABLE alert_cells AS
WITH ages AS (SELECT range AS age FROM range(0, (SELECT window_weeks + history_weeks FROM alert_settings))),
bounds AS (SELECT min(e) AS first_e, max(e) AS last_e FROM alert_weeks),
exposure AS (
  SELECT s.kid, s.week + a.age AS e,
    sum(s.units) FILTER (WHERE a.age < st.window_weeks) AS sold_w,
    sum(s.units * d.all) FILTER (WHERE a.age < st.window_weeks) AS all_w,
    sum(s.units * d.all) FILTER (WHERE a.age >= st.window_weeks) AS all_h,
    sum(s.units * d.defect) FILTER (WHERE a.age < st.window_weeks) AS defect_w,
    sum(s.units * d.defect) FILTER (WHERE a.age >= st.window_weeks) AS defect_h,
    sum(s.units * d.fit) FILTER (WHERE a.age < st.window_weeks) AS fit_w,
    sum(s.units * d.fit) FILTER (WHERE a.age >= st.window_weeks) AS fit_h
  FROM alert_sold s CROSS JOIN ages a CROSS JOIN alert_settings st CROSS JOIN bounds b
  JOIN alert_delays d ON d.cat_kid = s.cat_kid AND d.age = a.age
  WHERE s.week + a.age BETWEEN b.first_e AND b.last_e
  GROUP BY ALL
),
measures AS (
  SELECT x.kid, x.e, m.measure, x.sold_w,
    CASE m.measure WHEN 'all' THEN x.all_w WHEN 'defect' THEN x.defect_w ELSE x.fit_w END AS x_w,
    CASE m.measure WHEN 'all' THEN x.all_h WHEN 'defect' THEN x.defect_h ELSE x.fit_h END AS x_h
  FROM exposure x JOIN alert_keys k USING (kid)
  JOIN (VALUES ('all'), ('defect'), ('fit')) m(measure)
    ON CASE k.scope WHEN 'sku' THEN m.measure = 'fit' WHEN 'product' THEN true ELSE m.measure <> 'fit' END
),
observed AS (
  SELECT r.kid, r.week + a.age AS e, r.measure,
    sum(r.units) FILTER (WHERE a.age < st.window_weeks) AS o_w,
    sum(r.units) FILTER (WHERE a.age >= st.window_weeks) AS o_h
  FROM alert_returned r CROSS JOIN ages a CROSS JOIN alert_settings st CROSS JOIN bounds b
  WHERE a.age >= r.return_week - r.week AND r.week + a.age BETWEEN b.first_e AND b.last_e
  GROUP BY ALL
)
SELECT coalesce(x.kid, o.kid) AS kid, coalesce(x.e, o.e) AS e, coalesce(x.measure, o.measure) AS measure,
  coalesce(x.sold_w, 0) AS sold_w, coalesce(x.x_w, 0) AS x_w, coalesce(x.x_h, 0) AS x_h, coalesce(o.o_w, 0) AS o_w,
  coalesce(o.o_h, 0) AS o_h
FROM measures x FULL JOIN observed o USING (kid, e, measure);

-- Every test of every week: what was observed in the window against what the baseline expected of the same
-- units at the same age. A rate's baseline is the key's own history weighed with its peers' (priorUnits),
-- times the change its peers show in the window against their history (the season, a promotion); a size's
-- is its other sizes' rate in the window. A reason group's share of returns is held to the same blend of
-- shares.
CREATE OR REPLACE TEMP TABLE alert_tests AS
WITH peered AS (
  SELECT k.scope, k.key, c.*, p.o_w - c.o_w AS peer_o_w, p.o_h - c.o_h AS peer_o_h, p.x_w - c.x_w AS peer_x_w,
    p.x_h - c.x_h AS peer_x_h
  FROM alert_cells c JOIN alert_keys k USING (kid)
  JOIN alert_keys pk ON pk.scope = k.parent_scope AND pk.key = k.parent_key
  JOIN alert_cells p ON p.kid = pk.kid AND p.e = c.e AND p.measure = c.measure
),
rates AS (
  SELECT c.*, s.prior_units,
    c.peer_o_h / nullif(c.peer_x_h, 0) AS peer_rate_h, c.peer_o_w / nullif(c.peer_x_w, 0) AS peer_rate_w
  FROM peered c, alert_settings s
  WHERE c.measure IN ('all', 'defect', 'fit')
),
baselines AS (
  SELECT scope, key, e, measure, sold_w, o_w, x_w,
    CASE WHEN scope = 'sku'
      THEN peer_o_w + prior_units * coalesce(peer_rate_h, peer_rate_w, 0)
      ELSE o_h + prior_units * coalesce(peer_rate_h, o_h / nullif(x_h, 0), 0) END AS baseline_units,
    CASE WHEN scope = 'sku' THEN peer_x_w + prior_units ELSE x_h + prior_units END AS baseline_exposure,
    CASE WHEN scope = 'sku' THEN 1 ELSE coalesce(peer_rate_w / nullif(peer_rate_h, 0), 1) END AS season
  FROM rates
  WHERE scope = 'sku' OR measure <> 'fit'
),
rate_tests AS (
  SELECT scope, key, e, CASE measure WHEN 'all' THEN 'return_rate_spike' WHEN 'defect' THEN 'defect_spike'
      ELSE 'size_fit_outlier' END AS kind,
    CASE WHEN measure = 'fit' THEN 'fit' END AS reason_group, sold_w AS sold, o_w AS observed_units,
    x_w * season * baseline_units / baseline_exposure AS expected_units, baseline_units
  FROM baselines WHERE baseline_exposure > 0
),
shares AS (
  SELECT g.scope, g.key, g.e, g.measure AS reason_group, a.sold_w, a.o_w AS n, g.o_w AS k, s.prior_units,
    (g.o_h + s.prior_units * coalesce((g.peer_o_h) / nullif(a.peer_o_h, 0), g.o_h / nullif(a.o_h, 0), 0))
      / nullif(a.o_h + s.prior_units, 0)
      * coalesce((g.peer_o_w / nullif(a.peer_o_w, 0)) / nullif(g.peer_o_h / nullif(a.peer_o_h, 0), 0), 1) AS q0
  FROM peered g JOIN peered a ON a.kid = g.kid AND a.e = g.e AND a.measure = 'all', alert_settings s
  WHERE list_contains(s.shift_groups, g.measure) AND g.scope IN ('product', 'supplier', 'category')
)
-- A rate is held to its baseline as two counts are (the window's units against the baseline's, each over its
-- exposure): given both, the window's share is binomial, which weighs how little the baseline itself may
-- rest on. A reason group's units are a binomial share of the window's returns.
SELECT scope, key, e, kind, reason_group, sold, observed_units, expected_units, NULL::HUGEINT AS returned,
  observed_units + baseline_units AS trials, expected_units / (expected_units + baseline_units) AS chance
FROM rate_tests WHERE expected_units > 0
UNION ALL
SELECT scope, key, e, 'reason_shift', reason_group, sold_w, k, n * least(q0, 0.999), n, n, least(q0, 0.999)
FROM shares WHERE q0 > 0;

-- How much more the counts vary than chance alone would make them (customers who return much, orders of
-- several units): per scope and kind, the squared Pearson residuals' median over their median under chance
-- (0.455), never below 1. Each key's weeks give one median first, so the few keys with a real wave (weeks of
-- them) cannot pass their own excess off as the noise of all. The tests divide their counts by it.
CREATE OR REPLACE TEMP TABLE alert_dispersion AS
WITH per_key AS (
  SELECT scope, kind, key, median((observed_units - trials * chance) ^ 2 / (trials * chance * (1 - chance))) AS residual
  FROM alert_tests WHERE trials * chance >= 2
  GROUP BY ALL
)
SELECT scope, kind, greatest(1, coalesce(median(residual) / 0.455, 1)) AS dispersion FROM per_key GROUP BY ALL;

-- The weeks' tests that fire: enough units, enough above the baseline, and a chance below the week's share
-- of the family chance (Bonferroni over the tests that had the units to fire that week).
CREATE OR REPLACE TEMP TABLE alert_firing AS
WITH chances AS (
  SELECT t.*, d.dispersion,
    binomial_log_tail(t.trials / d.dispersion, t.observed_units / d.dispersion, t.chance) AS log_chance
  FROM alert_tests t JOIN alert_dispersion d USING (scope, kind)
),
family AS (
  SELECT e, count(*) AS tests FROM alert_tests, alert_settings
  WHERE coalesce(returned, sold) >= min_units GROUP BY e
)
SELECT c.* FROM chances c JOIN family f USING (e), alert_settings s
WHERE c.observed_units >= s.min_units AND c.observed_units >= s.min_ratio * c.expected_units
  AND c.log_chance <= ln(s.family_chance / f.tests);

-- One alert per episode: a test that fires again within mergeWeeks of its last firing is the same alert, as
-- the data first showed it.
CREATE OR REPLACE TABLE alerts AS
WITH gaps AS (
  SELECT f.*, e - lag(e) OVER (PARTITION BY kind, scope, key, reason_group ORDER BY e) AS gap FROM alert_firing f
),
episodes AS (
  SELECT g.*, sum(CASE WHEN gap IS NULL OR gap > s.merge_weeks THEN 1 ELSE 0 END)
      OVER (PARTITION BY kind, scope, key, reason_group ORDER BY e) AS episode
  FROM gaps g, alert_settings s
),
firsts AS (
  SELECT * FROM episodes
  QUALIFY row_number() OVER (PARTITION BY kind, scope, key, reason_group, episode ORDER BY e) = 1
),
described AS (
  SELECT f.*, k.label, k.product_id, k.category_key, k.supplier_key, k.variant,
    alert_monday(f.e - s.window_weeks + 1) AS window_from, alert_monday(f.e) + 6 AS window_to,
    least(alert_monday(f.e) + 6, (SELECT CAST(newest AS DATE) FROM data_as_of)) AS detected_on,
    f.observed_units / f.expected_units AS ratio, s.history_weeks, s.severity_high, s.severity_medium,
    CASE f.scope WHEN 'product' THEN 'its category' WHEN 'sku' THEN 'the product''s other sizes'
      ELSE 'the rest of the shop' END AS peers
  FROM firsts f JOIN alert_keys k USING (scope, key), alert_settings s
)
SELECT
  substr(md5(concat_ws('|', kind, scope, key, coalesce(reason_group, ''), detected_on::VARCHAR)), 1, 16) AS alert_id,
  kind, scope, key, label, product_id, category_key AS category, supplier_key AS supplier, reason_group,
  detected_on, window_from, window_to,
  CAST(sold AS INTEGER) AS sold_units, CAST(observed_units AS INTEGER) AS observed_units,
  round(expected_units, 2) AS expected_units,
  CASE WHEN returned IS NULL THEN observed_units / nullif(sold, 0) ELSE observed_units / returned END AS observed,
  CASE WHEN returned IS NULL THEN expected_units / nullif(sold, 0) ELSE expected_units / returned END AS baseline,
  exp(log_chance) AS p_value,
  CASE WHEN ratio >= severity_high THEN 'high' WHEN ratio >= severity_medium THEN 'medium' ELSE 'low' END AS severity,
  CASE kind
    WHEN 'reason_shift' THEN printf('%d of %d units returned from the orders of %s to %s were for %s by %s; %s expected from the previous %d weeks'' mix and %s (chance %s)',
      observed_units::BIGINT, returned::BIGINT, strftime(window_from, '%-d %b'), strftime(window_to, '%-d %b %Y'),
      replace(reason_group, '_', ' '), strftime(detected_on, '%-d %b'), expected_words(expected_units),
      history_weeks, peers, chance_words(log_chance))
    ELSE printf('%d of %d units%s ordered %s to %s came back%s by %s; %s expected from %s (chance %s)',
      observed_units::BIGINT, sold::BIGINT, CASE WHEN scope = 'sku' THEN ' of size ' || coalesce(variant, key) ELSE '' END,
      strftime(window_from, '%-d %b'), strftime(window_to, '%-d %b %Y'),
      CASE kind WHEN 'defect_spike' THEN ' as defective or damaged' WHEN 'size_fit_outlier' THEN ' for fit' ELSE '' END,
      strftime(detected_on, '%-d %b'), expected_words(expected_units),
      CASE WHEN scope = 'sku' THEN peers ELSE printf('the previous %d weeks and %s in the same weeks', history_weeks, peers) END,
      chance_words(log_chance))
  END AS explanation
FROM described;

DROP TABLE alert_sku_keys;
DROP TABLE alert_keys;
DROP TABLE alert_sku_map;
DROP TABLE alert_weeks;
DROP TABLE alert_sold;
DROP TABLE alert_returned;
DROP TABLE alert_delays;
DROP TABLE alert_cells;
DROP TABLE alert_tests;
DROP TABLE alert_dispersion;
DROP TABLE alert_firing;
DROP MACRO alert_week;
DROP MACRO alert_monday;
