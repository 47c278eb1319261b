import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { openDatabase } from '../../src/lib/core/db/db.ts';

/**
 * Plain SQL over the generated CSV files, applying the contract's definitions directly: the
 * independent recomputation API figures are checked against. It never reads the pipeline's tables.
 */
export function rawViewsSql(dataDir: string): string {
	const file = (name: string) => `'${join(dataDir, name).replaceAll("'", "''")}'`;
	const read = (name: string) => `read_csv(${file(name)}, all_varchar = true, header = true, ignore_errors = true)`;
	const ts = (c: string) =>
		`coalesce(TRY_CAST(TRY_CAST(${c} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP),
		          TRY_CAST(${c} AS TIMESTAMP))`;
	return `
CREATE TEMP VIEW raw_orders AS
SELECT line_id, order_id, customer_id, sku, product_id, product_name, category, variant, supplier, channel, country,
  CAST(quantity AS INTEGER) AS quantity, CAST(unit_price AS DECIMAL(18, 2)) AS unit_price,
  ${ts('ordered_at')} AS ordered_at
FROM ${read('orders.csv')}
WHERE line_id IS NOT NULL AND order_id IS NOT NULL AND customer_id IS NOT NULL AND sku IS NOT NULL
  AND product_id IS NOT NULL
  AND ${ts('ordered_at')} IS NOT NULL AND regexp_full_match(quantity, '[0-9]+') AND CAST(quantity AS INTEGER) >= 1
  AND TRY_CAST(unit_price AS DECIMAL(18, 2)) >= 0;
CREATE TEMP VIEW raw_rmas AS
SELECT rma_id, line_id, reason_code, lower(status) AS status, CAST(quantity AS INTEGER) AS quantity,
  ${ts('created_at')} AS created_at
FROM ${read('rmas.csv')}
WHERE rma_id IS NOT NULL AND line_id IS NOT NULL AND ${ts('created_at')} IS NOT NULL
  AND regexp_full_match(quantity, '[0-9]+')
  AND lower(status) IN ('requested', 'approved', 'rejected', 'in_transit', 'received', 'inspected', 'refunded',
                        'closed', 'cancelled');
CREATE TEMP VIEW raw_reasons AS
SELECT reason_code, lower(reason_group) AS reason_group FROM ${read('reasons.csv')}
WHERE reason_code IS NOT NULL AND label IS NOT NULL;
CREATE TEMP VIEW raw_refunds AS
SELECT refund_id, order_id, CAST(amount AS DECIMAL(18, 2)) AS amount, lower(method) AS method,
  ${ts('issued_at')} AS issued_at
FROM ${read('refunds.csv')}
WHERE refund_id IS NOT NULL AND order_id IS NOT NULL AND ${ts('issued_at')} IS NOT NULL
  AND TRY_CAST(amount AS DECIMAL(18, 2)) >= 0
  AND lower(method) IN ('original_payment', 'store_credit', 'gift_card', 'exchange', 'cash');
-- Returned units per order line: RMAs that are returns, never more than was sold.
CREATE TEMP VIEW raw_line_returns AS
SELECT o.*, least(coalesce(r.units, 0), o.quantity) AS returned_units, coalesce(r.fit_units, 0) AS fit_units
FROM raw_orders o LEFT JOIN (
  SELECT m.line_id, sum(m.quantity) AS units,
    sum(m.quantity) FILTER (WHERE c.reason_group = 'fit') AS fit_units
  FROM raw_rmas m LEFT JOIN raw_reasons c USING (reason_code)
  WHERE m.status NOT IN ('rejected', 'cancelled') GROUP BY m.line_id
) r USING (line_id);`;
}

export async function rawQuery<T = Record<string, DuckDBValue>>(
	dataDir: string,
	sql: string,
	params?: Record<string, DuckDBValue>
): Promise<T[]> {
	const db = await openDatabase(':memory:');
	const connection = await db.connect();
	try {
		await connection.run(rawViewsSql(dataDir));
		return (await connection.runAndReadAll(sql, params)).getRowObjectsJS() as T[];
	} finally {
		connection.closeSync();
		db.close();
	}
}
