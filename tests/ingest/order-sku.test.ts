import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { csv, query, tempDir, writeText } from './fixtures.ts';

const ORDERS = ['line_id', 'order_id', 'ordered_at', 'customer_id', 'sku', 'product_id', 'quantity', 'unit_price'];
const RMAS = ['rma_id', 'order_id', 'sku', 'customer_id', 'created_at', 'quantity', 'status'];

describe('keys by order and SKU', () => {
	it("fills each of the order's lines with that SKU in line order, and rejects what no line has left", async () => {
		const dir = tempDir();
		writeText(
			dir,
			'orders.csv',
			csv(ORDERS, [
				['L1', 'O1', '2025-03-01', 'C1', 'TEE-M', 'TEE', 1, '20'],
				['L2', 'O1', '2025-03-01', 'C1', 'CAP', 'CAP', 1, '10'],
				['L3', 'O1', '2025-03-01', 'C1', 'TEE-M', 'TEE', 2, '18']
			])
		);
		writeText(
			dir,
			'rmas.csv',
			csv(RMAS, [
				['R1', 'O1', 'TEE-M', null, '2025-03-05', 2, 'received'],
				['R0', 'O1', 'TEE-M', null, '2025-03-04', 1, 'cancelled'],
				['R2', 'O1', 'TEE-M', 'C1', '2025-03-06', 2, 'requested'],
				['R3', 'O1', 'TEE-M', null, '2025-03-07', 1, 'requested'],
				['R4', 'O1', 'CAP', 'C9', '2025-03-07', 1, 'requested'],
				['R5', 'O1', null, null, '2025-03-07', 1, 'requested']
			])
		);
		const dbPath = join(dir, 'db.duckdb');
		const summary = await ingest({ dbPath, paths: [dir] });
		expect(summary.files[1]).toMatchObject({ entity: 'rmas', read: 6, loaded: 3, rejected: 3, orphans: 0 });
		expect(
			await query(dbPath, 'SELECT rma_id, line_id, quantity, status FROM rmas ORDER BY rma_id, line_id')
		).toEqual([
			{ rma_id: 'R0', line_id: 'L1', quantity: 1, status: 'cancelled' },
			{ rma_id: 'R1', line_id: 'L1', quantity: 1, status: 'received' },
			{ rma_id: 'R1', line_id: 'L3', quantity: 1, status: 'received' },
			{ rma_id: 'R3', line_id: 'L3', quantity: 1, status: 'requested' }
		]);
		expect(await query(dbPath, 'SELECT line::INTEGER AS line, reason FROM rejects ORDER BY line')).toEqual([
			{
				line: 4,
				reason:
					'quantity 2 brings the units returned of sku TEE-M in order O1 to 4, ' +
					'more than the 3 ordered and not returned yet'
			},
			{ line: 6, reason: 'customer_id "C9" does not match order O1 (customer C1)' },
			{ line: 7, reason: 'missing line_id (or order_id and sku)' }
		]);
	});

	it('keeps rows whose order is not loaded as orphans, and resolves them when it arrives', async () => {
		const dir = tempDir();
		const dbPath = join(dir, 'db.duckdb');
		const returns = join(dir, 'returns');
		mkdirSync(returns);
		mkdirSync(join(dir, 'orders'));
		writeText(dir, 'returns/rmas.csv', csv(RMAS, [['R1', 'O1', 'TEE-M', null, '2025-03-05', 1, 'received']]));
		writeText(
			dir,
			'returns/inspections.csv',
			csv(
				['inspection_id', 'rma_id', 'order_id', 'sku', 'inspected_at', 'condition', 'disposition'],
				[['I1', 'R1', 'O1', 'TEE-M', '2025-03-08', 'used', 'refurbish']]
			)
		);
		writeText(
			dir,
			'returns/refunds.csv',
			csv(
				['refund_id', 'rma_id', 'order_id', 'sku', 'issued_at', 'amount', 'method'],
				[['F1', 'R1', 'O1', 'TEE-M', '2025-03-09', '20.00', 'original_payment']]
			)
		);
		const early = await ingest({ dbPath, paths: [returns] });
		expect(early.files.map((f) => [f.entity, f.loaded, f.orphans])).toEqual([
			['rmas', 1, 1],
			['inspections', 1, 1],
			['refunds', 1, 1]
		]);
		expect(await query(dbPath, 'SELECT count(*)::INTEGER AS n FROM rmas')).toEqual([{ n: 0 }]);

		writeText(dir, 'orders/orders.csv', csv(ORDERS, [['L1', 'O1', '2025-03-01', 'C1', 'TEE-M', 'TEE', 1, '20']]));
		await ingest({ dbPath, paths: [join(dir, 'orders')] });
		expect(await query(dbPath, 'SELECT rma_id, line_id, quantity FROM rmas')).toEqual([
			{ rma_id: 'R1', line_id: 'L1', quantity: 1 }
		]);
		expect(await query(dbPath, 'SELECT inspection_id, line_id FROM inspections')).toEqual([
			{ inspection_id: 'I1', line_id: 'L1' }
		]);
		expect(await query(dbPath, 'SELECT refund_id, line_id FROM refunds')).toEqual([
			{ refund_id: 'F1', line_id: 'L1' }
		]);
		for (const table of ['pending_rmas', 'pending_inspections', 'pending_refund_lines']) {
			expect(await query(dbPath, `SELECT count(*)::INTEGER AS n FROM ${table}`)).toEqual([{ n: 0 }]);
		}
	});
});
