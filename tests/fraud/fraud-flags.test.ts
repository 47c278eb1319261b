import { describe, expect, it } from 'vitest';
import { FRAUD_CONFIG } from '../../src/lib/features/fraud/fraud-config.ts';
import { FRAUD_FLAGS, type FraudCustomerRow, type FraudFlag } from '../../src/lib/features/fraud/fraud.ts';
import { rawQuery } from '../support/raw-demo.ts';
import { parseCsv } from '../support/api-client.ts';
import { csvFile, demo, raw, truth, useFraudApi } from './fraud-fixture.ts';

const { api, flagged } = await useFraudApi();

const withFlag = (flag: FraudFlag) =>
	new Map(
		flagged
			.filter((r) => r.flags.includes(flag))
			.map((r) => [r.customer_id, r.evidence.find((e) => e.flag === flag)!.text])
	);

describe('GET /api/fraud/customers: flags recomputed from the raw files', () => {
	it('serial returners: lines returned, bracketing returns set aside, against the store share', async () => {
		const rows = await raw<{
			customer_id: string;
			lines: number;
			returned: number;
			bracketing: number;
			store: number;
		}>(`,
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
    count(*) FILTER (WHERE returned AND NOT bracketing)::INTEGER AS returned,
    count(*) FILTER (WHERE bracketing)::INTEGER AS bracketing
  FROM tagged GROUP BY customer_id
)
SELECT *, (SELECT sum(returned) / sum(lines) FROM per_customer)::DOUBLE AS store FROM per_customer`);
		const { minLines, minReturnedShare } = FRAUD_CONFIG.serial_returner;
		const expected = rows.filter((r) => r.lines >= minLines && r.returned / r.lines >= minReturnedShare);
		const actual = withFlag('serial_returner');
		expect([...actual.keys()].sort()).toEqual(expected.map((r) => r.customer_id).sort());
		for (const r of expected) {
			const suffix = r.bracketing ? `, not counting ${r.bracketing} returned in bracketing` : '';
			expect(actual.get(r.customer_id)).toBe(
				`${r.returned} of ${r.lines} lines returned (store: ${Math.round(100 * r.store)}%)${suffix}`
			);
		}
		expect(expected.length).toBeGreaterThan(2);
	});

	it('wardrobing, item switches and contradicted fault claims: counts from the inspections', async () => {
		const rows = await raw<{
			customer_id: string;
			worn: number;
			categories: string;
			parcels: number;
			claims: number;
			unconfirmed: number;
		}>(`
SELECT customer_id,
  count(*) FILTER (WHERE condition = 'used'
    AND lower(category) IN ('apparel', 'shoes', 'accessories'))::INTEGER AS worn,
  string_agg(DISTINCT category, ', ' ORDER BY category)
    FILTER (WHERE condition = 'used' AND lower(category) IN ('apparel', 'shoes', 'accessories')) AS categories,
  count(DISTINCT rma_id)
    FILTER (WHERE item_matches = false OR condition IN ('wrong_item', 'empty'))::INTEGER AS parcels,
  count(*) FILTER (WHERE reason_group IN ('defect', 'damage'))::INTEGER AS claims,
  count(*) FILTER (WHERE reason_group IN ('defect', 'damage') AND condition IN ('new', 'like_new')
    AND defect_confirmed IS NOT TRUE)::INTEGER AS unconfirmed
FROM inspected GROUP BY customer_id`);
		expect(FRAUD_CONFIG.wardrobing.categories).toEqual(['apparel', 'shoes', 'accessories']);
		const worn = rows.filter((r) => r.worn >= FRAUD_CONFIG.wardrobing.minWornItems);
		expect([...withFlag('wardrobing').keys()].sort()).toEqual(worn.map((r) => r.customer_id).sort());
		for (const r of worn)
			expect(withFlag('wardrobing').get(r.customer_id)).toBe(
				`${r.worn} items returned worn (condition used) in ${r.categories}`
			);

		const switched = rows.filter((r) => r.parcels >= FRAUD_CONFIG.item_switch.minParcels);
		expect([...withFlag('item_switch').keys()].sort()).toEqual(switched.map((r) => r.customer_id).sort());
		for (const r of switched)
			expect(withFlag('item_switch').get(r.customer_id)).toBe(
				`${r.parcels} parcels held a different item or nothing`
			);

		const { minUnconfirmedClaims, minUnconfirmedShare } = FRAUD_CONFIG.claim_mismatch;
		const mismatched = rows.filter(
			(r) => r.unconfirmed >= minUnconfirmedClaims && r.unconfirmed / r.claims >= minUnconfirmedShare
		);
		expect([...withFlag('claim_mismatch').keys()].sort()).toEqual(mismatched.map((r) => r.customer_id).sort());
		for (const r of mismatched) {
			expect(withFlag('claim_mismatch').get(r.customer_id)).toBe(
				`${r.unconfirmed} of ${r.claims} defect or damage claims not confirmed by inspection ` +
					'(item found new or like new)'
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
		for (const r of expected)
			expect(withFlag('keep_it_abuse').get(r.customer_id)).toBe(`${r.refunds} keep-it refunds (€ ${r.amount})`);
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
		for (const r of rows)
			expect(actual.get(r.customer_id)).toContain(
				`shares ${r.kind} ${r.key} with ${r.accounts - 1} other accounts`
			);
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
				const [returned, lines] = r.evidence[0].text
					.match(/^(\d+) of (\d+) /)!
					.slice(1)
					.map(Number);
				return { share: returned / lines, score: r.score };
			})
			.sort((a, b) => b.share - a.share);
		expect(serial.length).toBeGreaterThan(2);
		expect(serial.map((r) => r.score)).toEqual(serial.map((r) => r.score).sort((a, b) => b - a));
		expect(serial[0].score).toBeGreaterThan(serial.at(-1)!.score);
	});

	it('filters by flag (repeatable), minimum score and the period of the customer’s orders', async () => {
		const two = await api.json<FraudCustomerRow>(
			'/api/fraud/customers?flag=wardrobing&flag=keep_it_abuse&limit=1000'
		);
		expect(two.body.rows.map((r) => r.customer_id).sort()).toEqual(
			flagged
				.filter((r) => r.flags.includes('wardrobing') || r.flags.includes('keep_it_abuse'))
				.map((r) => r.customer_id)
				.sort()
		);
		expect(two.body.meta).toMatchObject({ flag: ['wardrobing', 'keep_it_abuse'] });
		const high = await api.json<FraudCustomerRow>('/api/fraud/customers?minScore=50&limit=1000');
		expect(high.body.rows.length).toBeGreaterThan(0);
		expect(high.body.rows.length).toBeLessThan(flagged.length);
		expect(high.body.rows).toEqual(flagged.filter((r) => r.score >= 50));

		const period = await api.json<FraudCustomerRow>(
			'/api/fraud/customers?from=2026-01-01&to=2026-03-31&limit=1000'
		);
		const ordered = await rawQuery<{ customer_id: string }>(
			demo.dataDir,
			`SELECT DISTINCT customer_id FROM raw_orders
			 WHERE ordered_at >= DATE '2026-01-01' AND ordered_at < DATE '2026-04-01'`
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
		expect(
			arrow.rows.map((r) => ({
				...r,
				flags: JSON.parse(r.flags as string),
				evidence: JSON.parse(r.evidence as string)
			}))
		).toEqual(flagged);
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
