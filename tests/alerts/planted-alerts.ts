import { copyFile } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { publishedGeneration } from '../../src/lib/core/db/generations.ts';
import { ALERT_COLUMN_TYPES, ALERT_TABLE_COLUMNS } from '../../src/lib/features/alerts/alerts.ts';

/** An alert as the refresh stores it: the contract's columns (ALERT_TABLE_COLUMNS). */
export type StoredAlert = Record<(typeof ALERT_TABLE_COLUMNS)[number], string | number | null>;

/**
 * Adds alerts to the published generation's `alerts` table, as the alert detection of a refresh would
 * have stored them; a generation built without detection gets the table, in the contract's columns.
 */
export async function plantAlerts(connection: DuckDBConnection, alerts: StoredAlert[]): Promise<void> {
	const generation = await publishedGeneration(connection);
	if (!generation) throw new Error('no published generation to plant alerts in');
	const columns = ALERT_TABLE_COLUMNS.map((c) => `${c} ${ALERT_COLUMN_TYPES[c]}`).join(', ');
	await connection.run(`CREATE TABLE IF NOT EXISTS ${generation}.alerts (${columns})`);
	for (const alert of alerts) {
		const values = ALERT_TABLE_COLUMNS.map((c) => alert[c]);
		await connection.run(
			`INSERT INTO ${generation}.alerts (${ALERT_TABLE_COLUMNS.join(', ')})
			 VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
			values
		);
	}
}

/**
 * A copy of a database (the shared demo database, which its tests only read) at `dbPath`, with the
 * sample alerts planted; answers them.
 */
export async function copyWithSampleAlerts(source: string, dbPath: string): Promise<StoredAlert[]> {
	await copyFile(source, dbPath);
	const db = await openDatabase(dbPath);
	const connection = await db.connect();
	try {
		const alerts = await sampleAlerts(connection);
		await plantAlerts(connection, alerts);
		return alerts;
	} finally {
		connection.closeSync();
		db.close();
	}
}

/** The label of the planted alert whose text is markup: it must show as text wherever it is drawn. */
export const HOSTILE_LABEL = '<img src=x onerror="window.__pwned=1">Boot & "Co"';

/**
 * Four alerts, one per scope, on the database's own catalogue (so their links open real views): a
 * product's defect spike, one of its SKUs running small, a supplier's batch, a category's return rate,
 * detected on different days before `lastDay` (YYYY-MM-DD), the last day with orders.
 */
export async function sampleAlerts(connection: DuckDBConnection): Promise<StoredAlert[]> {
	const [line] = (
		await connection.runAndReadAll(
			`SELECT product_id, any_value(product_name) AS product_name, any_value(sku) AS sku,
			   any_value(category) AS category, any_value(supplier) AS supplier,
			   strftime(max(max(ordered_at)) OVER (), '%Y-%m-%d') AS last_day
			 FROM main.orders WHERE supplier IS NOT NULL AND category IS NOT NULL
			 GROUP BY product_id ORDER BY count(*) DESC, product_id LIMIT 1`
		)
	).getRowObjectsJS();
	const day = (back: number) => {
		const d = new Date(`${String(line.last_day)}T00:00:00Z`);
		d.setUTCDate(d.getUTCDate() - back);
		return d.toISOString().slice(0, 10);
	};
	const base = {
		product_id: String(line.product_id),
		category: String(line.category),
		supplier: String(line.supplier),
		reason_group: null,
		sold_units: 38,
		observed_units: 14,
		expected_units: 1.2,
		observed: 14 / 38,
		baseline: 1.2 / 38,
		p_value: 1e-9
	};
	return [
		{
			...base,
			alert_id: 'a-product-defect',
			kind: 'defect_spike',
			scope: 'product',
			key: String(line.product_id),
			label: String(line.product_name),
			detected_on: day(10),
			window_from: day(24),
			window_to: day(18),
			severity: 'high',
			explanation: '14 of 38 units returned as defective; 1.2 expected from the previous 12 weeks'
		},
		{
			...base,
			alert_id: 'a-sku-fit',
			kind: 'size_fit_outlier',
			scope: 'sku',
			key: String(line.sku),
			label: HOSTILE_LABEL,
			reason_group: 'fit',
			detected_on: day(40),
			window_from: day(60),
			window_to: day(47),
			observed_units: 9,
			severity: 'medium',
			p_value: 1e-5,
			explanation: '9 of 38 units returned as too small; 1.2 expected from the other sizes'
		},
		{
			...base,
			alert_id: 'a-supplier-batch',
			kind: 'return_rate_spike',
			scope: 'supplier',
			key: String(line.supplier),
			label: String(line.supplier),
			product_id: null,
			category: null,
			detected_on: day(3),
			window_from: day(17),
			window_to: day(10),
			severity: 'low',
			p_value: 1e-4,
			explanation: '30 of 120 units returned; 14.5 expected from the previous 12 weeks'
		},
		{
			...base,
			alert_id: 'a-category-shift',
			kind: 'reason_shift',
			scope: 'category',
			key: String(line.category),
			label: String(line.category),
			product_id: null,
			supplier: null,
			reason_group: 'defect',
			detected_on: day(200),
			window_from: day(220),
			window_to: day(207),
			severity: 'medium',
			p_value: 1e-6,
			explanation: 'defect returns 9% of returns in the orders of the window; 4% expected'
		}
	];
}
