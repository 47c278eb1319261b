import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { loadMapping } from '../../pipelines/ingest/mapping.ts';
import { GOOD_ORDERS, ORDER_HEADER, csv, query, tempDir, writeText } from './fixtures.ts';

const EXAMPLE = new URL('../../pipelines/ingest/presets/returns-portal.mapping.json', import.meta.url).pathname;

describe('column and value mapping', () => {
	it('loads a returns-portal export through the README example mapping, unedited', async () => {
		const dir = tempDir();
		writeText(dir, 'orders.csv', csv(ORDER_HEADER, GOOD_ORDERS));
		writeText(
			dir,
			'rmas-portal.csv',
			csv(
				[
					'Return Number',
					'Order Line',
					'Requested On',
					'Qty',
					'Reason',
					'Customer Comment',
					'Outcome',
					'State'
				],
				[
					['RT-1', 'L1', '2025-03-20', 1, 'SIZE_SMALL', 'viel zu klein', 'Geld zurück', 'Erstattet'],
					['RT-2', 'L3', '2025-03-21', 1, 'DEFECT', null, 'umtausch', 'EINGEGANGEN'],
					['RT-3', 'L2', '2025-03-21', 1, 'DEFECT', null, 'Umtausch', 'Verloren']
				]
			)
		);
		const dbPath = join(dir, 'db.duckdb');
		const summary = await ingest({ dbPath, paths: [dir], mapping: await loadMapping(EXAMPLE) });
		expect(summary.files.map((f) => [f.entity, f.loaded, f.rejected])).toEqual([
			['orders', 3, 0],
			['rmas', 2, 1]
		]);
		expect(
			await query(dbPath, 'SELECT rma_id, line_id, status, resolution, reason_text FROM rmas ORDER BY rma_id')
		).toEqual([
			{ rma_id: 'RT-1', line_id: 'L1', status: 'refunded', resolution: 'refund', reason_text: 'viel zu klein' },
			{ rma_id: 'RT-2', line_id: 'L3', status: 'received', resolution: 'exchange', reason_text: null }
		]);
		expect(await query(dbPath, 'SELECT reason FROM rejects')).toEqual([
			{ reason: expect.stringContaining('status "Verloren" is not one of') }
		]);
	});

	it('reports a missing required column by name and suggests a mapping', async () => {
		const dir = tempDir();
		writeText(
			dir,
			'rmas.csv',
			csv(
				['Return Number', 'line_id', 'created_at', 'quantity', 'status'],
				[['R1', 'L1', '2025-03-20', 1, 'refunded']]
			)
		);
		const summary = await ingest({ dbPath: join(dir, 'db.duckdb'), paths: [dir] });
		expect(summary.files).toEqual([]);
		expect(summary.errors[0].message).toMatch(
			/missing required column\(s\) rma_id for rmas; columns found: Return Number, .*--mapping/
		);
	});

	it('rejects a mapping file that names unknown entities or columns, saying where', async () => {
		const dir = tempDir();
		const bad = writeText(dir, 'bad.json', JSON.stringify({ rmas: { columns: { Qty: 'amount' } }, returns: {} }));
		await expect(loadMapping(bad)).rejects.toThrow(/mapping .*bad\.json is not valid: .*rmas\.columns\.Qty/);
		await expect(loadMapping(writeText(dir, 'broken.json', '{'))).rejects.toThrow(/mapping .*broken\.json/);
	});
});
