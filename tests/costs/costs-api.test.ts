import { describe, expect, it } from 'vitest';
import type { RefundBreakdownRow, RefundTotals } from '../../src/lib/features/costs/costs.ts';
import { parseCsv } from '../support/api-client.ts';
import { useDemoApi } from '../support/demo-api.ts';

const { api, rawFiles } = useDemoApi();

const MONEY = /^-?\d+\.\d{2}$/;
const METHODS = ['original_payment', 'store_credit', 'gift_card', 'exchange', 'cash'] as const;

interface RawGroup {
	key: string;
	refunds: number;
	refunded: string;
	processing_cost: string;
	fees_recovered: string;
	value_lost: string | null;
	sold_value: string | null;
	by_method: string[];
}

/**
 * The contract's cost figures per group, from the raw files: refunds and their costs by issued_at,
 * value lost by inspected_at, sold value by ordered_at. `key` is an SQL expression over each source;
 * NULL leaves that source out.
 */
function rawCostsSql(
	keys: { refunds: string; returns: string; orders: string },
	where = 'TRUE',
	period?: { from: string; to: string }
): string {
	const within = (column: string) =>
		period ? `${column} >= DATE '${period.from}' AND ${column} < DATE '${period.to}' + 1` : 'TRUE';
	const byMethod = METHODS.map((m) => `CAST(coalesce(sum(amount) FILTER (WHERE method = '${m}'), 0) AS VARCHAR)`);
	return `
WITH booked AS (
  SELECT ${keys.refunds} AS key, count(*)::INTEGER AS refunds, sum(amount) AS refunded,
    sum(return_shipping_cost + handling_cost) AS processing_cost, sum(restocking_fee) AS fees_recovered,
    [${byMethod.join(', ')}] AS by_method
  FROM raw_refund_bookings WHERE ${within('issued_at')} AND ${where} GROUP BY 1
),
lost AS (
  SELECT ${keys.returns} AS key, sum(returned_value - recovery_value) AS value_lost
  FROM raw_returns WHERE inspection_id IS NOT NULL AND ${within('inspected_at')} AND ${where} GROUP BY 1
),
sold AS (
  SELECT ${keys.orders} AS key, sum(quantity * unit_price) AS sold_value
  FROM raw_order_lines WHERE ${within('ordered_at')} AND ${where} GROUP BY 1
)
SELECT key, coalesce(b.refunds, 0) AS refunds, CAST(coalesce(b.refunded, 0) AS VARCHAR) AS refunded,
  CAST(coalesce(b.processing_cost, 0) AS VARCHAR) AS processing_cost,
  CAST(coalesce(b.fees_recovered, 0) AS VARCHAR) AS fees_recovered,
  CAST(coalesce(l.value_lost, 0) AS VARCHAR) AS value_lost, CAST(s.sold_value AS VARCHAR) AS sold_value,
  coalesce(b.by_method, ['0.00', '0.00', '0.00', '0.00', '0.00']) AS by_method
FROM booked b FULL JOIN lost l USING (key) LEFT JOIN sold s USING (key)
WHERE key IS NOT NULL`;
}

/** Exact decimal arithmetic on two-decimal strings, as the API's SQL does it. */
const cents = (money: string) => BigInt(money.replace('.', ''));
const money = (c: bigint) => {
	const sign = c < 0n ? '-' : '';
	const abs = (c < 0n ? -c : c).toString().padStart(3, '0');
	return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
};

function expectMatches(row: RefundBreakdownRow, raw: RawGroup, soldValue: string) {
	expect(row, raw.key).toMatchObject({
		refunds: raw.refunds,
		refunded: raw.refunded,
		processing_cost: raw.processing_cost,
		fees_recovered: raw.fees_recovered,
		value_lost: raw.value_lost,
		sold_value: soldValue
	});
	expect(METHODS.map((m) => row[`refunded_${m}`])).toEqual(raw.by_method);
	const net = cents(raw.processing_cost) - cents(raw.fees_recovered) + cents(raw.value_lost!);
	expect(row.net_return_cost).toBe(money(net));
	if (cents(soldValue) > 0n) expect(row.net_cost_share).toBeCloseTo(Number(net) / Number(cents(soldValue)), 12);
	else expect(row.net_cost_share).toBeNull();
}

