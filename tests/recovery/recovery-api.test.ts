import { describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { CONDITIONS, DISPOSITIONS } from '../../src/lib/core/contract/entities.ts';
import type { BacklogRow, RecoveryFigures, RecoveryRow } from '../../src/lib/features/recovery/recovery.ts';
import { parseCsv } from '../support/api-client.ts';
import { useDemoApi } from '../support/demo-api.ts';

const { api, rawFiles } = useDemoApi();
const { dataDir } = inject('demoDatabase');

const MONEY = /^-?\d+\.\d{2}$/;

interface RawGroup {
	key: string;
	inspected_lines: number;
	inspected_units: number;
	returned_value: string;
	refunded: string;
	recovery_value: string;
	value_lost: string;
	disposition_units: number[];
	condition_units: number[];
	median_days: number | null;
	category: string | null;
}

type Period = { from: string; to: string };

/**
 * The recovery figures per group, from the raw files as the contract defines them: the latest
 * inspection of each RMA line that is a return, in the period by inspected_at; the refunds booked
 * against the line (a refund naming only its RMA counts against the RMA's first line); recovery
 * value defaulted for restock. `key` is an SQL expression over those lines.
 */
function rawRecoverySql(key: string, where = 'TRUE', period?: Period): string {
	const within = period ? `inspected_at >= DATE '${period.from}' AND inspected_at < DATE '${period.to}' + 1` : 'TRUE';
	const unitsOf = (column: string, value: string) =>
		`coalesce(sum(returned_units) FILTER (WHERE ${column} = '${value}'), 0)::INTEGER`;
	const units = (column: string, values: readonly string[]) =>
		`[${values.map((v) => unitsOf(column, v)).join(', ')}]`;
	return `
WITH first_lines AS (SELECT rma_id, min(line_id) AS line_id FROM raw_rma_rows GROUP BY rma_id),
refunded AS (
  SELECT b.rma_id, coalesce(b.line_id, f.line_id) AS line_id, sum(b.amount) AS refunded
  FROM raw_refund_bookings b LEFT JOIN first_lines f USING (rma_id)
  WHERE b.rma_id IS NOT NULL GROUP BY 1, 2
),
inspected AS (
  SELECT * FROM (
    SELECT r.*, i.disposition, coalesce(f.refunded, 0) AS refunded
    FROM raw_returns r JOIN raw_inspections i USING (rma_id, line_id) LEFT JOIN refunded f USING (rma_id, line_id)
  ) WHERE ${within} AND ${where}
)
SELECT coalesce(CAST(${key} AS VARCHAR), '(none)') AS key, any_value(category) AS category,
  count(*)::INTEGER AS inspected_lines, sum(returned_units)::INTEGER AS inspected_units,
  CAST(sum(returned_value) AS VARCHAR) AS returned_value, CAST(sum(refunded) AS VARCHAR) AS refunded,
  CAST(sum(recovery_value) AS VARCHAR) AS recovery_value,
  CAST(sum(returned_value - recovery_value) AS VARCHAR) AS value_lost,
  ${units('disposition', DISPOSITIONS)} AS disposition_units,
  ${units('condition', CONDITIONS)} AS condition_units,
  quantile_cont(date_diff('second', received_at, inspected_at), 0.5) / 86400.0 AS median_days
FROM inspected GROUP BY 1`;
}

/** Exact decimal arithmetic on two-decimal strings, as the API's SQL does it. */
const cents = (money: string) => BigInt(money.replace('.', ''));
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
/** Units restocked or refurbished: the ones sold again. */
const resellable = (g: RawGroup) =>
	share(
		g.disposition_units[DISPOSITIONS.indexOf('restock')] + g.disposition_units[DISPOSITIONS.indexOf('refurbish')],
		g.inspected_units
	);

function expectShare(actual: number | null, expected: number | null, what: string) {
	if (expected === null) expect(actual, what).toBeNull();
	else expect(actual, what).toBeCloseTo(expected, 12);
}

/** A row (or the totals) against its raw group: money to the cent, shares and the median to 12 digits. */
function expectMatches(row: RecoveryFigures, raw: RawGroup) {
	expect(row, raw.key).toMatchObject({
		inspected_lines: raw.inspected_lines,
		inspected_units: raw.inspected_units,
		returned_value: raw.returned_value,
		refunded: raw.refunded,
		recovery_value: raw.recovery_value,
		value_lost: raw.value_lost
	});
	const rate = cents(raw.refunded) > 0n ? Number(cents(raw.recovery_value)) / Number(cents(raw.refunded)) : null;
	expectShare(row.recovery_rate, rate, `${raw.key} recovery_rate`);
	DISPOSITIONS.forEach((d, i) =>
		expectShare(row[`${d}_share`], share(raw.disposition_units[i], raw.inspected_units), `${raw.key} ${d}`)
	);
	CONDITIONS.forEach((c, i) =>
		expectShare(row[`condition_${c}_share`], share(raw.condition_units[i], raw.inspected_units), `${raw.key} ${c}`)
	);
	expectShare(row.resellable_share, resellable(raw), `${raw.key} resellable`);
	expectShare(row.median_days_receipt_to_inspection, raw.median_days, `${raw.key} median`);
}

/** Each grouping's key over the raw lines, as the API keys it. */
const RAW_KEYS: Record<string, string> = {
	disposition: 'disposition',
	condition: 'condition',
	category: 'category',
	product: 'product_id',
	supplier: 'supplier',
	reason_group: 'reason_group',
	month: `strftime(date_trunc('month', inspected_at), '%Y-%m-%d')`
};

async function compare(by: string, query: string, where?: string, period?: Period) {
	const { status, body } = await api.json<RecoveryRow>(`/api/recovery?by=${by}&limit=10000${query}`);
	expect(status).toBe(200);
	const raw = await rawFiles.query<RawGroup>(rawRecoverySql(RAW_KEYS[by], where, period));
	expect(raw.length).toBeGreaterThan(1);
	expect(body.rows.map((r) => r.key).sort()).toEqual(raw.map((r) => r.key).sort());
	for (const expected of raw)
		expectMatches(
			body.rows.find((r) => r.key === expected.key)!,
			expected
		);
	const [all] = await rawFiles.query<RawGroup>(rawRecoverySql(`'total'`, where, period));
	const totals = body.meta.totals as RecoveryFigures;
	expectMatches(totals, all);
	for (const field of ['returned_value', 'refunded', 'recovery_value', 'value_lost'] as const)
		expect(
			body.rows.reduce((sum, r) => sum + cents(r[field]), 0n),
			field
		).toBe(cents(totals[field]));
	return body;
}

const PERIOD = { from: '2025-06-10', to: '2026-03-20' };
const GROUPINGS = Object.keys(RAW_KEYS);

describe('GET /api/recovery', () => {
	it.each(GROUPINGS)('by %s over everything (stored) matches a recomputation from the raw files', async (by) => {
		const body = await compare(by, '');
		expect(body.meta).toMatchObject({ by, filters: {} });
	});

	it.each(GROUPINGS)('by %s in a period with edge days, by inspection date (live)', async (by) => {
		const body = await compare(by, `&from=${PERIOD.from}&to=${PERIOD.to}`, 'TRUE', PERIOD);
		expect(body.meta.filters).toEqual(PERIOD);
	});

	it('by product in two categories on one channel: labels are names, each compared with its category', async () => {
		const where = `category IN ('electronics', 'home') AND channel = 'web'`;
		const body = await compare('product', '&category=electronics&category=home&channel=web', where);
		const categories = await rawFiles.query<RawGroup>(rawRecoverySql('category', where));
		const names = await rawFiles.query<{ product_id: string; name: string }>(
			`SELECT product_id, any_value(product_name) AS name FROM raw_order_lines GROUP BY 1`
		);
		for (const row of body.rows) {
			const category = categories.find((c) => c.key === row.category)!;
			expect(['electronics', 'home']).toContain(row.category);
			expectShare(row.category_resellable_share, resellable(category), row.key);
			expect(row.label).toBe(names.find((n) => n.product_id === row.key)!.name);
		}
	});

	it('shows the demo’s mix: apparel mostly restocked, electronics refurbished or sent back', async () => {
		const { body } = await api.json<RecoveryRow>('/api/recovery?by=category');
		const of = (category: string) => body.rows.find((r) => r.key === category)!;
		const apparel = of('apparel');
		const electronics = of('electronics');
		expect(apparel.restock_share).toBeGreaterThan(0.8);
		expect(electronics.restock_share!).toBeLessThan(apparel.restock_share! - 0.2);
		const repaired = (r: RecoveryRow) => r.refurbish_share! + r.return_to_vendor_share!;
		expect(repaired(electronics)).toBeGreaterThan(0.25);
		expect(repaired(electronics)).toBeGreaterThan(3 * repaired(apparel));
		expect(electronics.recovery_rate!).toBeLessThan(apparel.recovery_rate!);
	});

	it('gives money as exact decimal strings and shares as numbers', async () => {
		const { body } = await api.json<RecoveryRow>('/api/recovery?by=supplier&from=2026-01-01');
		for (const row of body.rows) {
			for (const field of ['returned_value', 'refunded', 'recovery_value', 'value_lost'] as const)
				expect(row[field], field).toMatch(MONEY);
			expect(typeof row.resellable_share).toBe('number');
		}
	});

	it('sorts by a figure, and exports the same rows and columns as CSV and Arrow', async () => {
		const url = '/api/recovery?by=product&sort=value_lost&from=2025-09-01';
		const all = await api.json<RecoveryRow>(`${url}&limit=10000`);
		expect(all.body.rows.length).toBeGreaterThan(100);
		const lost = all.body.rows.map((r) => cents(r.value_lost));
		expect(lost).toEqual([...lost].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
		const csv = await api.csv(`${url}&format=csv`);
		expect(csv.type).toMatch(/^text\/csv/);
		const [header, ...lines] = parseCsv(csv.text);
		expect(header).toEqual(Object.keys(all.body.rows[0]));
		const cell = (value: unknown) => (value === null ? '' : String(value));
		expect(lines).toEqual(all.body.rows.map((row) => header.map((h) => cell(row[h as keyof RecoveryRow]))));
		const arrow = await api.arrow(`${url}&format=arrow`);
		expect(arrow.rows).toEqual(all.body.rows);
	});

	it('answers a scope without inspections with no rows and zero totals', async () => {
		const { status, body } = await api.json<RecoveryRow>('/api/recovery?by=month&supplier=nobody');
		expect(status).toBe(200);
		expect(body.rows).toEqual([]);
		expect(body.meta.totals).toMatchObject({
			inspected_lines: 0,
			refunded: '0.00',
			value_lost: '0.00',
			recovery_rate: null,
			median_days_receipt_to_inspection: null
		});
	});

	it('answers bad parameters with a 400 that names them', async () => {
		const cases: [string, RegExp][] = [
			['/api/recovery?by=warehouse', /by: Invalid option/],
			['/api/recovery?sort=refunded_cash', /sort: Invalid option/],
			['/api/recovery?limit=0', /limit/],
			['/api/recovery?from=2026-02-30', /from: not a calendar date/],
			['/api/recovery?from=2026-03-01&to=2026-02-01', /from 2026-03-01 is after to 2026-02-01/],
			['/api/recovery?disposition=restock', /Unrecognized key: "disposition"/],
			['/api/recovery/backlog?sort=customer_id', /sort: Invalid option/],
			['/api/recovery/backlog?by=category', /Unrecognized key: "by"/]
		];
		for (const [url, message] of cases) {
			const { status, body } = await api.json(url);
			expect(status, url).toBe(400);
			expect(body.error, url).toMatch(message);
		}
	});
});

interface RawBacklog {
	rma_id: string;
	line_id: string;
	received_at: string;
	age_days: number;
	units: number;
	returned_value: string;
	refunded: string;
}

/**
 * The backlog from the raw files: RMA lines that are returns, with status received and no inspection,
 * received (status_at, else created_at) in the period; their age to the newest order, RMA or refund.
 */
function rawBacklogSql(where = 'TRUE'): string {
	const rmas = `'${join(dataDir, 'rmas.csv').replaceAll("'", "''")}'`;
	const ts = (c: string) => `TRY_CAST(TRY_CAST(${c} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP)`;
	return `
WITH status_times AS (
  SELECT rma_id, line_id, ${ts('status_at')} AS status_at
  FROM read_csv(${rmas}, all_varchar = true, header = true, ignore_errors = true)
),
as_of AS (
  SELECT greatest((SELECT max(ordered_at) FROM raw_order_lines), (SELECT max(created_at) FROM raw_rma_rows),
    (SELECT max(issued_at) FROM raw_refund_bookings)) AS newest
),
first_lines AS (SELECT rma_id, min(line_id) AS line_id FROM raw_rma_rows GROUP BY rma_id),
refunded AS (
  SELECT b.rma_id, coalesce(b.line_id, f.line_id) AS line_id, sum(b.amount) AS refunded
  FROM raw_refund_bookings b LEFT JOIN first_lines f USING (rma_id)
  WHERE b.rma_id IS NOT NULL GROUP BY 1, 2
),
backlog AS (
  SELECT r.*, coalesce(s.status_at, r.created_at) AS received, coalesce(f.refunded, 0) AS refunded
  FROM raw_returns r LEFT JOIN status_times s USING (rma_id, line_id) LEFT JOIN refunded f USING (rma_id, line_id)
  WHERE r.status = 'received' AND r.inspection_id IS NULL
)
SELECT rma_id, line_id, strftime(received, '%Y-%m-%dT%H:%M:%SZ') AS received_at,
  greatest(0, floor((epoch((SELECT newest FROM as_of)) - epoch(received)) / 86400))::INTEGER AS age_days,
  returned_units AS units, CAST(returned_value AS VARCHAR) AS returned_value, CAST(refunded AS VARCHAR) AS refunded
FROM backlog WHERE ${where}
ORDER BY rma_id, line_id`;
}

const pick = (r: BacklogRow | RawBacklog) => ({
	rma_id: r.rma_id,
	line_id: r.line_id,
	received_at: r.received_at,
	age_days: r.age_days,
	units: r.units,
	returned_value: r.returned_value,
	refunded: r.refunded
});

describe('GET /api/recovery/backlog', () => {
	it('lists the lines received and not inspected, oldest first, as a recomputation finds them', async () => {
		const { status, body } = await api.json<BacklogRow>('/api/recovery/backlog?limit=10000');
		expect(status).toBe(200);
		const raw = await rawFiles.query<RawBacklog>(rawBacklogSql());
		expect(raw.length).toBeGreaterThan(3);
		const byLine = (a: { rma_id: string; line_id: string }, b: { rma_id: string; line_id: string }) =>
			a.rma_id.localeCompare(b.rma_id) || a.line_id.localeCompare(b.line_id);
		expect([...body.rows].sort(byLine).map(pick)).toEqual(raw.map(pick));
		const ages = body.rows.map((r) => r.age_days);
		expect(ages).toEqual([...ages].sort((a, b) => b - a));
		const value = raw.reduce((sum, r) => sum + cents(r.returned_value), 0n);
		expect(body.meta).toMatchObject({
			total_rows: raw.length,
			totals: { units: raw.reduce((s, r) => s + r.units, 0) }
		});
		expect(cents((body.meta.totals as { returned_value: string }).returned_value)).toBe(value);
	});

	it('filters by the day of receipt and the common dimensions', async () => {
		const all = await rawFiles.query<RawBacklog & { category: string }>(rawBacklogSql());
		const day = all[Math.floor(all.length / 2)].received_at.slice(0, 10);
		const { body } = await api.json<BacklogRow>(`/api/recovery/backlog?from=${day}&category=apparel&limit=10000`);
		const raw = await rawFiles.query<RawBacklog>(
			rawBacklogSql(`received >= DATE '${day}' AND category = 'apparel'`)
		);
		expect(
			body.rows.map(pick).sort((a, b) => a.rma_id.localeCompare(b.rma_id) || a.line_id.localeCompare(b.line_id))
		).toEqual(raw.map(pick));
		const csv = await api.csv(`/api/recovery/backlog?from=${day}&category=apparel&format=csv`);
		expect(parseCsv(csv.text)).toHaveLength(raw.length + 1);
	});
});
