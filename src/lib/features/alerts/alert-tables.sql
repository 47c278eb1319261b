-- The alert tables a refresh keeps between loads, empty: alert-detection.sql fills them from the first week
-- on and, after a load, again from the first week the load changed (alerts-store.ts).

-- Every SKU ordered: its catalogue place, the same on all its lines, and the week of its first order.
CREATE OR REPLACE TABLE alert_skus (sku VARCHAR, product_id VARCHAR, variant VARCHAR, product_name VARCHAR,
  category VARCHAR, supplier VARCHAR, first_week INTEGER);

-- Every key in every scope: its number, the week it was first ordered, its parent and its names.
CREATE OR REPLACE TABLE alert_keys (kid INTEGER, scope VARCHAR, key VARCHAR, first_week INTEGER,
  parent_scope VARCHAR, parent_key VARCHAR, label VARCHAR, product_id VARCHAR, category_key VARCHAR,
  supplier_key VARCHAR, variant VARCHAR);

-- Each SKU's keys, and its category's.
CREATE OR REPLACE TABLE alert_sku_map (sku VARCHAR, first_week INTEGER, kid INTEGER, cat_kid INTEGER);

-- Sold units per key, category and order week.
CREATE OR REPLACE TABLE alert_sold (kid INTEGER, cat_kid INTEGER, week INTEGER, units BIGINT);

-- Returned units per key, order week, week of the return and measure.
CREATE OR REPLACE TABLE alert_returned (kid INTEGER, week INTEGER, return_week INTEGER, measure VARCHAR,
  units BIGINT);

-- Each test's squared Pearson residual, where chance alone expects at least 2 units: how much the counts
-- vary more than chance, as of each week.
CREATE OR REPLACE TABLE alert_residuals (kind VARCHAR, kid INTEGER, e INTEGER, residual DOUBLE);

-- Every week's tests that fired.
CREATE OR REPLACE TABLE alert_firing (scope VARCHAR, key VARCHAR, e INTEGER, kind VARCHAR,
  reason_group VARCHAR, sold HUGEINT, observed_units HUGEINT, expected_units DOUBLE, returned HUGEINT,
  trials DOUBLE, chance DOUBLE, dispersion DOUBLE, log_chance DOUBLE);
