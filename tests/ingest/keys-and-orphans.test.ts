import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { GOOD_ORDERS, ORDER_HEADER, csv, query, tempDir, writeText } from './fixtures.ts';

const RMA_HEADER = ['rma_id', 'line_id', 'created_at', 'quantity', 'status', 'reason_code'];

const snapshot = (dbPath: string) =>
	query(
		dbPath,
		`SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM rmas) AS rmas,
		        (SELECT count(*) FROM rejects) AS rejects, (SELECT count(*) FROM load_history) AS loads,
		        (SELECT string_agg(line_id || ':' || quantity || ':' || unit_price, ',' ORDER BY line_id) FROM orders)
		          AS content`
	);

describe('keys make loads idempotent', () => {
	it('changes nothing when the same file is loaded again', async () => {
		const dir = tempDir();
		writeText(
			dir,
			'orders.csv',
			csv(ORDER_HEADER, [...GOOD_ORDERS, ['L9', null, null, null, null, null, null, null, null, null]])
		);
		writeText(dir, 'rmas.csv', csv(RMA_HEADER, [['R1', 'L1', '2025-03-20', 1, 'refunded', 'SIZE_SMALL']]));
		const dbPath = join(dir, 'db.duckdb');
		await ingest({ dbPath, paths: [dir] });
		const before = await snapshot(dbPath);
		const again = await ingest({ dbPath, paths: [dir] });
		expect(again.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
		expect(await snapshot(dbPath)).toEqual(before);
	});

	it('recognises the same content under another name as already loaded', async () => {
		const dir = tempDir();
		const dbPath = join(dir, 'db.duckdb');
		const text = csv(ORDER_HEADER, GOOD_ORDERS);
		await ingest({ dbPath, paths: [writeText(dir, 'orders-monday.csv', text)] });
		const before = await snapshot(dbPath);
		const copy = await ingest({ dbPath, paths: [writeText(dir, 'orders-copy.csv', text)] });
		expect(copy.files.map((f) => f.status)).toEqual(['unchanged']);
		expect(await snapshot(dbPath)).toEqual(before);
	});

	it('updates a row whose key exists: the later file wins, and within a file the last row', async () => {
		const dir = tempDir();
		const dbPath = join(dir, 'db.duckdb');
		await ingest({ dbPath, paths: [writeText(dir, 'orders-1.csv', csv(ORDER_HEADER, GOOD_ORDERS))] });
		const changed = [
			['L1', 'O1', '2025-03-14T09:30:00Z', 'C1', 'TEE-M', 'TEE', 'apparel', 3, '17.00', null],
			['L4', 'O4', '2025-03-18', 'C4', 'TEE-L', 'TEE', 'apparel', 1, '19.90', null],
			['L1', 'O1', '2025-03-14T09:30:00Z', 'C1', 'TEE-M', 'TEE', 'apparel', 4, '18.00', null]
		];
		const summary = await ingest({ dbPath, paths: [writeText(dir, 'orders-2.csv', csv(ORDER_HEADER, changed))] });
		expect(summary.files[0]).toMatchObject({ read: 3, loaded: 3, rejected: 0 });
		expect(await snapshot(dbPath)).toMatchObject([
			{ orders: 4n, content: 'L1:4:18.00,L2:1:9.95,L3:1:19.90,L4:1:19.90' }
		]);
	});

	it('a changed mapping is a different load, not a repeat', async () => {
		const dir = tempDir();
		const dbPath = join(dir, 'db.duckdb');
		const header = ORDER_HEADER.map((h) => (h === 'unit_price' ? 'price' : h)).concat('unit_price');
		writeText(
			dir,
			'orders.csv',
			csv(
				header,
				GOOD_ORDERS.map((r) => [...r, '1.00'])
			)
		);
		await ingest({ dbPath, paths: [dir] });
		const remapped = await ingest({
			dbPath,
			paths: [dir],
			mapping: { orders: { columns: { price: 'unit_price' }, values: {} } }
		});
		expect(remapped.files[0].status).toBe('loaded');
		expect(await snapshot(dbPath)).toMatchObject([{ content: 'L1:2:19.90,L2:1:9.95,L3:1:19.90' }]);
	});
});

describe('orphans', () => {
	it('loads and counts returns whose order line is missing, and joins them once it arrives', async () => {
		const dir = tempDir();
		const dbPath = join(dir, 'db.duckdb');
		const rmas = await ingest({
			dbPath,
			paths: [
				writeText(
					dir,
					'rmas.csv',
					csv(RMA_HEADER, [
						['R1', 'L1', '2025-03-20', 1, 'refunded', 'SIZE_SMALL'],
						['R2', 'L3', '2025-03-21', 1, 'received', null]
					])
				)
			]
		});
		const inspections = await ingest({
			dbPath,
			paths: [
				writeText(
					dir,
					'inspections.csv',
					csv(
						['inspection_id', 'rma_id', 'line_id', 'inspected_at', 'condition', 'disposition'],
						[
							['I1', 'R1', 'L1', '2025-03-25', 'new', 'restock'],
							['I2', 'R7', 'L7', '2025-03-25', 'used', 'refurbish']
						]
					)
				)
			]
		});
		const refunds = await ingest({
			dbPath,
			paths: [
				writeText(
					dir,
					'refunds.csv',
					csv(
						['refund_id', 'rma_id', 'line_id', 'order_id', 'issued_at', 'amount', 'method'],
						[
							['F1', 'R1', 'L1', 'O1', '2025-03-28', '19.90', 'original_payment'],
							['F2', null, null, 'O1', '2025-03-29', '5.00', 'store_credit']
						]
					)
				)
			]
		});
		expect([rmas, inspections, refunds].map((s) => [s.files[0].loaded, s.files[0].orphans])).toEqual([
			[2, 2],
			[2, 1],
			[2, 2]
		]);
		expect(await query(dbPath, 'SELECT count(*)::INTEGER AS n FROM return_lines')).toEqual([{ n: 0 }]);

		await ingest({ dbPath, paths: [writeText(dir, 'orders.csv', csv(ORDER_HEADER, GOOD_ORDERS))] });
		expect(
			await query(
				dbPath,
				`SELECT rma_id, line_id, order_id, reason_group, condition, refunded::VARCHAR AS refunded,
				        recovery_value::VARCHAR AS recovery
				 FROM return_lines ORDER BY rma_id`
			)
		).toEqual([
			{
				rma_id: 'R1',
				line_id: 'L1',
				order_id: 'O1',
				reason_group: 'fit',
				condition: 'new',
				refunded: '19.90',
				recovery: '19.90'
			},
			{
				rma_id: 'R2',
				line_id: 'L3',
				order_id: 'O2',
				reason_group: 'other',
				condition: null,
				refunded: '0.00',
				recovery: null
			}
		]);
		expect(
			await query(dbPath, 'SELECT line_id, returned_units::INTEGER AS returned FROM line_facts ORDER BY line_id')
		).toEqual([
			{ line_id: 'L1', returned: 1 },
			{ line_id: 'L2', returned: 0 },
			{ line_id: 'L3', returned: 1 }
		]);
	});
});
