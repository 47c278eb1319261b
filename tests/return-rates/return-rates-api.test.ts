import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ReturnRateRow } from '../../src/lib/features/return-rates/return-rates.ts';
import { rawQuery } from '../support/raw-demo.ts';
import { apiClient, parseCsv, type ApiClient } from '../support/api-client.ts';

const demo = inject('demoDatabase');
const truth = JSON.parse(readFileSync(join(demo.dataDir, 'truth.json'), 'utf8'));
let api: ApiClient;

beforeAll(async () => {
	api = await apiClient(demo.dbPath);
});
afterAll(() => api.close());

function wilson(returned: number, sold: number): [number, number] {
	const z = 1.959963984540054;
	const p = returned / sold;
	const den = 1 + (z * z) / sold;
	const center = p + (z * z) / (2 * sold);
	const half = z * Math.sqrt((p * (1 - p)) / sold + (z * z) / (4 * sold * sold));
	return [(center - half) / den, (center + half) / den];
}

describe('GET /api/return-rates', () => {
	it('matches a recomputation from the raw files, per category', async () => {
		const { status, body } = await api.json<ReturnRateRow>('/api/return-rates?by=category');
		expect(status).toBe(200);
		const raw = await rawQuery<{
			category: string;
			sold: number;
			returned: number;
			value_rate: number;
			order_rate: number;
		}>(
			demo.dataDir,
			`SELECT category, sum(quantity)::INTEGER AS sold, sum(returned_units)::INTEGER AS returned,
			   (sum(returned_units * unit_price) / sum(quantity * unit_price))::DOUBLE AS value_rate,
			   (count(DISTINCT order_id) FILTER (WHERE returned_units > 0) / count(DISTINCT order_id))::DOUBLE
			     AS order_rate
			 FROM raw_line_returns GROUP BY category`
		);
		expect(body.rows.map((r) => r.key).sort()).toEqual(raw.map((r) => r.category).sort());
		for (const expected of raw) {
			const row = body.rows.find((r) => r.key === expected.category)!;
			expect([row.sold_units, row.returned_units]).toEqual([expected.sold, expected.returned]);
			expect(row.unit_return_rate).toBeCloseTo(expected.returned / expected.sold, 12);
			expect(row.value_return_rate).toBeCloseTo(expected.value_rate, 12);
			expect(row.order_return_rate).toBeCloseTo(expected.order_rate, 12);
			const [low, high] = wilson(expected.returned, expected.sold);
			expect(row.ci_low).toBeCloseTo(low, 12);
			expect(row.ci_high).toBeCloseTo(high, 12);
			expect(row.low_sample).toBe(false);
		}
		const rates = Object.fromEntries(body.rows.map((r) => [r.key, r.unit_return_rate!]));
		expect(rates.apparel).toBeGreaterThan(rates.beauty * 3);
	});

	it('finds the planted defect spike: its product tops defect-driven rates for orders in the window', async () => {
		const { from, to, product_id, supplier } = truth.defectSpike;
		const { body } = await api.json<ReturnRateRow>(
			`/api/return-rates?by=product&from=${from}&to=${to}&sort=defect_return_rate&limit=5`
		);
		expect(body.rows[0]).toMatchObject({ key: product_id, low_sample: false });
		const bySupplier = await api.json<ReturnRateRow>(
			`/api/return-rates?by=supplier&from=${from}&to=${to}&sort=defect_return_rate`
		);
		expect(bySupplier.body.rows[0].key).toBe(supplier);
	});

	it('finds the planted small-running SKU: it tops fit returns in its category', async () => {
		const { sku, category } = truth.smallSku;
		const { body } = await api.json<ReturnRateRow>(
			`/api/return-rates?by=sku&category=${category}&sort=fit_return_rate&limit=3`
		);
		expect(body.rows[0].key).toBe(sku);
		const [raw] = await rawQuery<{ fit: number; sold: number }>(
			demo.dataDir,
			`SELECT sum(fit_units)::INTEGER AS fit, sum(quantity)::INTEGER AS sold
			 FROM raw_line_returns WHERE sku = $sku`,
			{ sku }
		);
		expect(body.rows[0].fit_return_rate).toBeCloseTo(raw.fit / raw.sold, 12);
		expect(body.meta.filters).toEqual({ category: [category] });
	});

	it('never ranks a low-sample group above one with enough data, whichever way it sorts', async () => {
		for (const order of ['desc', 'asc']) {
			const { body } = await api.json<ReturnRateRow>(
				`/api/return-rates?by=sku&minUnits=40&limit=10000&order=${order}`
			);
			const firstLow = body.rows.findIndex((r) => r.low_sample);
			expect(firstLow).toBeGreaterThan(0);
			expect(body.rows.slice(firstLow).every((r) => r.low_sample)).toBe(true);
			expect(body.rows.filter((r) => r.low_sample).every((r) => r.sold_units < 40)).toBe(true);
			const rates = body.rows.slice(0, firstLow).map((r) => r.unit_return_rate!);
			expect(rates).toEqual([...rates].sort((a, b) => (order === 'desc' ? b - a : a - b)));
		}
	});

	it('pages, and exports the same rows and columns as CSV and Arrow, complete without a limit', async () => {
		const all = await api.json<ReturnRateRow>('/api/return-rates?by=sku&limit=10000');
		const firstPage = await api.json<ReturnRateRow>('/api/return-rates?by=sku');
		const secondPage = await api.json<ReturnRateRow>('/api/return-rates?by=sku&limit=50&offset=50');
		expect(all.body.rows.length).toBeGreaterThan(100);
		expect(firstPage.body.rows).toEqual(all.body.rows.slice(0, 100));
		expect(secondPage.body.rows).toEqual(all.body.rows.slice(50, 100));
		expect(firstPage.body.meta).toMatchObject({
			total_rows: all.body.rows.length,
			row_count: 100,
			limit: 100,
			offset: 0
		});

		const csv = await api.csv('/api/return-rates?by=sku&format=csv');
		expect(csv.type).toMatch(/^text\/csv/);
		const [header, ...lines] = parseCsv(csv.text);
		expect(header).toEqual(Object.keys(all.body.rows[0]));
		expect(lines.length).toBe(all.body.rows.length);
		expect(lines.map((l) => l[0])).toEqual(all.body.rows.map((r) => r.key));
		expect(lines.map((l) => Number(l[header.indexOf('unit_return_rate')]))).toEqual(
			all.body.rows.map((r) => r.unit_return_rate)
		);

		const arrow = await api.arrow('/api/return-rates?by=sku&format=arrow');
		expect(arrow.type).toBe('application/vnd.apache.arrow.stream');
		expect(arrow.rows).toEqual(all.body.rows);
	});

	it('answers bad parameters with a 400 that names them', async () => {
		const cases: [string, RegExp][] = [
			['/api/return-rates?by=colour', /by: Invalid option/],
			['/api/return-rates?sort=revenue', /sort: Invalid option/],
			['/api/return-rates?limit=10001', /limit/],
			['/api/return-rates?from=2026-02-30', /from: not a calendar date/],
			['/api/return-rates?from=2026-03-01&to=2026-01-01', /from 2026-03-01 is after to 2026-01-01/],
			['/api/return-rates?minUnits=0', /minUnits/],
			['/api/return-rates?select=1', /Unrecognized key: "select"/],
			['/api/return-rates/trend?interval=day', /interval: Invalid option/]
		];
		for (const [url, message] of cases) {
			const { status, body } = await api.json(url);
			expect(status, url).toBe(400);
			expect(body.error, url).toMatch(message);
		}
	});
});

describe('GET /api/return-rates/trend', () => {
	it('gives rates per order cohort that add up, marking cohorts whose return window is still open', async () => {
		const { status, body } = await api.json<ReturnRateRow & { period: string; final: boolean }>(
			'/api/return-rates/trend?interval=month&limit=1000'
		);
		expect(status).toBe(200);
		const [raw] = await rawQuery<{ sold: number; returned: number }>(
			demo.dataDir,
			'SELECT sum(quantity)::INTEGER AS sold, sum(returned_units)::INTEGER AS returned FROM raw_line_returns'
		);
		expect(body.rows.reduce((s, r) => s + r.sold_units, 0)).toBe(raw.sold);
		expect(body.rows.reduce((s, r) => s + r.returned_units, 0)).toBe(raw.returned);
		const periods = body.rows.map((r) => r.period);
		expect(periods).toEqual([...periods].sort());
		expect(body.rows.at(-1)).toMatchObject({ period: '2026-10-01', final: false });
		expect(body.rows.find((r) => r.period === '2026-01-01')?.final).toBe(true);
		const firstOpen = body.rows.findIndex((r) => !r.final);
		expect(body.rows.slice(firstOpen).every((r) => !r.final)).toBe(true);
	});
});
