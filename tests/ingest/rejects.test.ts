import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { GOOD_ORDERS, ORDER_HEADER, csv, ndjson, query, tempDir, writeText } from './fixtures.ts';

interface Reject {
	entity: string;
	line: number;
	raw: string;
	reason: string;
}

async function loadFolder(files: Record<string, string>) {
	const dir = tempDir();
	for (const [name, text] of Object.entries(files)) writeText(dir, name, text);
	const dbPath = join(dir, 'db.duckdb');
	const summary = await ingest({ dbPath, paths: [dir] });
	const rejects = await query<Reject>(
		dbPath,
		'SELECT entity, line::INTEGER AS line, raw, reason FROM rejects ORDER BY entity, line'
	);
	const warnings = await query(
		dbPath,
		'SELECT entity, line::INTEGER AS line, column_name, value, reason FROM load_warnings ' +
			'ORDER BY entity, line, column_name'
	);
	return { dbPath, summary, rejects, warnings };
}

describe('rejected rows', () => {
	it('rejects each broken required field with a readable reason, file, line and raw row', async () => {
		const rows = [
			...GOOD_ORDERS,
			['L4', 'O3', '2025-03-15', 'C3', 'TEE-S', 'TEE', 'apparel', 1, '19.90', null],
			[null, 'O3', '2025-03-15', 'C3', 'TEE-S', 'TEE', 'apparel', 1, '19.90', null],
			['L6', 'O3', 'yesterday', 'C3', 'TEE-S', 'TEE', 'apparel', 1, '19.90', null],
			['L7', 'O3', '2025-03-15', 'C3', 'TEE-S', 'TEE', 'apparel', 0, '19.90', null],
			['L8', 'O3', '2025-03-15', 'C3', 'TEE-S', 'TEE', 'apparel', '1.5', '19.90', null],
			['L9', 'O3', '2025-03-15', 'C3', 'TEE-S', 'TEE', 'apparel', 1, '-3.00', null],
			['L10', 'O3', '2025-03-15', 'C3', 'TEE-S', 'TEE', 'apparel', 1, '12,50', null],
			['L11', 'O3', '2025-03-15', 'C3', null, 'TEE', 'apparel', 1, '5', null]
		];
		const { summary, rejects } = await loadFolder({ 'orders.csv': csv(ORDER_HEADER, rows) });
		expect(summary.files[0]).toMatchObject({ read: 11, loaded: 4, rejected: 7 });
		expect(rejects.map((r) => [r.line, r.reason])).toEqual([
			[6, 'missing line_id'],
			[7, 'ordered_at "yesterday" is not a timestamp (expected ISO 8601, e.g. 2025-03-14T09:30:00Z)'],
			[8, 'quantity "0" is not a whole number ≥ 1'],
			[9, 'quantity "1.5" is not a whole number ≥ 1'],
			[10, 'unit_price "-3.00" is not an amount ≥ 0'],
			[11, 'unit_price "12,50" is not an amount ≥ 0'],
			[12, 'missing sku']
		]);
		expect(JSON.parse(rejects[1].raw)).toMatchObject({ line_id: 'L6', ordered_at: 'yesterday' });
	});

	it('rejects unknown values of required enumerations and matches known ones in any case', async () => {
		const header = ['rma_id', 'line_id', 'created_at', 'quantity', 'status'];
		const { summary, rejects, dbPath } = await loadFolder({
			'orders.csv': csv(ORDER_HEADER, GOOD_ORDERS),
			'rmas.csv': csv(header, [
				['R1', 'L1', '2025-03-20', 1, 'REFUNDED'],
				['R2', 'L3', '2025-03-20', 1, 'lost in space']
			])
		});
		expect(summary.files.find((f) => f.entity === 'rmas')).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
		expect(rejects).toMatchObject([
			{
				entity: 'rmas',
				line: 3,
				reason:
					'status "lost in space" is not one of ' +
					'requested, approved, rejected, in_transit, received, inspected, refunded, closed, cancelled'
			}
		]);
		expect(await query(dbPath, 'SELECT status FROM rmas')).toEqual([{ status: 'refunded' }]);
	});

	it(
		'rejects RMAs that return more than was ordered (a rejected one frees its units) ' +
			'or contradict their order line',
		async () => {
			const header = ['rma_id', 'line_id', 'order_id', 'customer_id', 'created_at', 'quantity', 'status'];
			const { rejects, dbPath } = await loadFolder({
				'orders.csv': csv(ORDER_HEADER, GOOD_ORDERS),
				'rmas.csv': csv(header, [
					['R1', 'L1', 'O1', 'C1', '2025-03-20', 1, 'refunded'],
					['R2', 'L1', null, null, '2025-03-21', 2, 'received'],
					['R3', 'L1', null, null, '2025-03-22', 1, 'requested'],
					['R8', 'L1', null, null, '2025-03-24', 1, 'approved'],
					['R4', 'L3', null, null, '2025-03-22', 1, 'cancelled'],
					['R5', 'L3', null, null, '2025-03-23', 1, 'refunded'],
					['R6', 'L2', 'O2', null, '2025-03-23', 1, 'refunded'],
					['R7', 'L2', null, 'C9', '2025-03-23', 1, 'refunded']
				])
			});
			expect(rejects.map((r) => [r.line, r.reason])).toEqual([
				[3, 'quantity 2 brings the units returned of line L1 to 3, more than the 2 ordered'],
				[5, 'quantity 1 brings the units returned of line L1 to 3, more than the 2 ordered'],
				[8, 'order_id "O2" does not match order line L2 (order O1)'],
				[9, 'customer_id "C9" does not match order line L2 (customer C1)']
			]);
			expect(await query(dbPath, 'SELECT rma_id FROM rmas ORDER BY rma_id')).toEqual(
				['R1', 'R3', 'R4', 'R5'].map((rma_id) => ({ rma_id }))
			);
		}
	);

	it('keeps malformed CSV records and broken JSON lines as rejects, with their physical line', async () => {
		const ordersText =
			ORDER_HEADER.join(',') +
			'\nL1,O1,2025-03-14,C1,TEE-M,TEE,"apparel,\nsummer",1,19.90,' +
			'\nL2,O1,2025-03-14,C1' +
			'\nL3,O2,2025-03-15,C2,TEE-S,TEE,apparel,1,-1,\n';
		const { summary, rejects } = await loadFolder({
			'orders.csv': ordersText,
			'inspections.ndjson':
				ndjson([
					{
						inspection_id: 'I1',
						rma_id: 'R1',
						line_id: 'L1',
						inspected_at: '2025-03-25',
						condition: 'new',
						disposition: 'restock'
					}
				]) + '{"inspection_id": "I2",\n'
		});
		expect(summary.files.map((f) => [f.entity, f.read, f.loaded, f.rejected])).toEqual([
			['orders', 3, 1, 2],
			['inspections', 2, 1, 1]
		]);
		expect(rejects.map((r) => [r.entity, r.line, r.reason.split(':')[0]])).toEqual([
			['inspections', 2, 'line is not a JSON object'],
			['orders', 4, 'malformed CSV record'],
			['orders', 5, 'unit_price "-1" is not an amount ≥ 0']
		]);
		expect(rejects[1].raw).toBe('L2,O1,2025-03-14,C1');
	});

	it('loads invalid optional fields empty and records a warning', async () => {
		const { summary, warnings, dbPath } = await loadFolder({
			'orders.csv': csv(ORDER_HEADER, [
				['L1', 'O1', '2025-03-14', 'C1', 'TEE-M', 'TEE', 'apparel', 1, '19.90', '2025-03-10'],
				['L2', 'O1', '2025-03-14', 'C1', 'TEE-M', 'TEE', 'apparel', 1, '19.90', 'soon'],
				['L3', 'O1', '2025-03-14T18:00:00Z', 'C1', 'TEE-M', 'TEE', 'apparel', 1, '19.90', '2025-03-14']
			]),
			'refunds.csv': csv(
				['refund_id', 'order_id', 'issued_at', 'amount', 'method', 'handling_cost'],
				[['F1', 'O1', '2025-03-30', '19.90', 'original_payment', '-2.00']]
			),
			'inspections.csv': csv(
				[
					'inspection_id',
					'rma_id',
					'line_id',
					'inspected_at',
					'condition',
					'disposition',
					'defect_confirmed',
					'received_at'
				],
				[['I1', 'R1', 'L1', '2025-03-25', 'used', 'refurbish', 'maybe', '32/03/2025']]
			)
		});
		expect(summary.files.every((f) => f.rejected === 0 && f.loaded === f.read)).toBe(true);
		expect(warnings.map((w) => [w.entity, w.line, w.column_name, w.value])).toEqual([
			['inspections', 2, 'defect_confirmed', 'maybe'],
			['inspections', 2, 'received_at', '32/03/2025'],
			['orders', 2, 'delivered_at', '2025-03-10'],
			['orders', 3, 'delivered_at', 'soon'],
			['refunds', 2, 'handling_cost', '-2.00']
		]);
		expect(await query(dbPath, 'SELECT line_id FROM orders WHERE delivered_at IS NULL ORDER BY line_id')).toEqual([
			{ line_id: 'L1' },
			{ line_id: 'L2' }
		]);
		expect(await query(dbPath, 'SELECT handling_cost::VARCHAR AS cost FROM refunds')).toEqual([{ cost: '0.00' }]);
	});

	it('records read = loaded + rejected for every file in the load history', async () => {
		const { dbPath } = await loadFolder({
			'orders.csv': csv(ORDER_HEADER, [
				...GOOD_ORDERS,
				['L9', null, null, null, null, null, null, null, null, null]
			]),
			'rmas.ndjson': ndjson([
				{ rma_id: 'R1', line_id: 'L1', created_at: '2025-03-20', quantity: 1, status: 'closed' },
				{ rma_id: 'R2' }
			])
		});
		const history = await query<{ rows_read: bigint; rows_loaded: bigint; rows_rejected: bigint }>(
			dbPath,
			'SELECT rows_read, rows_loaded, rows_rejected FROM load_history'
		);
		expect(history).toHaveLength(2);
		for (const h of history) expect(h.rows_read).toBe(h.rows_loaded + h.rows_rejected);
		const rejected = await query<{ n: bigint }>(dbPath, 'SELECT count(*) AS n FROM rejects');
		expect(rejected[0].n).toBe(history.reduce((sum, h) => sum + h.rows_rejected, 0n));
	});
});
