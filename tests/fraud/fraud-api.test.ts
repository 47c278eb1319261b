import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DemoTruth } from '../../pipelines/demo-data/generate.ts';
import { FRAUD_CONFIG } from '../../src/lib/features/fraud/fraud-config.ts';
import { FRAUD_FLAGS, type BracketingCustomerRow, type BracketingOrderRow, type FraudCustomerDetail, type FraudCustomerRow, type FraudFlag } from '../../src/lib/features/fraud/fraud.ts';
import { CUSTOMER_FILE_SECTIONS, buildCustomerFileSql, buildCustomerStageSql, type CustomerFileSection } from '../../src/lib/features/fraud/customer-file-sql.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { SqlParams } from '../../src/lib/core/db/sql-params.ts';
import { rawQuery } from '../support/raw-demo.ts';
import { apiClient, parseCsv, type ApiClient } from '../support/api-client.ts';

const demo = inject('demoDatabase');
const truth: DemoTruth = JSON.parse(readFileSync(join(demo.dataDir, 'truth.json'), 'utf8'));
let api: ApiClient;
let flagged: FraudCustomerRow[];

beforeAll(async () => {
	api = await apiClient(demo.dbPath);
	flagged = (await api.json<FraudCustomerRow>('/api/fraud/customers?limit=10000')).body.rows;
});
afterAll(() => api.close());

const csvFile = (name: string) => `read_csv('${join(demo.dataDir, name).replaceAll("'", "''")}', all_varchar = true, header = true)`;
const bool = (column: string) => `CASE WHEN lower(${column}) IN ('true', '1', 'yes') THEN true WHEN lower(${column}) IN ('false', '0', 'no') THEN false END`;

/**
 * The raw files with the columns the raw views leave out (resolution, refunds' RMA, inspections),
 * loaded rows only: the contract's checks on required fields, applied by hand.
 */
const RAW_EXTRA = `
rma_rows AS MATERIALIZED (
  SELECT r.*, c.resolution, c.customer_id AS rma_customer_id
  FROM raw_rmas r JOIN ${csvFile('rmas.csv')} c ON c.rma_id = r.rma_id AND c.line_id = r.line_id
),
inspection_rows AS MATERIALIZED (
  SELECT inspection_id, rma_id, line_id, lower(condition) AS condition, ${bool('defect_confirmed')} AS defect_confirmed,
    ${bool('item_matches')} AS item_matches
  FROM ${csvFile('inspections.csv')}
  WHERE inspection_id IS NOT NULL AND rma_id IS NOT NULL AND line_id IS NOT NULL AND TRY_CAST(inspected_at AS TIMESTAMPTZ) IS NOT NULL
    AND lower(condition) IN ('new', 'like_new', 'used', 'damaged', 'defective', 'wrong_item', 'empty', 'missing_parts')
    AND lower(disposition) IN ('restock', 'refurbish', 'liquidate', 'return_to_vendor', 'dispose')
),
refund_rows AS MATERIALIZED (
  SELECT r.*, c.rma_id FROM raw_refunds r JOIN ${csvFile('refunds.csv')} c ON c.refund_id = r.refund_id
),
inspected AS MATERIALIZED (
  SELECT o.customer_id, o.category, m.rma_id, m.line_id, g.reason_group, i.condition, i.defect_confirmed, i.item_matches
  FROM inspection_rows i
  JOIN rma_rows m ON m.rma_id = i.rma_id AND m.line_id = i.line_id
  JOIN raw_orders o ON o.line_id = m.line_id
  LEFT JOIN raw_reasons g ON g.reason_code = m.reason_code
  WHERE m.status <> 'cancelled'
)`;

async function raw<T>(sql: string, params?: Record<string, string>): Promise<T[]> {
	return rawQuery<T>(demo.dataDir, `WITH ${RAW_EXTRA} ${sql}`, params);
}

const withFlag = (flag: FraudFlag) =>
	new Map(flagged.filter((r) => r.flags.includes(flag)).map((r) => [r.customer_id, r.evidence.find((e) => e.flag === flag)!.text]));

