-- Alerts, from line_facts and return_lines; every threshold comes from the one-row temp table alert_settings
-- (alerts-config.ts). The data is replayed week by week: an evaluation at week e sees the orders and the
-- returns up to that week's Sunday, as the data stood that day, and learns the return delays and how much
-- the counts vary from what was there by then too. So an alert's detected_on is the first Sunday its
-- figures were there, and a load changes no evaluation of a week before its earliest event: these
-- statements bring the stored tables (alert-tables.sql) up to date from the week of
-- getvariable('alert_changed_from') on, the first order for a build from scratch and the earliest changed
-- event after a load (alerts-store.ts). Weeks run Monday to Sunday, numbered from Monday 2000-01-03.
CREATE OR REPLACE TEMP MACRO alert_week(t) AS CAST(floor((epoch_us(CAST(t AS TIMESTAMP)) - 946857600000000)
  / 604800000000) AS INTEGER);
CREATE OR REPLACE TEMP MACRO alert_monday(w) AS DATE '2000-01-03' + CAST(w * 7 AS INTEGER);

-- The first week evaluated again (after the data's last when nothing changed) and its Monday: constants,
-- so the scans below skip the row groups of older rows.
SET VARIABLE alert_from = coalesce(alert_week(getvariable('alert_changed_from')),
  (SELECT alert_week(newest) + 1 FROM data_as_of));
SET VARIABLE alert_from_day = alert_monday(getvariable('alert_from'));

-- The SKUs first ordered from that week on, again: a SKU's product, name, size, category and supplier are
-- the same on all its lines, so the others stand.
DELETE FROM alert_skus WHERE first_week >= getvariable('alert_from');
INSERT INTO alert_skus
SELECT sku, any_value(product_id), any_value(variant), any_value(product_name), any_value(category),
  any_value(supplier), min(alert_week(ordered_at))
FROM line_facts ANTI JOIN alert_skus USING (sku)
WHERE ordered_at >= getvariable('alert_from_day')
GROUP BY sku;

-- Every key in every scope of those SKUs, with the key one level up that its peers share (a SKU's product, a
-- product's category; the shop for a supplier or a category) and what the alert says of it. Every SKU is a
-- key; one whose product comes in no other size has no peers, so no test.
CREATE OR REPLACE TEMP TABLE alert_sku_keys AS
WITH products AS (
  SELECT product_id, any_value(product_name) AS product_name, any_value(category) AS category,
    any_value(supplier) AS supplier
  FROM alert_skus SEMI JOIN (SELECT product_id FROM alert_skus WHERE first_week >= getvariable('alert_from'))
    USING (product_id)
  GROUP BY product_id
),
skus AS (
  SELECT s.sku, s.first_week, s.product_id, s.variant, p.product_name, coalesce(p.category, '') AS category,
    p.category AS category_key, p.supplier
  FROM alert_skus s JOIN products p USING (product_id)
  WHERE s.first_week >= getvariable('alert_from')
)
SELECT s.sku, s.first_week, k.scope,
  CASE k.scope WHEN 'sku' THEN s.sku WHEN 'product' THEN s.product_id WHEN 'supplier' THEN s.supplier
    WHEN 'category' THEN s.category ELSE '' END AS key,
  CASE k.scope WHEN 'sku' THEN 'product' WHEN 'product' THEN 'category' WHEN 'shop' THEN NULL ELSE 'shop' END
    AS parent_scope,
  CASE k.scope WHEN 'sku' THEN s.product_id WHEN 'product' THEN s.category WHEN 'shop' THEN NULL ELSE '' END
    AS parent_key,
  s.category,
  CASE k.scope
    WHEN 'sku' THEN concat_ws(' · ', coalesce(s.product_name, s.product_id), coalesce(s.variant, s.sku))
    WHEN 'product' THEN coalesce(s.product_name, s.product_id)
    WHEN 'supplier' THEN s.supplier
    WHEN 'category' THEN s.category
    ELSE '' END AS label,
  CASE WHEN k.scope IN ('sku', 'product') THEN s.product_id END AS product_id,
  CASE WHEN k.scope IN ('sku', 'product', 'category') THEN s.category_key END AS category_key,
  CASE WHEN k.scope IN ('sku', 'product', 'supplier') THEN s.supplier END AS supplier_key,
  CASE WHEN k.scope = 'sku' THEN s.variant END AS variant
FROM skus s CROSS JOIN (VALUES ('sku'), ('product'), ('supplier'), ('category'), ('shop')) k(scope)
WHERE k.scope <> 'supplier' OR s.supplier IS NOT NULL;

-- The keys first ordered from that week on, again, numbered (kid) after the others in the order they were
-- first ordered: a load leaves the numbers of the keys ordered before its first week as they were. The
-- categories and the shop, whose return delays every key follows, count down from -1, the others up from 1.
DELETE FROM alert_keys WHERE first_week >= getvariable('alert_from');
INSERT INTO alert_keys
WITH keyed AS (
  SELECT scope, key, min(first_week) AS first_week, any_value(parent_scope) AS parent_scope,
    any_value(parent_key) AS parent_key, any_value(label) AS label, any_value(product_id) AS product_id,
    any_value(category_key) AS category_key, any_value(supplier_key) AS supplier_key, any_value(variant) AS variant,
    scope IN ('category', 'shop') AS delays
  FROM alert_sku_keys ANTI JOIN alert_keys USING (scope, key)
  GROUP BY scope, key
)
SELECT CAST(CASE WHEN delays
    THEN -(SELECT count(*) FROM alert_keys WHERE kid < 0) - row_number() OVER numbered
    ELSE (SELECT count(*) FROM alert_keys WHERE kid > 0) + row_number() OVER numbered END AS INTEGER),
  scope, key, first_week, parent_scope, parent_key, label, product_id, category_key, supplier_key, variant
FROM keyed
WINDOW numbered AS (PARTITION BY delays ORDER BY first_week, scope, key);

-- Each SKU's keys by number, with the number of its category, whose return delays its units follow.
DELETE FROM alert_sku_map WHERE first_week >= getvariable('alert_from');
INSERT INTO alert_sku_map
SELECT s.sku, s.first_week, k.kid, c.kid
FROM alert_sku_keys s JOIN alert_keys k USING (scope, key)
JOIN alert_keys c ON c.scope = 'category' AND c.key = s.category;

-- Sold units per key, category and order week, from that week on.
DELETE FROM alert_sold WHERE week >= getvariable('alert_from');
INSERT INTO alert_sold
WITH by_sku AS (
  SELECT sku, alert_week(ordered_at) AS week, sum(sold_units) AS units
  FROM line_facts WHERE ordered_at >= getvariable('alert_from_day') GROUP BY ALL
)
SELECT m.kid, m.cat_kid, s.week, sum(s.units)
FROM by_sku s JOIN alert_sku_map m USING (sku)
GROUP BY ALL;

-- Returned units per key, order week, week of the return and measure, returned from that week on: every
-- return (`all`), the defect-driven ones as the customer stated them (reason group defect or damage: known
-- the day the RMA is made, unlike the inspection), and the watched reason groups. Sizes are watched for
-- fit only.
DELETE FROM alert_returned WHERE return_week >= getvariable('alert_from');
INSERT INTO alert_returned
WITH changed AS (
  SELECT sku, ordered_at, created_at, reason_group, returned_units FROM return_lines
  WHERE created_at >= getvariable('alert_from_day')
  UNION ALL
  SELECT sku, ordered_at, created_at, reason_group, returned_units FROM return_lines
  WHERE ordered_at >= getvariable('alert_from_day') AND created_at < getvariable('alert_from_day')
),
by_sku AS (
  SELECT sku, alert_week(ordered_at) AS week, greatest(alert_week(created_at), alert_week(ordered_at)) AS return_week,
    CASE WHEN reason_group IN ('defect', 'damage') THEN 'defect' ELSE reason_group END AS grp,
    sum(returned_units) AS units
  FROM changed GROUP BY ALL
),
measured AS (
  SELECT sku, week, return_week, 'all' AS measure, units FROM by_sku
  UNION ALL
  SELECT sku, week, return_week, grp, units FROM by_sku, alert_settings
  WHERE grp IN ('defect', 'fit') OR list_contains(shift_groups, grp)
)
SELECT k.kid, r.week, r.return_week, r.measure, sum(r.units)
FROM measured r JOIN alert_sku_map k USING (sku) JOIN alert_keys USING (kid)
WHERE alert_keys.scope <> 'sku' OR r.measure = 'fit'
GROUP BY ALL;

-- The weeks evaluated again: from that week, or from the first with a whole history and window of orders
-- before it and a cohort old enough to learn return delays from, to the data's last.
CREATE OR REPLACE TEMP TABLE alert_weeks AS
SELECT CAST(range AS INTEGER) AS e FROM range(
  greatest(getvariable('alert_from'), (SELECT min(first_week) FROM alert_skus)
    + (SELECT greatest(window_weeks + history_weeks - 1, mature_weeks) FROM alert_settings)),
  (SELECT alert_week(newest) FROM data_as_of) + 1);

-- The share of a cohort's returns back within a number of weeks of its order week, learnt at each week from
-- the cohorts old enough by then to have them all: per category where it has enough such returns of the
-- measure, else the shop's. A young cohort is then expected to show only that share of its returns so far.
CREATE OR REPLACE TEMP TABLE alert_delays AS
WITH returned AS MATERIALIZED (
  SELECT k.scope, r.*
  FROM alert_returned r JOIN alert_keys k USING (kid)
  WHERE r.kid < 0 AND r.measure IN ('all', 'defect', 'fit')
),
mature AS (
  SELECT w.e, r.scope, r.kid, r.measure, least(r.return_week - r.week, s.window_weeks + s.history_weeks) AS age,
    sum(r.units) AS units
  FROM alert_weeks w, alert_settings s, returned r
  WHERE r.week <= w.e - s.mature_weeks AND r.return_week <= w.e
  GROUP BY ALL
),
curves AS (
  SELECT m.e, m.scope, m.kid, m.measure, a.range AS age,
    sum(m.units) FILTER (WHERE m.age <= a.range) / sum(m.units) AS share, sum(m.units) AS total
  FROM mature m, range(0, (SELECT window_weeks + history_weeks FROM alert_settings)) a
  GROUP BY ALL
),
own AS (
  SELECT shop.e, c.kid AS cat_kid, shop.measure, shop.age,
    CASE WHEN o.total >= (SELECT min_delay_units FROM alert_settings) THEN o.share ELSE shop.share END AS share
  FROM alert_keys c CROSS JOIN curves shop
  LEFT JOIN curves o ON o.e = shop.e AND o.kid = c.kid AND o.measure = shop.measure AND o.age = shop.age
  WHERE c.scope = 'category' AND shop.scope = 'shop'
)
PIVOT own ON measure IN ('all', 'defect', 'fit') USING first(share) GROUP BY e, cat_kid, age;

-- Per key, evaluation week and measure: units sold in the window, and the window's and the history's
-- exposure (units times the share of their returns back by the evaluation), and their returned units so far.
-- An evaluation looks at the cohorts of its window + history weeks (age 0 is its own week).
CREATE OR REPLACE TEMP TABLE alert_cells AS
WITH cohorts AS MATERIALIZED (
  SELECT w.e, a.range AS age, CAST(w.e - a.range AS INTEGER) AS week, a.range < s.window_weeks AS in_window
  FROM alert_weeks w, alert_settings s, range(0, s.window_weeks + s.history_weeks) a
),
weights AS MATERIALIZED (
  SELECT c.e, c.week, d.cat_kid, c.in_window::INTEGER AS sold_w,
    CASE WHEN c.in_window THEN d.all ELSE 0 END AS all_w, CASE WHEN c.in_window THEN 0 ELSE d.all END AS all_h,
    CASE WHEN c.in_window THEN d.defect ELSE 0 END AS defect_w,
    CASE WHEN c.in_window THEN 0 ELSE d.defect END AS defect_h,
    CASE WHEN c.in_window THEN d.fit ELSE 0 END AS fit_w, CASE WHEN c.in_window THEN 0 ELSE d.fit END AS fit_h
  FROM cohorts c JOIN alert_delays d ON d.e = c.e AND d.age = c.age
),
exposure AS (
  SELECT s.kid, c.e, sum(s.units * c.sold_w) AS sold_w, sum(s.units * c.all_w) AS all_w,
    sum(s.units * c.all_h) AS all_h, sum(s.units * c.defect_w) AS defect_w, sum(s.units * c.defect_h) AS defect_h,
    sum(s.units * c.fit_w) AS fit_w, sum(s.units * c.fit_h) AS fit_h
  FROM weights c JOIN alert_sold s ON s.week = c.week AND s.cat_kid = c.cat_kid
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
  SELECT r.kid, c.e, r.measure, sum(r.units * c.in_window::INTEGER) AS o_w,
    sum(r.units * (NOT c.in_window)::INTEGER) AS o_h
  FROM cohorts c JOIN alert_returned r ON r.week = c.week
  WHERE r.return_week <= c.e
  GROUP BY ALL
)
-- Each cell carries its key's scope, name and parent's number, so the peers' cell is found by one join on
-- three columns of both sides: a join on the week and measure alone would pair every key with every other.
SELECT c.kid, k.scope, k.key, pk.kid AS parent_kid, c.e, c.measure, c.sold_w, c.x_w, c.x_h, c.o_w, c.o_h
FROM (
  SELECT coalesce(x.kid, o.kid) AS kid, coalesce(x.e, o.e) AS e, coalesce(x.measure, o.measure) AS measure,
    coalesce(x.sold_w, 0) AS sold_w, coalesce(x.x_w, 0) AS x_w, coalesce(x.x_h, 0) AS x_h,
    coalesce(o.o_w, 0) AS o_w, coalesce(o.o_h, 0) AS o_h
  FROM measures x FULL JOIN observed o USING (kid, e, measure)
) c JOIN alert_keys k USING (kid)
LEFT JOIN alert_keys pk ON pk.scope = k.parent_scope AND pk.key = k.parent_key;

-- Every test of every week: what was observed in the window against what the baseline expected of the same
-- units at the same age. A rate's baseline is the key's own history weighed with its peers' (priorUnits),
-- times the change its peers show in the window against their history (the season, a promotion); a size's
-- is its other sizes' rate in the window. A reason group's share of returns is held to the same blend of
-- shares.
CREATE OR REPLACE TEMP TABLE alert_tests AS
WITH peered AS (
  SELECT c.*, p.o_w - c.o_w AS peer_o_w, p.o_h - c.o_h AS peer_o_h, p.x_w - c.x_w AS peer_x_w,
    p.x_h - c.x_h AS peer_x_h
  FROM alert_cells c JOIN alert_cells p ON p.kid = c.parent_kid AND p.e = c.e AND p.measure = c.measure
),
rates AS (
  SELECT c.*, s.prior_units,
    c.peer_o_h / nullif(c.peer_x_h, 0) AS peer_rate_h, c.peer_o_w / nullif(c.peer_x_w, 0) AS peer_rate_w
  FROM peered c, alert_settings s
  WHERE c.measure IN ('all', 'defect', 'fit')
),
baselines AS (
  SELECT kid, scope, key, e, measure, sold_w, o_w, x_w,
    CASE WHEN scope = 'sku'
      THEN peer_o_w + prior_units * coalesce(peer_rate_h, peer_rate_w, 0)
      ELSE o_h + prior_units * coalesce(peer_rate_h, o_h / nullif(x_h, 0), 0) END AS baseline_units,
    CASE WHEN scope = 'sku' THEN peer_x_w + prior_units ELSE x_h + prior_units END AS baseline_exposure,
    CASE WHEN scope = 'sku' THEN 1 ELSE coalesce(peer_rate_w / nullif(peer_rate_h, 0), 1) END AS season
  FROM rates
  WHERE scope = 'sku' OR measure <> 'fit'
),
rate_tests AS (
  SELECT kid, scope, key, e, CASE measure WHEN 'all' THEN 'return_rate_spike' WHEN 'defect' THEN 'defect_spike'
      ELSE 'size_fit_outlier' END AS kind,
    CASE WHEN measure = 'fit' THEN 'fit' END AS reason_group, sold_w AS sold, o_w AS observed_units,
    x_w * season * baseline_units / baseline_exposure AS expected_units, baseline_units
  FROM baselines WHERE baseline_exposure > 0
),
shares AS (
  SELECT g.kid, g.scope, g.key, g.e, g.measure AS reason_group, a.sold_w, a.o_w AS n, g.o_w AS k, s.prior_units,
    (g.o_h + s.prior_units * coalesce((g.peer_o_h) / nullif(a.peer_o_h, 0), g.o_h / nullif(a.o_h, 0), 0))
      / nullif(a.o_h + s.prior_units, 0)
      * coalesce((g.peer_o_w / nullif(a.peer_o_w, 0)) / nullif(g.peer_o_h / nullif(a.peer_o_h, 0), 0), 1) AS q0
  FROM peered g JOIN peered a ON a.kid = g.kid AND a.e = g.e AND a.measure = 'all', alert_settings s
  WHERE list_contains(s.shift_groups, g.measure) AND g.scope IN ('product', 'supplier', 'category')
)
-- A rate is held to its baseline as two counts are (the window's units against the baseline's, each over its
-- exposure): given both, the window's share is binomial, which weighs how little the baseline itself may
-- rest on. A reason group's units are a binomial share of the window's returns.
SELECT kid, scope, key, e, kind, reason_group, sold, observed_units, expected_units, NULL::HUGEINT AS returned,
  observed_units + baseline_units AS trials, expected_units / (expected_units + baseline_units) AS chance
FROM rate_tests WHERE expected_units > 0
UNION ALL
SELECT kid, scope, key, e, 'reason_shift', reason_group, sold_w, k, n * least(q0, 0.999), n, n, least(q0, 0.999)
FROM shares WHERE q0 > 0;

-- How much more the counts vary than chance alone would make them (customers who return much, orders of
-- several units): the squared Pearson residuals of the tests where chance expects 2 units or more.
DELETE FROM alert_residuals WHERE e >= getvariable('alert_from');
INSERT INTO alert_residuals
SELECT kind, kid, e, (observed_units - trials * chance) ^ 2 / (trials * chance * (1 - chance))
FROM alert_tests WHERE trials * chance >= 2;

-- Per week, scope and kind: the residuals' median up to that week over their median under chance (0.455),
-- never below 1. Each key's weeks give one median first, so the few keys with a real wave (weeks of them)
-- cannot pass their own excess off as the noise of all. The tests divide their counts by it. A few weeks
-- take each key's median over its residuals up to each; many take them in one pass along the weeks, each
-- key's until its next week with residuals (the same medians).
SET VARIABLE alert_few_weeks = (SELECT count(*) <= 8 FROM alert_weeks);
CREATE OR REPLACE TEMP TABLE alert_dispersion AS
WITH running AS (
  SELECT kind, kid, e, residual,
    median(residual) OVER along AS running, count(*) OVER along AS n, count(*) OVER (PARTITION BY kind, kid ORDER BY e) AS n_by_e
  FROM alert_residuals
  WHERE NOT getvariable('alert_few_weeks')
  WINDOW along AS (PARTITION BY kind, kid ORDER BY e ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
per_key AS (
  SELECT w.e, r.kind, r.kid, median(r.residual) AS residual
  FROM alert_weeks w JOIN alert_residuals r ON r.e <= w.e
  WHERE getvariable('alert_few_weeks')
  GROUP BY ALL
  UNION ALL
  SELECT w.e, r.kind, r.kid, r.running
  FROM (
    SELECT kind, kid, running, unnest(range(e, coalesce(lead(e) OVER (PARTITION BY kind, kid ORDER BY e),
      (SELECT max(e) + 1 FROM alert_weeks)))) AS e
    FROM running WHERE n = n_by_e
  ) r JOIN alert_weeks w USING (e)
)
SELECT p.e, k.scope, p.kind, greatest(1, coalesce(median(p.residual) / 0.455, 1)) AS dispersion
FROM per_key p JOIN alert_keys k USING (kid)
GROUP BY ALL;

-- The weeks' tests that fire: enough units, enough above the baseline, and a chance below the week's share
-- of the family chance (Bonferroni over the tests that had the units to fire that week).
DELETE FROM alert_firing WHERE e >= getvariable('alert_from');
INSERT INTO alert_firing
WITH chances AS (
  SELECT t.*, d.dispersion,
    binomial_log_tail(t.trials / d.dispersion, t.observed_units / d.dispersion, t.chance) AS log_chance
  FROM alert_tests t JOIN alert_dispersion d USING (e, scope, kind)
),
family AS (
  SELECT e, count(*) AS tests FROM alert_tests, alert_settings
  WHERE coalesce(returned, sold) >= min_units GROUP BY e
)
SELECT c.scope, c.key, c.e, c.kind, c.reason_group, c.sold, c.observed_units, c.expected_units, c.returned,
  c.trials, c.chance, c.dispersion, c.log_chance
FROM chances c JOIN family f USING (e), alert_settings s
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
DROP TABLE alert_weeks;
DROP TABLE alert_delays;
DROP TABLE alert_cells;
DROP TABLE alert_tests;
DROP TABLE alert_dispersion;
DROP MACRO alert_week;
DROP MACRO alert_monday;
RESET VARIABLE alert_from;
RESET VARIABLE alert_from_day;
RESET VARIABLE alert_few_weeks;
