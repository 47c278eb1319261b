import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FraudCustomerRow } from '../../src/lib/features/fraud/fraud.ts';
import {
	FIXED_SEGMENT_IDS,
	SEGMENT_EXPORT_COLUMNS,
	type SegmentCustomerRow,
	type SegmentRow
} from '../../src/lib/features/segments/segments.ts';
import { rawQuery } from '../support/raw-demo.ts';
import { apiClient, parseCsv, type ApiClient } from '../support/api-client.ts';

const demo = inject('demoDatabase');
let api: ApiClient;
let segments: SegmentRow[];
let flaggedIds: Set<string>;

beforeAll(async () => {
	api = await apiClient(demo.dbPath);
	segments = (await api.json<SegmentRow>('/api/segments?limit=1000')).body.rows;
	flaggedIds = new Set(
		(await api.json<FraudCustomerRow>('/api/fraud/customers?limit=10000')).body.rows.map((r) => r.customer_id)
	);
});
afterAll(() => api.close());

const members = async (id: string, query = '') =>
	(await api.json<SegmentCustomerRow>(`/api/segments/${id}/customers?format=json&limit=10000${query}`)).body.rows;

const csvFile = (name: string) =>
	`read_csv('${join(demo.dataDir, name).replaceAll("'", "''")}', all_varchar = true, header = true)`;
const rmasCsv = csvFile('rmas.csv');
const ordersCsv = csvFile('orders.csv');

