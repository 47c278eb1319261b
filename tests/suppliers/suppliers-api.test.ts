import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { DefectProduct, SupplierRow, SupplierTotals } from '../../src/lib/features/suppliers/suppliers.ts';
import { parseCsv } from '../support/api-client.ts';
import { useDemoApi } from '../support/demo-api.ts';

const demo = inject('demoDatabase');
const truth = JSON.parse(readFileSync(join(demo.dataDir, 'truth.json'), 'utf8'));
const { api, rawFiles } = useDemoApi();

function wilson(returned: number, sold: number): [number, number] {
	const z = 1.959963984540054;
	const p = returned / sold;
	const den = 1 + (z * z) / sold;
	const center = p + (z * z) / (2 * sold);
	const half = z * Math.sqrt((p * (1 - p)) / sold + (z * z) / (4 * sold * sold));
	return [(center - half) / den, (center + half) / den];
}

interface RawSupplier {
	key: string;
	sold: number;
	returned: number;
	defect: number;
	products: number;
	confirmed: number;
	value_lost: string;
	top: DefectProduct[];
}

/**
 * Per supplier from the raw files: units of the order lines ordered in the period and what came back
 * of them (never more than sold); a return is defect-driven by its stated reason group or its latest
 * inspection. Value lost is a cost: inspections in the period.
 */
function rawSuppliersSql(period?: { from: string; to: string }): string {
	const within = (column: string) =>
		period ? `${column} >= DATE '${period.from}' AND ${column} < DATE '${period.to}' + 1` : 'TRUE';
	return `
WITH returned AS (
  SELECT line_id, sum(returned_units) AS units,
    coalesce(sum(returned_units) FILTER (WHERE defect_driven), 0) AS defect_units
  FROM raw_returns GROUP BY line_id
),
lines AS (
  SELECT o.*, least(coalesce(r.units, 0), o.quantity) AS returned,
    least(coalesce(r.defect_units, 0), o.quantity) AS defect
  FROM raw_order_lines o LEFT JOIN returned r USING (line_id) WHERE ${within('o.ordered_at')}
),
sold AS (
  SELECT coalesce(supplier, '(none)') AS key, sum(quantity)::INTEGER AS sold, sum(returned)::INTEGER AS returned,
    sum(defect)::INTEGER AS defect, count(DISTINCT product_id)::INTEGER AS products
  FROM lines GROUP BY 1
),
confirmed AS (
  SELECT coalesce(supplier, '(none)') AS key, count(*)::INTEGER AS confirmed
  FROM raw_returns WHERE defect_confirmed AND ${within('ordered_at')} GROUP BY 1
),
lost AS (
  SELECT coalesce(supplier, '(none)') AS key, sum(returned_value - recovery_value) AS value_lost
  FROM raw_returns WHERE inspection_id IS NOT NULL AND ${within('inspected_at')} GROUP BY 1
),
per_product AS (
  SELECT coalesce(supplier, '(none)') AS key, product_id, any_value(product_name) AS product_name,
    sum(defect)::INTEGER AS units
  FROM lines GROUP BY ALL HAVING sum(defect) > 0
),
top AS (
  SELECT key, list(
      {'product_id': product_id, 'product_name': product_name, 'defect_returned_units': units}
      ORDER BY units DESC, product_id
    )[1:3] AS top
  FROM per_product GROUP BY key
)
SELECT key, coalesce(s.sold, 0) AS sold, coalesce(s.returned, 0) AS returned, coalesce(s.defect, 0) AS defect,
  coalesce(s.products, 0) AS products, coalesce(c.confirmed, 0) AS confirmed,
  CAST(coalesce(l.value_lost, 0) AS VARCHAR) AS value_lost, coalesce(t.top, []) AS top
FROM sold s FULL JOIN lost l USING (key) LEFT JOIN confirmed c USING (key) LEFT JOIN top t USING (key)`;
}

function expectSupplierMatches(row: SupplierRow | undefined, raw: RawSupplier, minUnits = 30) {
	expect(row, raw.key).toMatchObject({
		sold_units: raw.sold,
		returned_units: raw.returned,
		defect_returned_units: raw.defect,
		confirmed_defects: raw.confirmed,
		value_lost: raw.value_lost,
		products: raw.products,
		low_sample: raw.sold < minUnits,
		top_defect_products: raw.top
	});
	if (raw.sold === 0) return;
	expect(row!.unit_return_rate).toBeCloseTo(raw.returned / raw.sold, 12);
	expect(row!.defect_return_rate).toBeCloseTo(raw.defect / raw.sold, 12);
	const [low, high] = wilson(raw.returned, raw.sold);
	expect(row!.ci_low).toBeCloseTo(low, 12);
	expect(row!.ci_high).toBeCloseTo(high, 12);
}

