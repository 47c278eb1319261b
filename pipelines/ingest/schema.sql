-- Loaded entities: the contract's columns, typed, plus where each row came from.
CREATE TABLE IF NOT EXISTS orders (
  line_id VARCHAR NOT NULL,
  order_id VARCHAR NOT NULL,
  ordered_at TIMESTAMP NOT NULL,
  customer_id VARCHAR NOT NULL,
  customer_email VARCHAR,
  address_key VARCHAR,
  payment_key VARCHAR,
  sku VARCHAR NOT NULL,
  product_id VARCHAR NOT NULL,
  product_name VARCHAR,
  category VARCHAR,
  variant VARCHAR,
  supplier VARCHAR,
  channel VARCHAR,
  country VARCHAR,
  quantity INTEGER NOT NULL,
  unit_price DECIMAL(18, 2) NOT NULL,
  currency VARCHAR NOT NULL,
  delivered_at TIMESTAMP,
  load_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS rmas (
  rma_id VARCHAR NOT NULL,
  line_id VARCHAR NOT NULL,
  order_id VARCHAR,
  customer_id VARCHAR,
  created_at TIMESTAMP NOT NULL,
  quantity INTEGER NOT NULL,
  reason_code VARCHAR,
  reason_text VARCHAR,
  resolution VARCHAR,
  status VARCHAR NOT NULL,
  status_at TIMESTAMP,
  return_channel VARCHAR,
  load_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS reasons (
  reason_code VARCHAR NOT NULL,
  label VARCHAR NOT NULL,
  reason_group VARCHAR,
  load_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS inspections (
  inspection_id VARCHAR NOT NULL,
  rma_id VARCHAR NOT NULL,
  line_id VARCHAR NOT NULL,
  received_at TIMESTAMP,
  inspected_at TIMESTAMP NOT NULL,
  condition VARCHAR NOT NULL,
  defect_confirmed BOOLEAN,
  item_matches BOOLEAN,
  disposition VARCHAR NOT NULL,
  recovery_value DECIMAL(18, 2),
  notes VARCHAR,
  load_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS refunds (
  refund_id VARCHAR NOT NULL,
  rma_id VARCHAR,
  line_id VARCHAR,
  order_id VARCHAR NOT NULL,
  issued_at TIMESTAMP NOT NULL,
  amount DECIMAL(18, 2) NOT NULL,
  method VARCHAR NOT NULL,
  return_shipping_cost DECIMAL(18, 2) NOT NULL,
  handling_cost DECIMAL(18, 2) NOT NULL,
  restocking_fee DECIMAL(18, 2) NOT NULL,
  currency VARCHAR NOT NULL,
  load_id INTEGER NOT NULL
);

-- One row per file load attempt that finished (a killed load leaves no row: it never happened).
CREATE SEQUENCE IF NOT EXISTS load_ids START 1;
CREATE TABLE IF NOT EXISTS load_history (
  load_id INTEGER PRIMARY KEY,
  entity VARCHAR NOT NULL,
  file_path VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL,
  mapping_hash VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  orphans BIGINT NOT NULL,
  warnings BIGINT NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS rejects (
  load_id INTEGER NOT NULL,
  entity VARCHAR NOT NULL,
  file_path VARCHAR NOT NULL,
  line BIGINT,
  raw VARCHAR NOT NULL,
  reason VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS load_warnings (
  load_id INTEGER NOT NULL,
  entity VARCHAR NOT NULL,
  file_path VARCHAR NOT NULL,
  line BIGINT,
  column_name VARCHAR NOT NULL,
  value VARCHAR,
  reason VARCHAR NOT NULL
);

-- Returns in a ledger whose units matched no order line: the units left over and why.
CREATE TABLE IF NOT EXISTS unmatched_returns (
  load_id INTEGER NOT NULL,
  file_path VARCHAR NOT NULL,
  line BIGINT,
  rma_id VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  product_id VARCHAR NOT NULL,
  sku VARCHAR,
  returned_at TIMESTAMP NOT NULL,
  units INTEGER NOT NULL,
  reason VARCHAR NOT NULL
);

-- Rows keyed by order and SKU whose order (or SKU in it) is not loaded yet: orphans that a later load
-- resolves to their order lines. The entity's columns (a table made from a query has no NOT NULL, so the
-- line may be empty), the key's SKU (and an inspection's order), and the load, file, line and raw row
-- they came from.
CREATE TABLE IF NOT EXISTS pending_rmas AS
SELECT * EXCLUDE (load_id), ''::VARCHAR AS sku, load_id, ''::VARCHAR AS file_path, 0::BIGINT AS line,
  ''::VARCHAR AS raw
FROM rmas WHERE false;

CREATE TABLE IF NOT EXISTS pending_inspections AS
SELECT * EXCLUDE (load_id), ''::VARCHAR AS order_id, ''::VARCHAR AS sku, load_id, ''::VARCHAR AS file_path,
  0::BIGINT AS line, ''::VARCHAR AS raw
FROM inspections WHERE false;

-- Refunds are loaded without their line while their order and SKU find none; this keeps the key to fill it.
CREATE TABLE IF NOT EXISTS pending_refund_lines (
  refund_id VARCHAR NOT NULL,
  rma_id VARCHAR,
  order_id VARCHAR NOT NULL,
  sku VARCHAR NOT NULL
);

-- What loads removed or replaced since the published analytics were built, as the order, refund and
-- customer each removed row reached: the incremental refresh rebuilds what these reach (with what the
-- new rows reach, which their load_id tells) and empties this when it publishes.
CREATE TABLE IF NOT EXISTS changed_rows (
  order_id VARCHAR,
  refund_id VARCHAR,
  customer_id VARCHAR,
  event_at TIMESTAMP
);

-- The row groups of the tables whose row ids the analytics hold (customer_rows), as the last refresh
-- left them: the next refresh tells from them whether a checkpoint moved any row (row-id-layout.ts).
CREATE TABLE IF NOT EXISTS row_id_layout (
  table_name VARCHAR NOT NULL,
  row_groups BIGINT[] NOT NULL
);
