import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SummaryRow } from '../../src/lib/features/summary/summary.ts';
import { rawQuery } from '../support/raw-demo.ts';
import { apiClient, type ApiClient } from '../support/api-client.ts';

const demo = inject('demoDatabase');
let api: ApiClient;

beforeAll(async () => {
	api = await apiClient(demo.dbPath);
});
afterAll(() => api.close());

describe('GET /api/summary', () => {
	it('gives the period and the previous one of equal length, recomputed from the raw files', async () => {
		const { status, body } = await api.json<SummaryRow>(
			'/api/summary?from=2026-01-01&to=2026-03-31&category=apparel&category=shoes'
		);
		expect(status).toBe(200);
		expect(body.rows.map((r) => [r.period, r.from, r.to])).toEqual([
			['current', '2026-01-01', '2026-03-31'],
			['previous', '2025-10-03', '2025-12-31']
		]);
		for (const row of body.rows) {
			const [raw] = await rawQuery<{ orders: number; sold: number; returned: number }>(
				demo.dataDir,
				`SELECT count(DISTINCT order_id)::INTEGER AS orders, sum(quantity)::INTEGER AS sold,
				   sum(returned_units)::INTEGER AS returned
				 FROM raw_line_returns WHERE category IN ('apparel', 'shoes')
				   AND ordered_at >= CAST($from AS DATE) AND ordered_at < CAST($to AS DATE) + 1`,
				{ from: row.from, to: row.to }
			);
			expect([row.orders, row.units_sold, row.units_returned]).toEqual([raw.orders, raw.sold, raw.returned]);
			expect(row.unit_return_rate).toBeCloseTo(raw.returned / raw.sold, 12);
			expect(row.refunded).toMatch(/^\d+\.\d\d$/);
		}
	});

	it('sums refunds of the period exactly, as a decimal string', async () => {
		const { body } = await api.json<SummaryRow>('/api/summary?from=2026-02-01&to=2026-02-28');
		const [raw] = await rawQuery<{ refunded: string }>(
			demo.dataDir,
			`SELECT sum(amount)::VARCHAR AS refunded FROM raw_refunds
			 WHERE issued_at >= DATE '2026-02-01' AND issued_at < DATE '2026-03-01'`
		);
		expect(body.rows[0].refunded).toBe(raw.refunded);
		expect(body.meta).toMatchObject({
			period: { from: '2026-02-01', to: '2026-02-28', days: 28 },
			previous: { from: '2026-01-04', to: '2026-01-31' }
		});
	});

	it('defaults to the last 90 days of orders and rejects what it does not know', async () => {
		const { body } = await api.json<SummaryRow>('/api/summary');
		expect(body.rows[0]).toMatchObject({ period: 'current', from: '2026-08-03', to: '2026-10-31' });
		const bad = await api.json('/api/summary?limit=5');
		expect(bad.status).toBe(400);
		expect(bad.body.error).toContain('Unrecognized key: "limit"');
	});
});