describe('GET /api/suppliers', () => {
	it('matches a recomputation from the raw files, supplier by supplier', async () => {
		const { status, body } = await api.json<SupplierRow>('/api/suppliers?limit=10000');
		expect(status).toBe(200);
		const raw = await rawFiles.query<RawSupplier>(rawSuppliersSql());
		expect(body.rows.map((r) => r.key).sort()).toEqual(raw.map((r) => r.key).sort());
		for (const expected of raw)
			expectSupplierMatches(
				body.rows.find((r) => r.key === expected.key),
				expected
			);
		const totals = body.meta.totals as SupplierTotals;
		expect(totals.sold_units).toBe(raw.reduce((s, r) => s + r.sold, 0));
		expect(totals.confirmed_defects).toBe(raw.reduce((s, r) => s + r.confirmed, 0));
		expect(totals.top_defect_products[0].product_id).toBe(truth.defectSpike.product_id);
		for (const row of body.rows) expect(row.value_lost).toMatch(/^-?\d+\.\d{2}$/);
	});

	it('answers the unfiltered view from the figures stored at ingest, as computed live', async () => {
		const all = await api.json<SupplierRow>('/api/suppliers?limit=10000');
		expect(all.body.rows.length).toBeGreaterThan(3);
		// A threshold between the suppliers' volumes, so that the low-sample flag is read from the request.
		const minUnits = all.body.rows.map((r) => r.sold_units).sort((a, b) => a - b)[
			Math.floor(all.body.rows.length / 2)
		];
		const stored = await api.json<SupplierRow>(`/api/suppliers?limit=10000&minUnits=${minUnits}`);
		// A period before any order leaves the scope whole but makes the answer compute live.
		const live = await api.json<SupplierRow>(`/api/suppliers?limit=10000&minUnits=${minUnits}&from=1990-01-01`);
		expect(stored.body.rows.some((r) => r.low_sample)).toBe(true);
		expect(stored.body.rows).toEqual(live.body.rows);
		expect(stored.body.meta.totals).toEqual(live.body.meta.totals);
	});

	it(
		'finds the planted defect supplier: it tops defect-driven rates for orders in the spike window, ' +
			'driven by the planted product',
		async () => {
			const { from, to, supplier, product_id } = truth.defectSpike;
			const { body } = await api.json<SupplierRow>(`/api/suppliers?from=${from}&to=${to}&minUnits=30`);
			expect(body.meta).toMatchObject({ filters: { from, to }, minUnits: 30, sort: 'defect_return_rate' });
			const enough = body.rows.filter((r) => r.sold_units >= 30);
			expect(enough[0]).toMatchObject({ key: supplier, low_sample: false });
			expect(enough[0].defect_return_rate!).toBeGreaterThan(enough[1].defect_return_rate! * 1.5);
			expect(enough[0].top_defect_products[0].product_id).toBe(product_id);
			const raw = await rawFiles.query<RawSupplier>(rawSuppliersSql({ from, to }));
			expect(body.rows.map((r) => r.key).sort()).toEqual(raw.map((r) => r.key).sort());
			for (const expected of raw)
				expectSupplierMatches(
					body.rows.find((r) => r.key === expected.key),
					expected
				);
		}
	);

	it('never ranks a low-sample supplier above one with enough data, whichever way it sorts', async () => {
		const all = await api.json<SupplierRow>('/api/suppliers');
		const units = all.body.rows.map((r) => r.sold_units).sort((a, b) => a - b);
		const minUnits = units[Math.floor(units.length / 2)];
		for (const order of ['asc', 'desc']) {
			const { body } = await api.json<SupplierRow>(
				`/api/suppliers?minUnits=${minUnits}&sort=unit_return_rate&order=${order}`
			);
			const firstLow = body.rows.findIndex((r) => r.low_sample);
			expect(firstLow).toBeGreaterThan(0);
			expect(body.rows.slice(firstLow).every((r) => r.low_sample && r.sold_units < minUnits)).toBe(true);
			const rates = body.rows.slice(0, firstLow).map((r) => r.unit_return_rate!);
			expect(rates).toEqual([...rates].sort((a, b) => (order === 'asc' ? a - b : b - a)));
		}
	});

	it('filters by dimension and echoes the filter', async () => {
		const { body } = await api.json<SupplierRow>('/api/suppliers?category=electronics');
		expect(body.meta.filters).toEqual({ category: ['electronics'] });
		const all = await api.json<SupplierRow>('/api/suppliers');
		expect(body.rows.filter((r) => r.sold_units > 0).length).toBeLessThan(all.body.rows.length);
		expect((body.meta.totals as SupplierTotals).sold_units).toBeLessThan(
			(all.body.meta.totals as SupplierTotals).sold_units
		);
	});

	it('exports the same rows and columns as CSV and Arrow, the product list as JSON text', async () => {
		const json = await api.json<SupplierRow>('/api/suppliers?limit=10000');
		const fromText = (row: Record<string, unknown>) => ({
			...row,
			top_defect_products: JSON.parse(String(row.top_defect_products))
		});
		const csv = await api.csv('/api/suppliers?format=csv');
		expect(csv.type).toMatch(/^text\/csv/);
		const [header, ...lines] = parseCsv(csv.text);
		expect(header).toEqual(Object.keys(json.body.rows[0]));
		const csvRows = lines.map((l) => fromText(Object.fromEntries(header.map((h, i) => [h, l[i]]))));
		expect(csvRows).toEqual(
			json.body.rows.map((r) =>
				Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'top_defect_products' ? v : String(v)]))
			)
		);
		const arrow = await api.arrow('/api/suppliers?format=arrow');
		expect(arrow.type).toBe('application/vnd.apache.arrow.stream');
		expect(arrow.rows.map(fromText)).toEqual(json.body.rows);
	});

	it('answers bad parameters with a 400 that names them', async () => {
		const cases: [string, RegExp][] = [
			['/api/suppliers?minUnits=0', /minUnits/],
			['/api/suppliers?sort=name', /sort: Invalid option/],
			['/api/suppliers?order=up', /order: Invalid option/],
			['/api/suppliers?limit=10001', /limit/],
			['/api/suppliers?from=2026-1-1', /from: expected a date/],
			['/api/suppliers?by=product', /Unrecognized key: "by"/]
		];
		for (const [url, message] of cases) {
			const { status, body } = await api.json(url);
			expect(status, url).toBe(400);
			expect(body.error, url).toMatch(message);
		}
	});
});
