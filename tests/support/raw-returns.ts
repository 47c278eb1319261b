import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { rawViewsSql } from './raw-demo.ts';

/**
 * The RMA lines, inspections and refund bookings of the generated CSV files, validated and defaulted
 * as the contract says, on top of raw-demo's views: what cost, timing, supplier and reason figures are
 * recomputed from. It never reads the pipeline's tables. Tables rather than views, so each file is
 * read once per query rather than once per reference.
 */
function rawReturnViewsSql(dataDir: string): string {
	const file = (name: string) => `'${join(dataDir, name).replaceAll("'", "''")}'`;
	const read = (name: string) => `read_csv(${file(name)}, all_varchar = true, header = true, ignore_errors = true)`;
	const ts = (c: string) =>
		`coalesce(TRY_CAST(TRY_CAST(${c} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP),
		          TRY_CAST(${c} AS TIMESTAMP))`;
	const bool = (c: string) =>
		`CASE WHEN lower(${c}) IN ('true', '1', 'yes') THEN TRUE
		      WHEN lower(${c}) IN ('false', '0', 'no') THEN FALSE END`;
	// An optional money field that is negative or unparsable is loaded empty.
	const optionalMoney = (c: string) =>
		`CASE WHEN TRY_CAST(${c} AS DECIMAL(18, 2)) >= 0 THEN TRY_CAST(${c} AS DECIMAL(18, 2)) END`;
	return `
CREATE TEMP TABLE raw_order_lines AS SELECT * FROM raw_orders;
CREATE TEMP TABLE raw_rma_rows AS
SELECT m.rma_id, m.line_id, m.reason_code, lower(m.status) AS status, CAST(m.quantity AS INTEGER) AS quantity,
  ${ts('m.created_at')} AS created_at
FROM ${read('rmas.csv')} m
WHERE m.rma_id IS NOT NULL AND m.line_id IS NOT NULL AND ${ts('m.created_at')} IS NOT NULL
  AND regexp_full_match(m.quantity, '[0-9]+') AND CAST(m.quantity AS INTEGER) >= 1
  AND lower(m.status) IN ('requested', 'approved', 'rejected', 'in_transit', 'received', 'inspected', 'refunded',
                          'closed', 'cancelled')
  -- An RMA may not return more than was ordered: the demo's offending rows do so on their own.
  AND NOT EXISTS (SELECT 1 FROM raw_order_lines o
                  WHERE o.line_id = m.line_id AND CAST(m.quantity AS INTEGER) > o.quantity);
-- The latest inspection of each RMA line.
CREATE TEMP TABLE raw_inspections AS
SELECT inspection_id, rma_id, line_id, ${ts('received_at')} AS received_at, ${ts('inspected_at')} AS inspected_at,
  lower(condition) AS condition, ${bool('defect_confirmed')} AS defect_confirmed,
  ${bool('item_matches')} AS item_matches,
  lower(disposition) AS disposition, ${optionalMoney('recovery_value')} AS recovery_value
FROM ${read('inspections.csv')}
WHERE inspection_id IS NOT NULL AND rma_id IS NOT NULL AND line_id IS NOT NULL AND ${ts('inspected_at')} IS NOT NULL
  AND lower(condition) IN ('new', 'like_new', 'used', 'damaged', 'defective', 'wrong_item', 'empty', 'missing_parts')
  AND lower(disposition) IN ('restock', 'refurbish', 'liquidate', 'return_to_vendor', 'dispose')
QUALIFY row_number() OVER (PARTITION BY rma_id, line_id ORDER BY ${ts('inspected_at')} DESC, inspection_id DESC) = 1;
-- RMA lines that are returns of a loaded order line, with what the warehouse found.
CREATE TEMP TABLE raw_returns AS
SELECT m.rma_id, m.line_id, m.created_at, m.status, m.quantity AS returned_units, m.reason_code,
  coalesce(c.reason_group, 'other') AS reason_group,
  o.order_id, o.customer_id, o.product_id, o.product_name, o.category, o.supplier, o.sku, o.channel, o.country,
  o.unit_price, o.ordered_at,
  m.quantity * o.unit_price AS returned_value,
  i.inspection_id, i.received_at, i.inspected_at, i.condition, i.defect_confirmed, i.item_matches,
  -- Without a recovery value, restocked units keep their full value and anything else is worth nothing.
  coalesce(i.recovery_value, CASE WHEN i.disposition = 'restock' THEN m.quantity * o.unit_price ELSE 0 END)
    AS recovery_value,
  coalesce(c.reason_group, 'other') IN ('defect', 'damage') OR i.defect_confirmed IS TRUE
    OR i.condition IN ('defective', 'damaged') AS defect_driven
FROM raw_rma_rows m
JOIN raw_order_lines o USING (line_id)
LEFT JOIN raw_reasons c USING (reason_code)
LEFT JOIN raw_inspections i USING (rma_id, line_id)
WHERE m.status NOT IN ('rejected', 'cancelled');
-- Refund bookings, costs defaulting to 0, with the order line and RMA they name.
CREATE TEMP TABLE raw_refund_bookings AS
SELECT f.refund_id, f.rma_id, f.line_id, f.order_id, ${ts('f.issued_at')} AS issued_at,
  CAST(f.amount AS DECIMAL(18, 2)) AS amount,
  lower(f.method) AS method,
  coalesce(${optionalMoney('f.return_shipping_cost')}, 0) AS return_shipping_cost,
  coalesce(${optionalMoney('f.handling_cost')}, 0) AS handling_cost,
  coalesce(${optionalMoney('f.restocking_fee')}, 0) AS restocking_fee,
  o.product_id, o.category, o.supplier,
  CASE WHEN f.rma_id IS NULL THEN 'no_return' ELSE coalesce(c.reason_group, 'other') END AS reason_group
FROM ${read('refunds.csv')} f
LEFT JOIN raw_order_lines o ON o.line_id = f.line_id
LEFT JOIN raw_rma_rows m ON m.rma_id = f.rma_id AND m.line_id = f.line_id
LEFT JOIN raw_reasons c ON c.reason_code = m.reason_code
WHERE f.refund_id IS NOT NULL AND f.order_id IS NOT NULL AND ${ts('f.issued_at')} IS NOT NULL
  AND TRY_CAST(f.amount AS DECIMAL(18, 2)) >= 0
  AND lower(f.method) IN ('original_payment', 'store_credit', 'gift_card', 'exchange', 'cash');`;
}

export interface RawReturns {
	/**
	 * Runs `sql` over raw-demo's views and raw_order_lines (raw_orders, read once), raw_returns, raw_inspections and
	 * raw_refund_bookings.
	 */
	query<T = Record<string, DuckDBValue>>(sql: string, params?: Record<string, DuckDBValue>): Promise<T[]>;
	close(): void;
}

/** Loads the raw files once into an in-memory database, for a test file's recomputations. */
export async function openRawReturns(dataDir: string): Promise<RawReturns> {
	const db = await openDatabase(':memory:');
	const connection = await db.connect();
	await connection.run(rawViewsSql(dataDir) + rawReturnViewsSql(dataDir));
	return {
		async query<T>(sql: string, params?: Record<string, DuckDBValue>) {
			return (await connection.runAndReadAll(sql, params)).getRowObjectsJS() as T[];
		},
		close() {
			connection.closeSync();
			db.close();
		}
	};
}
