import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { ReasonMismatchRow } from '../../src/lib/features/reasons/mismatch/mismatch.ts';
import type { ReasonRow, ReasonTotals, ReasonTrendPoint } from '../../src/lib/features/reasons/reasons.ts';
import { parseCsv } from '../support/api-client.ts';
import { useDemoApi } from '../support/demo-api.ts';

const demo = inject('demoDatabase');
const truth = JSON.parse(readFileSync(join(demo.dataDir, 'truth.json'), 'utf8'));
const { api, rawFiles } = useDemoApi();

const CONDITIONS = ['new', 'like_new', 'used', 'damaged', 'defective', 'wrong_item', 'empty', 'missing_parts'];

const within = (column: string, period?: { from: string; to: string }) =>
	period ? `${column} >= DATE '${period.from}' AND ${column} < DATE '${period.to}' + 1` : 'TRUE';

interface RawReason {
	key: string;
	rma_lines: number;
	returned_units: number;
	returned_value: string;
	trend: ReasonTrendPoint[];
}

/**
 * Returns per reason from the raw files, for the order lines ordered in the period, with every order
 * month of the scope.
 */
function rawReasonsSql(key: string, where = 'TRUE', period?: { from: string; to: string }): string {
	return `
WITH r AS (SELECT *, ${key} AS key FROM raw_returns WHERE ${within('ordered_at', period)} AND ${where}),
months AS (
  SELECT DISTINCT date_trunc('month', ordered_at) AS month
  FROM raw_order_lines WHERE ${within('ordered_at', period)} AND ${where}
),
monthly AS (SELECT key, date_trunc('month', ordered_at) AS month, sum(returned_units) AS units FROM r GROUP BY ALL),
g AS (
  SELECT key, count(*)::INTEGER AS rma_lines, sum(returned_units)::INTEGER AS returned_units,
    CAST(sum(returned_value) AS VARCHAR) AS returned_value
  FROM r GROUP BY key
)
SELECT g.*, list(
    {'period': strftime(months.month, '%Y-%m-%d'), 'units': coalesce(monthly.units, 0)::INTEGER} ORDER BY months.month
  ) AS trend
FROM g CROSS JOIN months LEFT JOIN monthly ON monthly.key = g.key AND monthly.month = months.month
GROUP BY ALL`;
}

function expectReasonsMatch(rows: ReasonRow[], raw: RawReason[]) {
	expect(rows.map((r) => r.key).sort()).toEqual(raw.map((r) => r.key).sort());
	const units = raw.reduce((s, r) => s + r.returned_units, 0);
	for (const expected of raw) {
		const row = rows.find((r) => r.key === expected.key)!;
		expect(row, expected.key).toMatchObject({
			rma_lines: expected.rma_lines,
			returned_units: expected.returned_units,
			returned_value: expected.returned_value,
			trend: expected.trend
		});
		expect(row.share).toBeCloseTo(expected.returned_units / units, 12);
	}
}

describe('GET /api/reasons', () => {
	it(
		'gives returned units, RMA lines, share and a monthly trend per reason group, ' +
			'as recomputed from the raw files',
		async () => {
			const { status, body } = await api.json<ReasonRow>('/api/reasons');
			expect(status).toBe(200);
			const raw = await rawFiles.query<RawReason>(rawReasonsSql('reason_group'));
			expectReasonsMatch(body.rows, raw);
			expect(body.rows[0].key).toBe('fit');
			expect(body.rows.map((r) => r.returned_units)).toEqual(
				[...body.rows.map((r) => r.returned_units)].sort((a, b) => b - a)
			);
			for (const row of body.rows) expect(row.trend.reduce((s, p) => s + p.units, 0)).toBe(row.returned_units);
			const totals = body.meta.totals as ReasonTotals;
			expect(totals).toMatchObject({
				rma_lines: raw.reduce((s, r) => s + r.rma_lines, 0),
				returned_units: raw.reduce((s, r) => s + r.returned_units, 0)
			});
			expect(totals.returned_value).toMatch(/^\d+\.\d{2}$/);
		}
	);

	it('shows the planted defect spike in the spike product’s defect trend', async () => {
		const { from, to, product_id } = truth.defectSpike;
		const { body } = await api.json<ReasonRow>(`/api/reasons?product=${product_id}`);
		expect(body.meta.filters).toEqual({ product: [product_id] });
		const trend = body.rows.find((r) => r.key === 'defect')!.trend;
		const peaks = [...trend].sort((a, b) => b.units - a.units).slice(0, 2);
		for (const peak of peaks)
			expect(peak.period >= `${from.slice(0, 7)}-01` && peak.period <= to, peak.period).toBe(true);
	});

	it(
		'per reason code within a period and category, labelled from the catalogue, ' + 'with the filters echoed',
		async () => {
			const period = { from: '2026-01-01', to: '2026-06-30' };
			const { body } = await api.json<ReasonRow>(
				`/api/reasons?by=reason_code&from=${period.from}&to=${period.to}&category=apparel`
			);
			expect(body.meta.filters).toEqual({ ...period, category: ['apparel'] });
			const raw = await rawFiles.query<RawReason>(
				rawReasonsSql(`coalesce(reason_code, '(none)')`, `category = 'apparel'`, period)
			);
			expectReasonsMatch(body.rows, raw);
			expect(body.rows.find((r) => r.key === 'SIZE_SMALL')).toMatchObject({
				label: 'Too small',
				reason_group: 'fit'
			});
			expect(body.rows[0].trend.map((p) => p.period)).toEqual([
				'2026-01-01',
				'2026-02-01',
				'2026-03-01',
				'2026-04-01',
				'2026-05-01',
				'2026-06-01'
			]);
		}
	);

	it('exports the same rows and columns as CSV and Arrow, the trend as JSON text', async () => {
		const json = await api.json<ReasonRow>('/api/reasons?by=reason_code');
		const csv = await api.csv('/api/reasons?by=reason_code&format=csv');
		expect(csv.type).toMatch(/^text\/csv/);
		const [header, ...lines] = parseCsv(csv.text);
		expect(header).toEqual(Object.keys(json.body.rows[0]));
		expect(lines).toEqual(
			json.body.rows.map((r) =>
				Object.values(r).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)))
			)
		);
		const arrow = await api.arrow('/api/reasons?by=reason_code&format=arrow');
		expect(arrow.rows.map((r) => ({ ...r, trend: JSON.parse(String(r.trend)) }))).toEqual(json.body.rows);
	});
});