describe('GET /api/fraud/customers: flags recomputed from the raw files', () => {
	it('serial returners: lines returned, bracketing returns set aside, against the store share', async () => {
		const rows = await raw<{ customer_id: string; lines: number; returned: number; bracketing: number; store: number }>(`,
groups AS (
  SELECT order_id, product_id FROM raw_line_returns GROUP BY order_id, product_id
  HAVING count(DISTINCT sku) >= 2 AND count(*) FILTER (WHERE returned_units < quantity) = 1
),
tagged AS (
  SELECT l.customer_id, l.returned_units > 0 AS returned, g.order_id IS NOT NULL AND l.returned_units > 0 AS bracketing
  FROM raw_line_returns l LEFT JOIN groups g ON g.order_id = l.order_id AND g.product_id = l.product_id
),
per_customer AS (
  SELECT customer_id, count(*) FILTER (WHERE NOT bracketing)::INTEGER AS lines,
    count(*) FILTER (WHERE returned AND NOT bracketing)::INTEGER AS returned, count(*) FILTER (WHERE bracketing)::INTEGER AS bracketing
  FROM tagged GROUP BY customer_id
)
SELECT *, (SELECT sum(returned) / sum(lines) FROM per_customer)::DOUBLE AS store FROM per_customer`);
		const { minLines, minReturnedShare } = FRAUD_CONFIG.serial_returner;
		const expected = rows.filter((r) => r.lines >= minLines && r.returned / r.lines >= minReturnedShare);
		const actual = withFlag('serial_returner');
		expect([...actual.keys()].sort()).toEqual(expected.map((r) => r.customer_id).sort());
		for (const r of expected) {
			const suffix = r.bracketing ? `, not counting ${r.bracketing} returned in bracketing` : '';
			expect(actual.get(r.customer_id)).toBe(`${r.returned} of ${r.lines} lines returned (store: ${Math.round(100 * r.store)}%)${suffix}`);
		}
		expect(expected.length).toBeGreaterThan(2);
	});

	it('wardrobing, item switches and contradicted fault claims: counts from the inspections', async () => {
		const rows = await raw<{ customer_id: string; worn: number; categories: string; parcels: number; claims: number; unconfirmed: number }>(`
SELECT customer_id,
  count(*) FILTER (WHERE condition = 'used' AND lower(category) IN ('apparel', 'shoes', 'accessories'))::INTEGER AS worn,
  string_agg(DISTINCT category, ', ' ORDER BY category) FILTER (WHERE condition = 'used' AND lower(category) IN ('apparel', 'shoes', 'accessories')) AS categories,
  count(DISTINCT rma_id) FILTER (WHERE item_matches = false OR condition IN ('wrong_item', 'empty'))::INTEGER AS parcels,
  count(*) FILTER (WHERE reason_group IN ('defect', 'damage'))::INTEGER AS claims,
  count(*) FILTER (WHERE reason_group IN ('defect', 'damage') AND condition IN ('new', 'like_new') AND defect_confirmed IS NOT TRUE)::INTEGER AS unconfirmed
FROM inspected GROUP BY customer_id`);
		expect(FRAUD_CONFIG.wardrobing.categories).toEqual(['apparel', 'shoes', 'accessories']);
		const worn = rows.filter((r) => r.worn >= FRAUD_CONFIG.wardrobing.minWornItems);
		expect([...withFlag('wardrobing').keys()].sort()).toEqual(worn.map((r) => r.customer_id).sort());
		for (const r of worn) expect(withFlag('wardrobing').get(r.customer_id)).toBe(`${r.worn} items returned worn (condition used) in ${r.categories}`);

		const switched = rows.filter((r) => r.parcels >= FRAUD_CONFIG.item_switch.minParcels);
		expect([...withFlag('item_switch').keys()].sort()).toEqual(switched.map((r) => r.customer_id).sort());
		for (const r of switched) expect(withFlag('item_switch').get(r.customer_id)).toBe(`${r.parcels} parcels held a different item or nothing`);

		const { minUnconfirmedClaims, minUnconfirmedShare } = FRAUD_CONFIG.claim_mismatch;
		const mismatched = rows.filter((r) => r.unconfirmed >= minUnconfirmedClaims && r.unconfirmed / r.claims >= minUnconfirmedShare);
		expect([...withFlag('claim_mismatch').keys()].sort()).toEqual(mismatched.map((r) => r.customer_id).sort());
		for (const r of mismatched) {
			expect(withFlag('claim_mismatch').get(r.customer_id)).toBe(
				`${r.unconfirmed} of ${r.claims} defect or damage claims not confirmed by inspection (item found new or like new)`
			);
		}
		expect(Math.min(worn.length, switched.length, mismatched.length)).toBeGreaterThan(2);
	});

	it('keep-it abuse: refunded keep-it RMAs without an inspection, with the money refunded', async () => {
		const rows = await raw<{ customer_id: string; refunds: number; amount: string }>(`,
kept AS (
  SELECT DISTINCT o.customer_id, m.rma_id FROM rma_rows m JOIN raw_orders o ON o.line_id = m.line_id
  WHERE lower(m.resolution) = 'keep_it' AND m.status NOT IN ('rejected', 'cancelled')
    AND m.rma_id NOT IN (SELECT rma_id FROM inspection_rows)
)
SELECT k.customer_id, count(DISTINCT k.rma_id)::INTEGER AS refunds, CAST(sum(f.amount) AS VARCHAR) AS amount
FROM kept k JOIN refund_rows f ON f.rma_id = k.rma_id GROUP BY k.customer_id`);
		const expected = rows.filter((r) => r.refunds >= FRAUD_CONFIG.keep_it_abuse.minRefunds);
		expect([...withFlag('keep_it_abuse').keys()].sort()).toEqual(expected.map((r) => r.customer_id).sort());
		for (const r of expected) expect(withFlag('keep_it_abuse').get(r.customer_id)).toBe(`${r.refunds} keep-it refunds (€ ${r.amount})`);
		expect(expected.length).toBeGreaterThan(2);
	});

	it('shared identity: accounts per payment or address key', async () => {
		const rows = await raw<{ customer_id: string; kind: string; key: string; accounts: number }>(`,
keys AS (
  SELECT DISTINCT 'address' AS kind, c.address_key AS key, o.customer_id
  FROM ${csvFile('orders.csv')} c JOIN raw_orders o ON o.line_id = c.line_id WHERE c.address_key IS NOT NULL
  UNION
  SELECT DISTINCT 'payment', c.payment_key, o.customer_id
  FROM ${csvFile('orders.csv')} c JOIN raw_orders o ON o.line_id = c.line_id WHERE c.payment_key IS NOT NULL
),
counted AS (SELECT kind, key, count(*)::INTEGER AS accounts FROM keys GROUP BY kind, key)
SELECT k.customer_id, k.kind, k.key, c.accounts FROM keys k JOIN counted c USING (kind, key)
WHERE c.accounts BETWEEN ${FRAUD_CONFIG.shared_identity.minAccounts} AND ${FRAUD_CONFIG.shared_identity.maxAccounts}`);
		const actual = withFlag('shared_identity');
		expect([...actual.keys()].sort()).toEqual([...new Set(rows.map((r) => r.customer_id))].sort());
		for (const r of rows) expect(actual.get(r.customer_id)).toContain(`shares ${r.kind} ${r.key} with ${r.accounts - 1} other accounts`);
		for (const ring of truth.sharedIdentityRings) {
			for (const id of ring.customers) expect(actual.get(id)).toContain(ring.key);
		}
	});

	it('scores each customer by the flags and how far past the thresholds, highest first', async () => {
		const { flagPoints, severityPoints } = FRAUD_CONFIG.score;
		expect(flagged.length).toBeGreaterThan(0);
		for (const row of flagged) {
			expect(row.score).toBeGreaterThanOrEqual(Math.min(100, flagPoints * row.flags.length));
			expect(row.score).toBeLessThanOrEqual(Math.min(100, (flagPoints + severityPoints) * row.flags.length));
			expect(row.evidence.map((e) => e.flag)).toEqual(row.flags);
			expect(row.flags.every((f) => (FRAUD_FLAGS as readonly string[]).includes(f))).toBe(true);
		}
		const scores = flagged.map((r) => r.score);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		// The further past the threshold, the higher the score: serial returners by share of lines returned.
		const serial = flagged
			.filter((r) => r.flags.length === 1 && r.flags[0] === 'serial_returner')
			.map((r) => {
				const [returned, lines] = r.evidence[0].text.match(/^(\d+) of (\d+) /)!.slice(1).map(Number);
				return { share: returned / lines, score: r.score };
			})
			.sort((a, b) => b.share - a.share);
		expect(serial.length).toBeGreaterThan(2);
		expect(serial.map((r) => r.score)).toEqual(serial.map((r) => r.score).sort((a, b) => b - a));
		expect(serial[0].score).toBeGreaterThan(serial.at(-1)!.score);
	});

	it('filters by flag (repeatable), minimum score and the period of the customer’s orders', async () => {
		const two = await api.json<FraudCustomerRow>('/api/fraud/customers?flag=wardrobing&flag=keep_it_abuse&limit=1000');
		expect(two.body.rows.map((r) => r.customer_id).sort()).toEqual(
			flagged.filter((r) => r.flags.includes('wardrobing') || r.flags.includes('keep_it_abuse')).map((r) => r.customer_id).sort()
		);
		expect(two.body.meta).toMatchObject({ flag: ['wardrobing', 'keep_it_abuse'] });
		const high = await api.json<FraudCustomerRow>('/api/fraud/customers?minScore=50&limit=1000');
		expect(high.body.rows.length).toBeGreaterThan(0);
		expect(high.body.rows.length).toBeLessThan(flagged.length);
		expect(high.body.rows).toEqual(flagged.filter((r) => r.score >= 50));

		const period = await api.json<FraudCustomerRow>('/api/fraud/customers?from=2026-01-01&to=2026-03-31&limit=1000');
		const ordered = await rawQuery<{ customer_id: string }>(
			demo.dataDir,
			`SELECT DISTINCT customer_id FROM raw_orders WHERE ordered_at >= DATE '2026-01-01' AND ordered_at < DATE '2026-04-01'`
		);
		const inPeriod = new Set(ordered.map((r) => r.customer_id));
		expect(period.body.rows.length).toBeGreaterThan(0);
		expect(period.body.rows).toEqual(flagged.filter((r) => inPeriod.has(r.customer_id)));
		expect(period.body.meta.filters).toEqual({ from: '2026-01-01', to: '2026-03-31' });
	});

	it('sorts, pages, and exports the same rows as CSV and Arrow', async () => {
		const byRefund = await api.json<FraudCustomerRow>('/api/fraud/customers?sort=refunded&order=asc&limit=1000');
		const refunded = byRefund.body.rows.map((r) => Number(r.refunded));
		expect(refunded).toEqual([...refunded].sort((a, b) => a - b));
		expect(byRefund.body.rows[0].refunded).toMatch(/^\d+\.\d{2}$/);
		const page = await api.json<FraudCustomerRow>('/api/fraud/customers?limit=5&offset=5');
		expect(page.body.rows).toEqual(flagged.slice(5, 10));
		expect(page.body.meta).toMatchObject({ total_rows: flagged.length, row_count: 5, offset: 5 });

		const csv = await api.csv('/api/fraud/customers?format=csv');
		expect(csv.status).toBe(200);
		const [header, ...lines] = parseCsv(csv.text);
		expect(header).toEqual(['customer_id', 'score', 'flags', 'evidence', 'lines', 'returns', 'refunded']);
		expect(
			lines.map(([customer_id, score, flags, evidence, l, returns, refunded]) => ({
				customer_id,
				score: Number(score),
				flags: JSON.parse(flags),
				evidence: JSON.parse(evidence),
				lines: Number(l),
				returns: Number(returns),
				refunded
			}))
		).toEqual(flagged);

		const arrow = await api.arrow('/api/fraud/customers?format=arrow');
		expect(arrow.type).toBe('application/vnd.apache.arrow.stream');
		expect(arrow.rows.map((r) => ({ ...r, flags: JSON.parse(r.flags as string), evidence: JSON.parse(r.evidence as string) }))).toEqual(flagged);
	});

	it('answers bad parameters with a 400 that names them', async () => {
		const cases: [string, RegExp][] = [
			['/api/fraud/customers?flag=shoplifting', /flag.0: Invalid option/],
			['/api/fraud/customers?minScore=101', /minScore/],
			['/api/fraud/customers?minScore=high', /minScore/],
			['/api/fraud/customers?sort=email', /sort: Invalid option/],
			['/api/fraud/customers?from=2026-13-01', /from/],
			['/api/fraud/customers?select=1', /Unrecognized key: "select"/],
			['/api/fraud/customers/C0000001?format=csv', /Unrecognized key: "format"/],
			['/api/fraud/bracketing?sku=P1-M', /Unrecognized key: "sku"/],
			['/api/fraud/bracketing/customers?sort=score', /sort: Invalid option/]
		];
		for (const [url, message] of cases) {
			const { status, body } = await api.json(url);
			expect(status, url).toBe(400);
			expect(body.error, url).toMatch(message);
		}
	});
});

