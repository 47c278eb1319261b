import { describe, expect, it } from 'vitest';
import type { BracketingCustomerRow, BracketingOrderRow } from '../../src/lib/features/fraud/fraud.ts';
import { rawQuery } from '../support/raw-demo.ts';
import { parseCsv } from '../support/api-client.ts';
import { demo, truth, useFraudApi } from './fraud-fixture.ts';

const { api, flagged } = await useFraudApi();

describe('GET /api/fraud/bracketing', () => {
	it('reports the planted bracketing customers as behaviour, none of them flagged as fraud', async () => {
		const { status, body } = await api.json<BracketingCustomerRow>('/api/fraud/bracketing/customers?limit=10000');
		expect(status).toBe(200);
		const bracketers = new Set(body.rows.map((r) => r.customer_id));
		expect(truth.bracketing.length).toBeGreaterThan(10);
		expect(truth.bracketing.filter((id) => !bracketers.has(id))).toEqual([]);
		const planted = new Set(Object.values(truth.fraud).flat());
		const flaggedIds = new Set(flagged.map((r) => r.customer_id));
		expect(truth.bracketing.filter((id) => !planted.has(id) && flaggedIds.has(id))).toEqual([]);
	});

	it('pages customers with the categories their exports list (a page gathers them for its own rows)', async () => {
		const url = '/api/fraud/bracketing/customers?from=2026-01-01&category=apparel&category=shoes';
		const page = await api.json<BracketingCustomerRow>(`${url}&limit=30&offset=10`);
		const arrow = await api.arrow(`${url}&format=arrow`);
		expect(page.body.rows).toHaveLength(30);
		expect(
			page.body.rows.every(
				(r) => r.categories.length > 0 && r.categories.every((c) => c === 'apparel' || c === 'shoes')
			)
		).toBe(true);
		expect(page.body.rows).toEqual(
			arrow.rows.slice(10, 40).map((r) => ({ ...r, categories: JSON.parse(r.categories as string) }))
		);
	});

	it(
		'lists bracketed orders as in the raw files: ' + 'several variants of one product, all returned but one',
		async () => {
			const { body } = await api.json<BracketingOrderRow>('/api/fraud/bracketing?limit=10000');
			const expected = await rawQuery<{
				order_id: string;
				product_id: string;
				lines: number;
				returned_value: string;
			}>(
				demo.dataDir,
				`SELECT order_id, product_id, count(*)::INTEGER AS lines,
			   CAST(sum(returned_units * unit_price) AS VARCHAR) AS returned_value
			 FROM raw_line_returns GROUP BY order_id, product_id
			 HAVING count(DISTINCT sku) >= 2 AND count(*) FILTER (WHERE returned_units < quantity) = 1`
			);
			const key = (r: { order_id: string; product_id: string }) => `${r.order_id}/${r.product_id}`;
			expect(body.rows.map(key).sort()).toEqual(expected.map(key).sort());
			const byKey = new Map(expected.map((r) => [key(r), r]));
			for (const row of body.rows) {
				expect(row.lines).toBe(byKey.get(key(row))!.lines);
				expect(row.returned_lines).toBe(row.lines - 1);
				expect(row.returned_value).toBe(byKey.get(key(row))!.returned_value);
				expect(row.variants).toContain(row.kept_variant);
			}
			const dates = body.rows.map((r) => r.ordered_at);
			expect(dates).toEqual([...dates].sort().reverse());
		}
	);

	it('filters by period and dimension, and exports the same rows as CSV and Arrow', async () => {
		const url = '/api/fraud/bracketing?from=2026-01-01&to=2026-06-30&category=apparel';
		const { body } = await api.json<BracketingOrderRow>(`${url}&limit=10000`);
		expect(body.rows.length).toBeGreaterThan(0);
		expect(
			body.rows.every(
				(r) => r.category === 'apparel' && r.ordered_at >= '2026-01-01' && r.ordered_at < '2026-07-01'
			)
		).toBe(true);
		const csv = await api.csv(`${url}&format=csv`);
		const [header, ...lines] = parseCsv(csv.text);
		expect(header).toEqual(Object.keys(body.rows[0]));
		expect(lines.map((l) => l[0])).toEqual(body.rows.map((r) => r.order_id));
		const arrow = await api.arrow(`${url}&format=arrow`);
		expect(arrow.rows.map((r) => ({ ...r, variants: JSON.parse(r.variants as string) }))).toEqual(body.rows);
	});
});
