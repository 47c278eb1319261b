/**
 * Shared by the fraud API tests: the shared demo database and its planted truth, the raw files it was
 * loaded from with the columns the fraud checks need, and the app with every flagged customer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';
import type { DemoTruth } from '../../pipelines/demo-data/generate.ts';
import type { FraudCustomerRow } from '../../src/lib/features/fraud/fraud.ts';
import { rawQuery } from '../support/raw-demo.ts';
import { apiClient, type ApiClient } from '../support/api-client.ts';

export const demo = inject('demoDatabase');
export const truth: DemoTruth = JSON.parse(readFileSync(join(demo.dataDir, 'truth.json'), 'utf8'));

/**
 * The app over the shared demo database and every customer it flags (highest score first). Awaited at the
 * top of a test file, it is open for all the file's tests and closed in the file's afterAll.
 */
export async function useFraudApi(): Promise<{ api: ApiClient; flagged: FraudCustomerRow[] }> {
	const api = await apiClient(demo.dbPath);
	afterAll(() => api.close());
	return { api, flagged: (await api.json<FraudCustomerRow>('/api/fraud/customers?limit=10000')).body.rows };
}

export const csvFile = (name: string) =>
	`read_csv('${join(demo.dataDir, name).replaceAll("'", "''")}', all_varchar = true, header = true)`;
const bool = (column: string) =>
	`CASE WHEN lower(${column}) IN ('true', '1', 'yes') THEN true ` +
	`WHEN lower(${column}) IN ('false', '0', 'no') THEN false END`;

/**
 * The raw files with the columns the raw views leave out (resolution, refunds' RMA, inspections),
 * loaded rows only: the contract's checks on required fields, applied by hand.
 */
const RAW_EXTRA = `
rma_rows AS MATERIALIZED (
  SELECT r.*, c.resolution, c.customer_id AS rma_customer_id
  FROM raw_rmas r JOIN ${csvFile('rmas.csv')} c ON c.rma_id = r.rma_id AND c.line_id = r.line_id
),
inspection_rows AS MATERIALIZED (
  SELECT inspection_id, rma_id, line_id, lower(condition) AS condition, ${bool('defect_confirmed')} AS defect_confirmed,
    ${bool('item_matches')} AS item_matches
  FROM ${csvFile('inspections.csv')}
  WHERE inspection_id IS NOT NULL AND rma_id IS NOT NULL AND line_id IS NOT NULL
    AND TRY_CAST(inspected_at AS TIMESTAMPTZ) IS NOT NULL
    AND lower(condition) IN ('new', 'like_new', 'used', 'damaged', 'defective', 'wrong_item', 'empty', 'missing_parts')
    AND lower(disposition) IN ('restock', 'refurbish', 'liquidate', 'return_to_vendor', 'dispose')
),
refund_rows AS MATERIALIZED (
  SELECT r.*, c.rma_id FROM raw_refunds r JOIN ${csvFile('refunds.csv')} c ON c.refund_id = r.refund_id
),
inspected AS MATERIALIZED (
  SELECT o.customer_id, o.category, m.rma_id, m.line_id, g.reason_group, i.condition, i.defect_confirmed, i.item_matches
  FROM inspection_rows i
  JOIN rma_rows m ON m.rma_id = i.rma_id AND m.line_id = i.line_id
  JOIN raw_orders o ON o.line_id = m.line_id
  LEFT JOIN raw_reasons g ON g.reason_code = m.reason_code
  WHERE m.status <> 'cancelled'
)`;

export async function raw<T>(sql: string, params?: Record<string, string>): Promise<T[]> {
	return rawQuery<T>(demo.dataDir, `WITH ${RAW_EXTRA} ${sql}`, params);
}
