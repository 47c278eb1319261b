import { describe, expect, it } from 'vitest';
import type { OpenReturnAgeRow, TimingKpis } from '../../src/lib/features/timing/timing.ts';
import { parseCsv } from '../support/api-client.ts';
import { useDemoApi } from '../support/demo-api.ts';

const { api, rawFiles } = useDemoApi();

/**
 * The contract's times from the raw files, per RMA line that is a return created in the period: the
 * first refund of the line (or of its whole RMA, when the refund names no line), and open lines aged
 * against the newest order, RMA or refund.
 */
function rawTimingSql(slaDays: number, period?: { from: string; to: string }): string {
	const within = period ? `created_at >= DATE '${period.from}' AND created_at < DATE '${period.to}' + 1` : 'TRUE';
	const days = (to: string) => `date_diff('second', created_at, ${to}) / 86400.0`;
	const openByBucket = [0, 8, 15, 31, 61].map((min, i, mins) => {
		const below = i + 1 < mins.length ? ` AND age < ${mins[i + 1]}` : '';
		return `count(*) FILTER (WHERE status NOT IN ('refunded', 'closed') AND age >= ${min}${below})::INTEGER`;
	});
	return `
WITH as_of AS (
  SELECT greatest(
    (SELECT max(ordered_at) FROM raw_order_lines),
    (SELECT max(created_at) FROM raw_rma_rows),
    (SELECT max(issued_at) FROM raw_refund_bookings)
  ) AS newest
),
lines AS (
  SELECT r.*, (
      SELECT min(f.issued_at) FROM raw_refund_bookings f
      WHERE f.rma_id = r.rma_id AND (f.line_id = r.line_id OR f.line_id IS NULL)
    ) AS first_refund_at
  FROM raw_returns r WHERE ${within}
),
times AS (
  SELECT status, ${days('received_at')} AS to_receive, ${days('inspected_at')} AS to_inspect,
    ${days('first_refund_at')} AS to_refund,
    floor(${days('(SELECT newest FROM as_of)')}) AS age
  FROM lines
)
SELECT count(*)::INTEGER AS return_lines,
  count(to_receive)::INTEGER AS received_lines, median(to_receive) AS median_days_to_receive,
    quantile_cont(to_receive, 0.9) AS p90_days_to_receive,
  count(to_inspect)::INTEGER AS inspected_lines, median(to_inspect) AS median_days_to_inspect,
    quantile_cont(to_inspect, 0.9) AS p90_days_to_inspect,
  count(to_refund)::INTEGER AS refunded_lines, median(to_refund) AS median_days_to_refund,
    quantile_cont(to_refund, 0.9) AS p90_days_to_refund,
  count(*) FILTER (WHERE to_refund > ${slaDays})::INTEGER AS slow_refunds,
  [${openByBucket.join(', ')}] AS open_by_bucket,
  strftime((SELECT newest FROM as_of), '%Y-%m-%dT%H:%M:%SZ') AS as_of
FROM times`;
}

type RawTiming = Omit<TimingKpis, 'sla_days' | 'slow_refund_share' | 'open_lines'> & { open_by_bucket: number[] };

async function expectTimingMatches(url: string, slaDays: number, period?: { from: string; to: string }) {
	const { status, body } = await api.json<OpenReturnAgeRow>(url);
	expect(status).toBe(200);
	const [raw] = await rawFiles.query<RawTiming>(rawTimingSql(slaDays, period));
	const kpis = body.meta.kpis as TimingKpis;
	expect(kpis).toMatchObject({
		as_of: raw.as_of,
		return_lines: raw.return_lines,
		received_lines: raw.received_lines,
		inspected_lines: raw.inspected_lines,
		refunded_lines: raw.refunded_lines,
		sla_days: slaDays,
		slow_refunds: raw.slow_refunds,
		open_lines: raw.open_by_bucket.reduce((s, n) => s + n, 0)
	});
	for (const measure of ['receive', 'inspect', 'refund'] as const) {
		expect(kpis[`median_days_to_${measure}`], measure).toBeCloseTo(raw[`median_days_to_${measure}`]!, 9);
		expect(kpis[`p90_days_to_${measure}`], measure).toBeCloseTo(raw[`p90_days_to_${measure}`]!, 9);
	}
	expect(kpis.slow_refund_share).toBeCloseTo(raw.slow_refunds / raw.refunded_lines, 12);
	expect(body.rows.map((r) => r.bucket)).toEqual(['0-7', '8-14', '15-30', '31-60', '61+']);
	expect(body.rows.map((r) => r.open_lines)).toEqual(raw.open_by_bucket);
	return { body, kpis };
}