describe('GET /api/segments', () => {
	it('lists the ready segments, largest first, each with id, name, kind, size and definition', async () => {
		expect(segments.map((s) => s.id)).toEqual(
			expect.arrayContaining([...FIXED_SEGMENT_IDS, 'fit-issues-apparel', 'fit-issues-shoes'])
		);
		for (const s of segments) {
			expect(Object.keys(s)).toEqual(['id', 'name', 'kind', 'size', 'definition']);
			expect(s.name.length).toBeGreaterThan(3);
			expect(s.definition.length).toBeGreaterThan(10);
			expect(['reason', 'behaviour']).toContain(s.kind);
		}
		const sizes = segments.map((s) => s.size);
		expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
		for (const s of segments) {
			const { body } = await api.json(`/api/segments/${s.id}/customers?format=json&limit=1`);
			expect(body.meta.total_rows, s.id).toBe(s.size);
		}
		expect(segments.find((s) => s.id === 'bracketers')!.size).toBeGreaterThan(10);
	});

	it('leaves fraud-flagged customers out of every segment, also where they meet the rule', async () => {
		expect(flaggedIds.size).toBeGreaterThan(0);
		for (const s of segments) {
			const rows = await members(s.id);
			expect(
				rows.filter((r) => flaggedIds.has(r.customer_id)),
				s.id
			).toEqual([]);
		}
		// Fraudsters do return apparel for fit reasons: the exclusion has work to do.
		const fit = await rawQuery<{ customer_id: string }>(
			demo.dataDir,
			`SELECT DISTINCT o.customer_id
			 FROM raw_rmas r JOIN raw_orders o USING (line_id) JOIN raw_reasons g USING (reason_code)
			 WHERE r.status NOT IN ('rejected', 'cancelled') AND g.reason_group = 'fit' AND o.category = 'apparel'`
		);
		expect(fit.filter((r) => flaggedIds.has(r.customer_id)).length).toBeGreaterThan(0);
	});

	it('fit-issue returners of a category and exchangers are what the raw files say', async () => {
		const fit = await rawQuery<{ customer_id: string; last_return: string; email: string | null }>(
			demo.dataDir,
			`WITH fit AS (
			   SELECT DISTINCT o.customer_id
			   FROM raw_rmas r JOIN raw_orders o USING (line_id) JOIN raw_reasons g USING (reason_code)
			   WHERE r.status NOT IN ('rejected', 'cancelled') AND g.reason_group = 'fit' AND o.category = 'shoes'
			 ),
			 emails AS (
			   SELECT o.customer_id, c.customer_email, o.ordered_at
			   FROM raw_orders o JOIN ${ordersCsv} c ON c.line_id = o.line_id
			   WHERE c.customer_email IS NOT NULL
			 )
			 SELECT f.customer_id, strftime(max(r.created_at), '%Y-%m-%d') AS last_return,
			   (SELECT customer_email FROM emails e WHERE e.customer_id = f.customer_id
			    ORDER BY ordered_at DESC LIMIT 1) AS email
			 FROM fit f JOIN raw_orders o USING (customer_id) JOIN raw_rmas r USING (line_id)
			 WHERE r.status NOT IN ('rejected', 'cancelled') GROUP BY f.customer_id`
		);
		const expected = fit.filter((r) => !flaggedIds.has(r.customer_id));
		const rows = await members('fit-issues-shoes');
		expect(rows.map((r) => r.customer_id).sort()).toEqual(expected.map((r) => r.customer_id).sort());
		const byId = new Map(expected.map((r) => [r.customer_id, r]));
		for (const row of rows) {
			expect(row).toMatchObject({
				last_return: byId.get(row.customer_id)!.last_return,
				email: byId.get(row.customer_id)!.email,
				categories: 'shoes',
				reason_theme: 'fit'
			});
		}
		expect(rows.filter((r) => r.email?.includes('@')).length).toBeGreaterThan(rows.length / 2);

		const exchangers = await rawQuery<{ customer_id: string }>(
			demo.dataDir,
			`SELECT DISTINCT o.customer_id
			 FROM raw_rmas r JOIN ${rmasCsv} c ON c.rma_id = r.rma_id AND c.line_id = r.line_id
			 JOIN raw_orders o ON o.line_id = r.line_id
			 WHERE r.status NOT IN ('rejected', 'cancelled') AND lower(c.resolution) = 'exchange'`
		);
		expect((await members('exchangers')).map((r) => r.customer_id).sort()).toEqual(
			exchangers
				.map((r) => r.customer_id)
				.filter((id) => !flaggedIds.has(id))
				.sort()
		);
	});

	it('finds high-value customers who never returned anything', async () => {
		const rows = await members('high-value-no-returns');
		expect(rows.length).toBeGreaterThan(10);
		const ids = rows.map((r) => r.customer_id);
		const [check] = await rawQuery<{ rmas: number; min_spend: number; median_spend: number }>(
			demo.dataDir,
			`WITH ids AS (SELECT unnest(string_split($ids, ',')) AS customer_id),
			 spend AS (
			   SELECT customer_id, sum(quantity * unit_price)::DOUBLE AS spend FROM raw_orders GROUP BY customer_id
			 )
			 SELECT
			   (SELECT count(*) FROM raw_rmas r JOIN raw_orders o USING (line_id)
			    WHERE o.customer_id IN (SELECT customer_id FROM ids))::INTEGER AS rmas,
			   (SELECT min(spend) FROM spend WHERE customer_id IN (SELECT customer_id FROM ids)) AS min_spend,
			   (SELECT median(spend) FROM spend) AS median_spend`,
			{ ids: ids.join(',') }
		);
		expect(check.rmas).toBe(0);
		expect(check.min_spend).toBeGreaterThan(check.median_spend * 2);
	});

	it('exports CSV by default with exactly the upload columns; JSON and Arrow carry the same rows', async () => {
		const csv = await api.csv('/api/segments/bracketers/customers');
		expect(csv.status).toBe(200);
		expect(csv.type).toMatch(/^text\/csv/);
		expect(csv.text.split('\n')[0]).toBe('customer_id,email,country,last_return,categories,reason_theme');
		expect(csv.text.split('\n')[0]).toBe(SEGMENT_EXPORT_COLUMNS.join(','));
		const [, ...lines] = parseCsv(csv.text);
		const json = await members('bracketers');
		expect(lines.length).toBe(segments.find((s) => s.id === 'bracketers')!.size);
		expect(lines).toEqual(json.map((r) => SEGMENT_EXPORT_COLUMNS.map((c) => r[c] ?? '')));
		const arrow = await api.arrow('/api/segments/bracketers/customers?format=arrow');
		expect(arrow.type).toBe('application/vnd.apache.arrow.stream');
		expect(arrow.rows).toEqual(json);
		const dates = json.map((r) => r.last_return!);
		expect(dates).toEqual([...dates].sort().reverse());
	});

	it('filters by the customer’s country, in the list and the export', async () => {
		const de = (await api.json<SegmentRow>('/api/segments?country=DE&limit=1000')).body.rows;
		const rows = await members('exchangers', '&country=DE');
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.country === 'DE')).toBe(true);
		expect(de.find((s) => s.id === 'exchangers')!.size).toBe(rows.length);
		expect(rows.length).toBeLessThan(segments.find((s) => s.id === 'exchangers')!.size);
	});

	it('answers an unknown segment with a 404 and bad parameters with a 400', async () => {
		for (const id of ['nope', 'fit-issues-', 'fit-issues-garden', 'fit-issues-APPAREL']) {
			const { status, body } = await api.json(`/api/segments/${id}/customers`);
			expect(status, id).toBe(404);
			expect(body.error).toMatch(/No segment/);
		}
		const cases: [string, RegExp][] = [
			['/api/segments/exchangers/customers?format=xml', /format: Invalid option/],
			['/api/segments/exchangers/customers?sort=score', /sort: Invalid option/],
			['/api/segments/exchangers/customers?flag=wardrobing', /Unrecognized key: "flag"/],
			['/api/segments?sort=customer_id', /sort: Invalid option/],
			['/api/segments?limit=0', /limit/]
		];
		for (const [url, message] of cases) {
			const { status, body } = await api.json(url);
			expect(status, url).toBe(400);
			expect(body.error, url).toMatch(message);
		}
	});
});