describe('GET /api/fraud/customers/:id', () => {
	it('gives flagged and ordinary customers’ orders, returns, inspections and refunds exactly as in the raw files', async () => {
		const flaggedIds = new Set(flagged.map((r) => r.customer_id));
		const planted = FRAUD_FLAGS.map((flag) => truth.fraud[flag][0]);
		const ordinary = truth.decoys.keep_it_abuse.filter((id) => !flaggedIds.has(id)).slice(0, 3);
		expect(ordinary.length).toBe(3);
		const ids = [...planted, ...ordinary];
		const expected = await raw<{ id: string; lines: string[]; rmas: string[]; returns: number; inspections: string[]; refunds: string[]; refunded: string }>(`,
ids AS (SELECT unnest(string_split($ids, ',')) AS id),
lines AS MATERIALIZED (SELECT ids.id, o.line_id, o.order_id FROM ids JOIN raw_orders o ON o.customer_id = ids.id),
customer_rmas AS MATERIALIZED (
  SELECT ids.id, m.* FROM ids JOIN rma_rows m ON m.line_id IN (SELECT line_id FROM lines WHERE lines.id = ids.id) OR m.rma_customer_id = ids.id
)
SELECT ids.id,
  (SELECT list(line_id ORDER BY line_id) FROM lines l WHERE l.id = ids.id) AS lines,
  (SELECT list(rma_id || '/' || line_id ORDER BY rma_id, line_id) FROM customer_rmas r WHERE r.id = ids.id) AS rmas,
  (SELECT count(*) FROM customer_rmas r WHERE r.id = ids.id AND status NOT IN ('rejected', 'cancelled')
     AND line_id IN (SELECT line_id FROM lines l WHERE l.id = ids.id))::INTEGER AS returns,
  (SELECT list(inspection_id ORDER BY inspection_id) FROM inspection_rows i JOIN customer_rmas r ON r.rma_id = i.rma_id AND r.line_id = i.line_id
   WHERE r.id = ids.id) AS inspections,
  (SELECT list(DISTINCT refund_id ORDER BY refund_id) FROM refund_rows f
   WHERE f.order_id IN (SELECT order_id FROM lines l WHERE l.id = ids.id) OR f.rma_id IN (SELECT rma_id FROM customer_rmas r WHERE r.id = ids.id)) AS refunds,
  (SELECT CAST(sum(amount) AS VARCHAR) FROM refund_rows f WHERE f.order_id IN (SELECT order_id FROM lines l WHERE l.id = ids.id)) AS refunded
FROM ids`, { ids: ids.join(',') });
		expect(expected.map((r) => r.id).sort()).toEqual([...ids].sort());
		const sorted = (rows: Record<string, unknown>[], ...keys: string[]) => rows.map((r) => keys.map((k) => r[k]).join('/')).sort();
		const details = new Map<string, FraudCustomerDetail>();
		for (const id of ids) {
			const response = await api.json(`/api/fraud/customers/${id}`);
			expect(response.status).toBe(200);
			const detail = response.body as unknown as FraudCustomerDetail;
			details.set(id, detail);
			const raw = expected.find((r) => r.id === id)!;
			expect(sorted(detail.orders, 'line_id'), id).toEqual(raw.lines);
			expect(detail.orders.every((o) => o.customer_id === id)).toBe(true);
			expect(sorted(detail.returns, 'rma_id', 'line_id'), id).toEqual(raw.rmas ?? []);
			expect(detail.customer.lines, id).toBe(raw.lines.length);
			expect(detail.customer.returns, id).toBe(raw.returns);
			expect(sorted(detail.inspections, 'inspection_id'), id).toEqual(raw.inspections ?? []);
			expect(sorted(detail.refunds, 'refund_id'), id).toEqual(raw.refunds ?? []);
			expect(detail.customer.refunded, id).toBe(raw.refunded ?? '0.00');
		}
		for (const id of ordinary) expect(details.get(id)!.customer).toMatchObject({ score: 0, flags: [], evidence: [] });
		expect(ordinary.every((id) => details.get(id)!.refunds.length > 0)).toBe(true);
		for (const [i, flag] of FRAUD_FLAGS.entries()) {
			const detail = details.get(planted[i])!;
			expect(detail.customer).toEqual(flagged.find((r) => r.customer_id === planted[i]));
			expect(detail.flags.map((f) => f.flag)).toEqual(detail.customer.flags);
			expect(detail.flags.find((f) => f.flag === flag)?.text).toBe(detail.customer.evidence.find((e) => e.flag === flag)?.text);
			for (const f of detail.flags) {
				expect(f.value).toBeGreaterThanOrEqual(f.threshold);
				expect(Math.abs(f.points - (FRAUD_CONFIG.score.flagPoints + FRAUD_CONFIG.score.severityPoints * f.severity))).toBeLessThanOrEqual(0.51);
			}
			expect(detail.customer.score).toBe(Math.min(100, detail.flags.reduce((sum, f) => sum + f.points, 0)));
		}
	});

	it('reads a flagged customer’s file as stored at ingest, equal to the file computed from the loaded tables', async () => {
		const db = await openDatabase(demo.dbPath, { readOnly: true });
		const connection = await db.connect();
		try {
			const read = async (section: CustomerFileSection, id: string, stored: boolean) => {
				const params = new SqlParams();
				return (await connection.runAndReadAll(buildCustomerFileSql(section, id, stored, params), params.values)).getRowObjectsJson();
			};
			const ids = flagged.map((r) => r.customer_id);
			expect(ids.length).toBeGreaterThan(20);
			let rows = 0;
			for (const id of ids) {
				for (const { sql, params } of buildCustomerStageSql(id)) await connection.run(sql, params);
				for (const section of CUSTOMER_FILE_SECTIONS) {
					const stored = await read(section, id, true);
					expect(stored, `${section} of ${id}`).toEqual(await read(section, id, false));
					rows += stored.length;
				}
			}
			expect(rows).toBeGreaterThan(ids.length * 5);
		} finally {
			connection.closeSync();
			db.close();
		}
	});

	it('shows an unflagged customer with score 0, and answers an unknown id with a 404', async () => {
		const flaggedIds = new Set(flagged.map((r) => r.customer_id));
		const ordinary = truth.decoys.keep_it_abuse.find((id) => !flaggedIds.has(id))!;
		const { status, body } = await api.json(`/api/fraud/customers/${ordinary}`);
		expect(status).toBe(200);
		expect((body as unknown as FraudCustomerDetail).customer).toMatchObject({ customer_id: ordinary, score: 0, flags: [], evidence: [] });
		expect((body as unknown as FraudCustomerDetail).flags).toEqual([]);
		expect((body as unknown as FraudCustomerDetail).orders.length).toBeGreaterThan(0);

		const unknown = await api.json('/api/fraud/customers/C9999999');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error).toMatch(/No customer "C9999999"/);
	});
});

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
		expect(page.body.rows.every((r) => r.categories.length > 0 && r.categories.every((c) => c === 'apparel' || c === 'shoes'))).toBe(true);
		expect(page.body.rows).toEqual(arrow.rows.slice(10, 40).map((r) => ({ ...r, categories: JSON.parse(r.categories as string) })));
	});

	it('lists bracketed orders as in the raw files: several variants of one product, all returned but one', async () => {
		const { body } = await api.json<BracketingOrderRow>('/api/fraud/bracketing?limit=10000');
		const expected = await rawQuery<{ order_id: string; product_id: string; lines: number; returned_value: string }>(
			demo.dataDir,
			`SELECT order_id, product_id, count(*)::INTEGER AS lines, CAST(sum(returned_units * unit_price) AS VARCHAR) AS returned_value
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
	});

	it('filters by period and dimension, and exports the same rows as CSV and Arrow', async () => {
		const url = '/api/fraud/bracketing?from=2026-01-01&to=2026-06-30&category=apparel';
		const { body } = await api.json<BracketingOrderRow>(`${url}&limit=10000`);
		expect(body.rows.length).toBeGreaterThan(0);
		expect(body.rows.every((r) => r.category === 'apparel' && r.ordered_at >= '2026-01-01' && r.ordered_at < '2026-07-01')).toBe(true);
		const csv = await api.csv(`${url}&format=csv`);
		const [header, ...lines] = parseCsv(csv.text);
		expect(header).toEqual(Object.keys(body.rows[0]));
		expect(lines.map((l) => l[0])).toEqual(body.rows.map((r) => r.order_id));
		const arrow = await api.arrow(`${url}&format=arrow`);
		expect(arrow.rows.map((r) => ({ ...r, variants: JSON.parse(r.variants as string) }))).toEqual(body.rows);
	});
});