describe('GET /api/timing', () => {
	it(
		'gives median and p90 days to receive, inspect and refund, slow refunds and open returns by age, ' +
			'as recomputed from the raw files',
		async () => {
			const { body, kpis } = await expectTimingMatches('/api/timing', 14);
			expect(body.meta).toMatchObject({ slaDays: 14, filters: {} });
			expect(kpis.median_days_to_receive!).toBeLessThan(kpis.median_days_to_inspect!);
			expect(kpis.median_days_to_inspect!).toBeLessThan(kpis.p90_days_to_inspect!);
			expect(kpis.open_lines).toBeGreaterThan(0);
			for (const row of body.rows) {
				expect(row.open_value).toMatch(/^\d+\.\d{2}$/);
				expect(row.open_rmas).toBeLessThanOrEqual(row.open_lines);
				expect(row.share).toBeCloseTo(row.open_lines / kpis.open_lines, 12);
			}
		}
	);

	it('answers the unfiltered view from the quantiles stored at ingest, as computed live', async () => {
		const stored = await api.json<OpenReturnAgeRow>('/api/timing?slaDays=10');
		// A period before any RMA leaves the scope whole but makes the answer compute live.
		const live = await api.json<OpenReturnAgeRow>('/api/timing?slaDays=10&from=1990-01-01');
		expect((stored.body.meta.kpis as TimingKpis).refunded_lines).toBeGreaterThan(100);
		expect(stored.body.meta.kpis).toEqual(live.body.meta.kpis);
		expect(stored.body.rows).toEqual(live.body.rows);
	});

	it('counts refunds slower than the SLA given', async () => {
		const strict = await expectTimingMatches('/api/timing?slaDays=7', 7);
		const lenient = await expectTimingMatches('/api/timing?slaDays=30', 30);
		expect(strict.kpis.slow_refunds).toBeGreaterThan(lenient.kpis.slow_refunds);
	});

	it('filters on RMA created_at and dimension, and echoes the filters', async () => {
		const period = { from: '2026-09-01', to: '2026-11-30' };
		const { body, kpis } = await expectTimingMatches(`/api/timing?from=${period.from}&to=${period.to}`, 14, period);
		expect(body.meta.filters).toEqual(period);
		const all = await api.json('/api/timing');
		expect(kpis.return_lines).toBeLessThan((all.body.meta.kpis as TimingKpis).return_lines);
		const electronics = await api.json('/api/timing?category=electronics');
		expect(electronics.body.meta.filters).toEqual({ category: ['electronics'] });
		expect((electronics.body.meta.kpis as TimingKpis).return_lines).toBeLessThan(
			(all.body.meta.kpis as TimingKpis).return_lines
		);
	});

	it('exports the same rows and columns as CSV and Arrow', async () => {
		const json = await api.json<OpenReturnAgeRow>('/api/timing');
		const csv = await api.csv('/api/timing?format=csv');
		expect(csv.type).toMatch(/^text\/csv/);
		const [header, ...lines] = parseCsv(csv.text);
		expect(header).toEqual(Object.keys(json.body.rows[0]));
		expect(lines).toEqual(json.body.rows.map((r) => Object.values(r).map((v) => (v === null ? '' : String(v)))));
		const arrow = await api.arrow('/api/timing?format=arrow');
		expect(arrow.type).toBe('application/vnd.apache.arrow.stream');
		expect(arrow.rows).toEqual(json.body.rows);
	});

	it('answers bad parameters with a 400 that names them', async () => {
		const cases: [string, RegExp][] = [
			['/api/timing?slaDays=0', /slaDays/],
			['/api/timing?slaDays=two', /slaDays/],
			['/api/timing?sort=age', /sort: Invalid option/],
			['/api/timing?limit=10001', /limit/],
			['/api/timing?from=2026-02-30', /from: not a calendar date/],
			['/api/timing?bucket=0-7', /Unrecognized key: "bucket"/]
		];
		for (const [url, message] of cases) {
			const { status, body } = await api.json(url);
			expect(status, url).toBe(400);
			expect(body.error, url).toMatch(message);
		}
	});
});