interface RawMismatch {
	key: string;
	inspected_lines: number;
	conditions: number[];
	confirmed: [number, number, number];
	item_not_matching: number;
	claimed: number;
	not_confirmed: number;
}

/** Stated reason vs the latest inspection, from the raw files, for the order lines ordered in the period. */
function rawMismatchSql(key: string, where = 'TRUE'): string {
	return `
SELECT ${key} AS key, count(*)::INTEGER AS inspected_lines,
  [${CONDITIONS.map((c) => `count(*) FILTER (WHERE condition = '${c}')::INTEGER`).join(', ')}] AS conditions,
  [count(*) FILTER (WHERE defect_confirmed)::INTEGER, count(*) FILTER (WHERE NOT defect_confirmed)::INTEGER,
    count(*) FILTER (WHERE defect_confirmed IS NULL)::INTEGER] AS confirmed,
  count(*) FILTER (WHERE NOT item_matches)::INTEGER AS item_not_matching,
  count(*) FILTER (WHERE reason_group IN ('defect', 'damage'))::INTEGER AS claimed,
  count(*) FILTER (
    WHERE reason_group IN ('defect', 'damage') AND condition IN ('new', 'like_new') AND NOT defect_confirmed
  )::INTEGER AS not_confirmed
FROM raw_returns WHERE inspection_id IS NOT NULL AND ${where} GROUP BY 1`;
}

function expectMismatchMatches(rows: ReasonMismatchRow[], raw: RawMismatch[]) {
	expect(rows.map((r) => r.key).sort()).toEqual(raw.map((r) => r.key).sort());
	for (const expected of raw) {
		const row = rows.find((r) => r.key === expected.key)!;
		expect(row, expected.key).toMatchObject({
			inspected_lines: expected.inspected_lines,
			defect_confirmed_true: expected.confirmed[0],
			defect_confirmed_false: expected.confirmed[1],
			defect_confirmed_unknown: expected.confirmed[2],
			item_not_matching: expected.item_not_matching,
			claimed_defect_lines: expected.claimed,
			claimed_defect_not_confirmed: expected.not_confirmed
		});
		expect(CONDITIONS.map((c) => row[`condition_${c}` as keyof ReasonMismatchRow])).toEqual(expected.conditions);
		if (expected.claimed)
			expect(row.claimed_defect_not_confirmed_share).toBeCloseTo(expected.not_confirmed / expected.claimed, 12);
		else expect(row.claimed_defect_not_confirmed_share).toBeNull();
	}
}

