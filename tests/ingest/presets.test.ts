import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { loadMapping, loadPreset, presetNames } from '../../pipelines/ingest/mapping.ts';
import { query, tempDir, writeText } from './fixtures.ts';

const SAMPLES = new URL('../../docs/samples/', import.meta.url).pathname;

describe('presets and their sample files in docs/samples', () => {
	it('ships the presets the README names', async () => {
		expect(await presetNames()).toEqual(['ledger', 'returns-portal', 'shopify-orders']);
	});

	it('loads a Shopify order export: order fields from the first row, one column into two, constants', async () => {
		const dbPath = join(tempDir(), 'db.duckdb');
		const summary = await ingest({
			dbPath,
			paths: [join(SAMPLES, 'shopify-orders.csv')],
			entity: 'orders',
			mapping: await loadPreset('shopify-orders')
		});
		expect(summary.files[0]).toMatchObject({ read: 6, loaded: 6, rejected: 0 });
		expect(
			await query(
				dbPath,
				`SELECT line_id, order_id, customer_id, customer_email, sku, product_id, channel, currency, country,
				        strftime(ordered_at, '%Y-%m-%d %H:%M:%S') AS ordered_at, quantity, unit_price::VARCHAR AS price
				 FROM orders ORDER BY line_id`
			)
		).toEqual([
			...[
				['#1001/1', 'LS-WHT-M', 2, '39.90'],
				['#1001/2', 'LS-WHT-L', 1, '39.90'],
				['#1001/3', 'CT-SND', 1, '19.99']
			].map(([line, sku, quantity, price]) => ({
				line_id: line,
				order_id: '#1001',
				customer_id: 'anna.berg@example.com',
				customer_email: 'anna.berg@example.com',
				sku,
				product_id: sku,
				channel: 'web',
				currency: 'EUR',
				country: 'DE',
				ordered_at: '2025-03-14 08:30:12',
				quantity,
				price
			})),
			expect.objectContaining({ line_id: '#1002/1', customer_id: 'jan.devries@example.nl', country: 'NL' }),
			expect.objectContaining({ line_id: '#1003/1', ordered_at: '2025-03-16 10:44:51', sku: 'LS-BLU-S' }),
			expect.objectContaining({ line_id: '#1003/2', customer_id: 'camille.roux@example.fr', sku: 'LS-BLU-M' })
		]);
	});

	it('loads a returns portal export by order number and SKU; an unknown order waits as an orphan', async () => {
		const dbPath = join(tempDir(), 'db.duckdb');
		await ingest({
			dbPath,
			paths: [join(SAMPLES, 'shopify-orders.csv')],
			entity: 'orders',
			mapping: await loadPreset('shopify-orders')
		});
		const summary = await ingest({
			dbPath,
			paths: [join(SAMPLES, 'returns-portal.csv')],
			entity: 'rmas',
			mapping: await loadPreset('returns-portal')
		});
		expect(summary.files[0]).toMatchObject({ read: 5, loaded: 5, rejected: 0, orphans: 1 });
		expect(
			await query(
				dbPath,
				'SELECT rma_id, line_id, quantity, status, resolution FROM rmas ORDER BY rma_id, line_id'
			)
		).toEqual([
			{ rma_id: 'RT-5001', line_id: '#1001/1', quantity: 1, status: 'inspected', resolution: 'exchange' },
			{ rma_id: 'RT-5001', line_id: '#1001/2', quantity: 1, status: 'refunded', resolution: 'refund' },
			{ rma_id: 'RT-5002', line_id: '#1003/1', quantity: 1, status: 'received', resolution: 'refund' },
			{ rma_id: 'RT-5003', line_id: '#1002/1', quantity: 1, status: 'requested', resolution: 'refund' }
		]);
		expect(await query(dbPath, 'SELECT rma_id, order_id, sku, line::INTEGER AS line FROM pending_rmas')).toEqual([
			{ rma_id: 'RT-5004', order_id: '#1009', sku: 'CB-BLK-41', line: 6 }
		]);
	});

	it('loads the ledger sample: order lines, returns matched most recent first, unmatched ones kept', async () => {
		const dbPath = join(tempDir(), 'db.duckdb');
		const summary = await ingest({
			dbPath,
			paths: [join(SAMPLES, 'ledger.csv')],
			mapping: await loadPreset('ledger')
		});
		expect(summary.files[0]).toMatchObject({ entity: 'ledger', read: 9, loaded: 8, rejected: 1 });
		expect(summary.files[0].ledger).toEqual({
			orderLines: 5,
			returnLines: 3,
			returnedUnits: 21,
			matchedUnits: 20,
			rmaLines: 3,
			unmatchedUnits: 1
		});
		expect(await query(dbPath, 'SELECT rma_id, line_id, quantity FROM rmas ORDER BY rma_id, line_id')).toEqual([
			{ rma_id: 'C536379', line_id: '536365/1', quantity: 2 },
			{ rma_id: 'C536379', line_id: '536373/1', quantity: 6 },
			{ rma_id: 'C536391', line_id: '536367/1', quantity: 12 }
		]);
	});

	it('rejects a mapping whose new parts are wrong, saying where', async () => {
		const dir = tempDir();
		const bad = {
			rmas: { fill_from_order: ['status'], constants: { status: 'refunded' }, columns: { State: 'status' } },
			reasons: { fill_from_order: ['label'] },
			format: { delimiter: ':', date: '%Y' }
		};
		const error = await loadMapping(writeText(dir, 'bad.json', JSON.stringify(bad))).catch((e: Error) => e);
		expect(String(error)).toMatch(/mapping .*bad\.json is not valid/);
		expect(String(error)).toContain('rmas.constants.status: is also fed by a source column');
		expect(String(error)).toContain('reasons.fill_from_order: reasons rows have no order_id');
		expect(String(error)).toMatch(/format\.delimiter: .*format\.date: needs %d, %m and %y or %Y/);
	});
});