describe('GET /api/refunds/breakdown', () => {
	it('splits refunds by method, with whole-scope totals matching a recomputation from the raw files', async () => {
		const { status, body } = await api.json<RefundBreakdownRow>('/api/refunds/breakdown?by=method');
		expect(status).toBe(200);
		const byMethod = await rawFiles.query<RawGroup>(
			rawCostsSql({ refunds: 'method', returns: 'NULL::VARCHAR', orders: 'NULL::VARCHAR' })
		);
		expect(body.rows.map((r) => r.key).sort()).toEqual(byMethod.map((r) => r.key).sort());
		for (const expected of byMethod) {
			const row = body.rows.find((r) => r.key === expected.key)!;
			expect(row).toMatchObject({
				refunds: expected.refunds,
				refunded: expected.refunded,
				processing_cost: expected.processing_cost,
				fees_recovered: expected.fees_recovered,
				// Inspections have no refund method: value lost cannot be split by it.
				value_lost: null,
				net_return_cost: null,
				inspected_lines: null
			});
			expect(row[`refunded_${expected.key as (typeof METHODS)[number]}`]).toBe(expected.refunded);
		}
		const [all] = await rawFiles.query<RawGroup>(
			rawCostsSql({ refunds: `'all'`, returns: `'all'`, orders: `'all'` })
		);
		const totals = body.meta.totals as RefundTotals;
		expectMatches({ ...totals, key: 'all', label: 'all' }, all, all.sold_value!);
		for (const row of body.rows) expect(row.sold_value).toBe(all.sold_value);
		const sum = (field: 'refunded' | 'processing_cost' | 'fees_recovered') =>
			money(body.rows.reduce((s, r) => s + cents(r[field]), 0n));
		expect([sum('refunded'), sum('processing_cost'), sum('fees_recovered')]).toEqual([
			totals.refunded,
			totals.processing_cost,
			totals.fees_recovered
		]);
	});

	it('per supplier in a period: each figure by its own date, and the filter is echoed', async () => {
		const period = { from: '2026-01-01', to: '2026-06-30' };
		const { body } = await api.json<RefundBreakdownRow>(
			`/api/refunds/breakdown?by=supplier&from=${period.from}&to=${period.to}&limit=10000`
		);
		expect(body.meta.filters).toEqual(period);
		const key = `coalesce(supplier, '(none)')`;
		const raw = await rawFiles.query<RawGroup>(
			rawCostsSql({ refunds: key, returns: key, orders: key }, 'TRUE', period)
		);
		expect(body.rows.map((r) => r.key).sort()).toEqual(raw.map((r) => r.key).sort());
		for (const expected of raw)
			expectMatches(
				body.rows.find((r) => r.key === expected.key)!,
				expected,
				expected.sold_value ?? '0.00'
			);
		const unfiltered = await api.json<RefundBreakdownRow>('/api/refunds/breakdown?by=supplier');
		expect((unfiltered.body.meta.totals as RefundTotals).refunded).not.toBe(
			(body.meta.totals as RefundTotals).refunded
		);
	});

	it(
		'per reason group within a category: sold value is the whole scope’s, ' +
			'refunds without an order line drop out',
		async () => {
			const { body } = await api.json<RefundBreakdownRow>(
				'/api/refunds/breakdown?by=reason_group&category=electronics'
			);
			expect(body.meta.filters).toEqual({ category: ['electronics'] });
			const inCategory = `category = 'electronics'`;
			const groups = await rawFiles.query<RawGroup>(
				rawCostsSql({ refunds: 'reason_group', returns: 'reason_group', orders: 'NULL::VARCHAR' }, inCategory)
			);
			const [{ sold_value: scopeSold }] = await rawFiles.query<{ sold_value: string }>(
				`SELECT CAST(sum(quantity * unit_price) AS VARCHAR) AS sold_value
				 FROM raw_order_lines WHERE ${inCategory}`
			);
			expect(body.rows.map((r) => r.key).sort()).toEqual(groups.map((r) => r.key).sort());
			expect(body.rows.map((r) => r.key)).not.toContain('no_return');
			for (const expected of groups)
				expectMatches(
					body.rows.find((r) => r.key === expected.key)!,
					expected,
					scopeSold
				);
			expect(body.rows.find((r) => r.key === 'defect')!.net_return_cost).not.toBe('0.00');
		}
	);

	it(
		'per month: refunds by the month they were issued, value lost by the month of inspection, ' +
			'sold value by order month',
		async () => {
			const { body } = await api.json<RefundBreakdownRow>(
				'/api/refunds/breakdown?by=month&sort=key&order=asc&limit=1000'
			);
			const month = (column: string) => `strftime(date_trunc('month', ${column}), '%Y-%m-%d')`;
			const raw = await rawFiles.query<RawGroup>(
				rawCostsSql({
					refunds: month('issued_at'),
					returns: month('inspected_at'),
					orders: month('ordered_at')
				})
			);
			expect(body.rows.map((r) => r.key)).toEqual(raw.map((r) => r.key).sort());
			for (const expected of raw)
				expectMatches(
					body.rows.find((r) => r.key === expected.key)!,
					expected,
					expected.sold_value ?? '0.00'
				);
		}
	);

	it('gives money as exact decimal strings and rates as numbers', async () => {
		const { body } = await api.json<RefundBreakdownRow>('/api/refunds/breakdown?by=category');
		for (const row of body.rows) {
			for (const field of [
				'refunded',
				'processing_cost',
				'fees_recovered',
				'value_lost',
				'net_return_cost',
				'sold_value',
				...METHODS.map((m) => `refunded_${m}`)
			] as const) {
				expect(row[field as keyof RefundBreakdownRow], field).toMatch(MONEY);
			}
			expect(typeof row.net_cost_share === 'number' || row.net_cost_share === null).toBe(true);
		}
	});

	it('exports the same rows and columns as CSV and Arrow', async () => {
		const all = await api.json<RefundBreakdownRow>('/api/refunds/breakdown?by=product&limit=10000');
		expect(all.body.rows.length).toBeGreaterThan(100);
		const csv = await api.csv('/api/refunds/breakdown?by=product&format=csv');
		expect(csv.type).toMatch(/^text\/csv/);
		const [header, ...lines] = parseCsv(csv.text);
		expect(header).toEqual(Object.keys(all.body.rows[0]));
		expect(lines.map((l) => Object.fromEntries(header.map((h, i) => [h, l[i]])))).toEqual(
			all.body.rows.map((r) =>
				Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]))
			)
		);
		const arrow = await api.arrow('/api/refunds/breakdown?by=product&format=arrow');
		expect(arrow.type).toBe('application/vnd.apache.arrow.stream');
		expect(arrow.rows).toEqual(all.body.rows);
	});

	it('answers bad parameters with a 400 that names them', async () => {
		const cases: [string, RegExp][] = [
			['/api/refunds/breakdown?by=carrier', /by: Invalid option/],
			['/api/refunds/breakdown?sort=amount', /sort: Invalid option/],
			['/api/refunds/breakdown?limit=10001', /limit/],
			['/api/refunds/breakdown?to=2026-13-01', /to: not a calendar date/],
			['/api/refunds/breakdown?from=yesterday', /from: expected a date/],
			['/api/refunds/breakdown?method=cash', /Unrecognized key: "method"/]
		];
		for (const [url, message] of cases) {
			const { status, body } = await api.json(url);
			expect(status, url).toBe(400);
			expect(body.error, url).toMatch(message);
		}
	});
});