describe('GET /api/reasons/mismatch', () => {
	it('sets each stated reason group against what inspection found, as recomputed from the raw files', async () => {
		const { status, body } = await api.json<ReasonMismatchRow>('/api/reasons/mismatch');
		expect(status).toBe(200);
		const raw = await rawFiles.query<RawMismatch>(rawMismatchSql('reason_group'));
		expectMismatchMatches(body.rows, raw);
		expect(['defect', 'damage']).toContain(body.rows[0].key);
		expect(body.rows.find((r) => r.key === 'fit')!.claimed_defect_lines).toBe(0);
		expect((body.meta.totals as ReasonMismatchRow).inspected_lines).toBe(
			raw.reduce((s, r) => s + r.inspected_lines, 0)
		);
	});

	it(
		'per customer, the planted claim-mismatch customers are exactly those ' +
			'with 3 or more unconfirmed fault claims',
		async () => {
			const { body } = await api.json<ReasonMismatchRow>(
				'/api/reasons/mismatch?by=customer&reasonGroup=defect&reasonGroup=damage&limit=10000'
			);
			expect(body.meta.filters).toEqual({ reasonGroup: ['defect', 'damage'] });
			const flagged = body.rows.filter(
				(r) => r.claimed_defect_not_confirmed >= truth.thresholds.claim_mismatch.minUnconfirmedFaultClaims
			);
			expect(flagged.map((r) => r.key).sort()).toEqual([...truth.fraud.claim_mismatch].sort());
			expect(
				body.rows
					.slice(0, flagged.length)
					.map((r) => r.key)
					.sort()
			).toEqual(flagged.map((r) => r.key).sort());
			const raw = await rawFiles.query<RawMismatch>(
				rawMismatchSql('customer_id', `reason_group IN ('defect', 'damage')`)
			);
			expectMismatchMatches(body.rows, raw);
		}
	);

	it('per product within a period, with the filter echoed', async () => {
		const period = { from: '2026-05-18', to: '2026-07-12' };
		const { body } = await api.json<ReasonMismatchRow>(
			`/api/reasons/mismatch?by=product&from=${period.from}&to=${period.to}&limit=10000`
		);
		expect(body.meta.filters).toEqual(period);
		const raw = await rawFiles.query<RawMismatch>(rawMismatchSql('product_id', within('ordered_at', period)));
		expectMismatchMatches(body.rows, raw);
		const all = await api.json<ReasonMismatchRow>('/api/reasons/mismatch?by=product');
		expect((body.meta.totals as ReasonMismatchRow).inspected_lines).toBeLessThan(
			(all.body.meta.totals as ReasonMismatchRow).inspected_lines
		);
	});

	it('gives the totals of every row on every page, also past the last one', async () => {
		const all = await api.json<ReasonMismatchRow>('/api/reasons/mismatch?by=product&limit=10000');
		const sum = (key: keyof ReasonMismatchRow) => all.body.rows.reduce((s, r) => s + (r[key] as number), 0);
		const expected = {
			inspected_lines: sum('inspected_lines'),
			claimed_defect_lines: sum('claimed_defect_lines'),
			claimed_defect_not_confirmed: sum('claimed_defect_not_confirmed')
		};
		expect(all.body.meta.totals).toMatchObject(expected);
		const beyond = await api.json<ReasonMismatchRow>(
			`/api/reasons/mismatch?by=product&offset=${all.body.rows.length}&limit=5`
		);
		expect(beyond.body.rows).toEqual([]);
		expect(beyond.body.meta).toMatchObject({ total_rows: all.body.rows.length, row_count: 0, totals: expected });
		expect((beyond.body.meta.totals as ReasonMismatchRow).claimed_defect_not_confirmed_share).toBeCloseTo(
			expected.claimed_defect_not_confirmed / expected.claimed_defect_lines,
			12
		);
	});

	it('exports the same rows and columns as CSV and Arrow', async () => {
		const json = await api.json<ReasonMismatchRow>('/api/reasons/mismatch?by=product&limit=10000');
		const csv = await api.csv('/api/reasons/mismatch?by=product&format=csv');
		const [header, ...lines] = parseCsv(csv.text);
		expect(header).toEqual(Object.keys(json.body.rows[0]));
		expect(lines).toEqual(json.body.rows.map((r) => Object.values(r).map((v) => (v === null ? '' : String(v)))));
		const arrow = await api.arrow('/api/reasons/mismatch?by=product&format=arrow');
		expect(arrow.type).toBe('application/vnd.apache.arrow.stream');
		expect(arrow.rows).toEqual(json.body.rows);
	});
});

describe('bad parameters of /api/reasons', () => {
	it('answers them with a 400 that names them', async () => {
		const cases: [string, RegExp][] = [
			['/api/reasons?by=label', /by: Invalid option/],
			['/api/reasons?sort=units', /sort: Invalid option/],
			['/api/reasons?limit=10001', /limit/],
			['/api/reasons?from=2026-04-31', /from: not a calendar date/],
			['/api/reasons?interval=week', /Unrecognized key: "interval"/],
			['/api/reasons/mismatch?by=sku', /by: Invalid option/],
			['/api/reasons/mismatch?reasonGroup=fraud', /reasonGroup.0: Invalid option/],
			['/api/reasons/mismatch?limit=0', /limit/],
			['/api/reasons/mismatch?to=soon', /to: expected a date/],
			['/api/reasons/mismatch?customer=C0000001', /Unrecognized key: "customer"/]
		];
		for (const [url, message] of cases) {
			const { status, body } = await api.json(url);
			expect(status, url).toBe(400);
			expect(body.error, url).toMatch(message);
		}
	});
});
