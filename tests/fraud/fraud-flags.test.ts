import { describe, expect, it } from 'vitest';
import { FRAUD_CONFIG } from '../../src/lib/features/fraud/fraud-config.ts';
import {
	FRAUD_FLAGS,
	chanceWords,
	type FraudCustomerDetail,
	type FraudCustomerRow,
	type FraudFlag
} from '../../src/lib/features/fraud/fraud.ts';
import { rawQuery } from '../support/raw-demo.ts';
import { parseCsv } from '../support/api-client.ts';
import { binomialLogTailBound, poissonLogTailBound } from './chance.ts';
import { csvFile, demo, raw, truth, useFraudApi } from './fraud-fixture.ts';

const { api, flagged } = await useFraudApi();

const withFlag = (flag: FraudFlag) =>
	new Map(
		flagged
			.filter((r) => r.flags.includes(flag))
			.map((r) => [r.customer_id, r.evidence.find((e) => e.flag === flag)!.text])
	);

/** An expected count as the evidence writes it: one decimal from 1 up, two significant digits below. */
const expectedWords = (x: number) =>
	x >= 0.995 ? x.toFixed(1) : x >= 0.001 ? String(Number(x.toPrecision(2))) : 'under 0.001';
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Every order line from the raw files: its customer, product and category ('' for none), whether it came back,
 * for fit, and as part of bracketing (several sizes of one product in one order, all sent back but one).
 */
const RAW_LINES = `,
groups AS (
  SELECT order_id, product_id FROM raw_line_returns GROUP BY order_id, product_id
  HAVING count(DISTINCT sku) >= 2 AND count(*) FILTER (WHERE returned_units < quantity) = 1
),
lines AS (
  SELECT l.customer_id, l.product_id, coalesce(l.category, '') AS category, l.returned_units > 0 AS returned,
    coalesce(l.fit_units, 0) > 0 AS fit, g.order_id IS NOT NULL AND l.returned_units > 0 AS bracketed
  FROM raw_line_returns l LEFT JOIN groups g ON g.order_id = l.order_id AND g.product_id = l.product_id
)`;

describe('GET /api/fraud/customers: flags recomputed from the raw files', () => {
	it('serial returners: lines returned against their products’ return rates, bracketing set aside', async () => {
		const { minLines, maxChance } = FRAUD_CONFIG.serial_returner;
		const rows = await raw<{
			customer_id: string;
			lines: number;
			returned: number;
			bracketing: number;
			expected: number;
		}>(
			`${RAW_LINES},
category_rates AS (
  SELECT category, count(*) FILTER (WHERE returned AND NOT bracketed) / count(*) FILTER (WHERE NOT bracketed) AS rate
  FROM lines GROUP BY category
),
product_rates AS (
  SELECT l.product_id, l.category,
    (count(*) FILTER (WHERE l.returned AND NOT l.bracketed) + $prior::DOUBLE * any_value(c.rate))
    / (count(*) FILTER (WHERE NOT l.bracketed) + $prior::DOUBLE) AS rate
  FROM lines l JOIN category_rates c USING (category) GROUP BY l.product_id, l.category
)
SELECT l.customer_id, count(*) FILTER (WHERE NOT l.bracketed)::INTEGER AS lines,
  count(*) FILTER (WHERE l.returned AND NOT l.bracketed)::INTEGER AS returned,
  count(*) FILTER (WHERE l.bracketed)::INTEGER AS bracketing, sum(r.rate) FILTER (WHERE NOT l.bracketed) AS expected
FROM lines l JOIN product_rates r USING (product_id, category) GROUP BY l.customer_id`,
			{ prior: String(FRAUD_CONFIG.rates.priorLines) }
		);
		const expected = rows
			.filter((r) => r.lines >= minLines && r.returned > r.expected)
			.map((r) => ({ ...r, logChance: binomialLogTailBound(r.lines, r.returned, r.expected / r.lines) }))
			.filter((r) => r.logChance < Math.log(maxChance));
		const actual = withFlag('serial_returner');
		expect([...actual.keys()].sort()).toEqual(expected.map((r) => r.customer_id).sort());
		for (const r of expected) {
			const bracketing = r.bracketing ? ` (not counting ${r.bracketing} returned in bracketing)` : '';
			expect(actual.get(r.customer_id)).toBe(
				`${r.returned} of ${r.lines} lines returned${bracketing}; ${expectedWords(r.expected)} expected ` +
					`from the products bought; chance ${chanceWords(Math.exp(r.logChance))}`
			);
		}
		expect(expected.length).toBeGreaterThan(2);
	});

	it('wardrobing, switches, unconfirmed claims and keep-it refunds: incidents against shop rates', async () => {
		expect(FRAUD_CONFIG.wardrobing.categories).toBeNull();
		const { minFitShare } = FRAUD_CONFIG.wardrobing;
		const incidentRows = await raw<{ flag: FraudFlag; customer_id: string; category: string }>(
			`${RAW_LINES},
wearable AS (
  SELECT category FROM lines GROUP BY category
  HAVING count(*) FILTER (WHERE fit) > 0
    AND count(*) FILTER (WHERE fit) >= $share::DOUBLE * count(*) FILTER (WHERE returned)
),
kept AS (
  SELECT o.customer_id, m.rma_id, arg_min(coalesce(o.category, ''), m.line_id) AS category
  FROM rma_rows m JOIN raw_orders o ON o.line_id = m.line_id
  WHERE lower(m.resolution) = 'keep_it' AND m.status NOT IN ('rejected', 'cancelled')
    AND m.rma_id NOT IN (SELECT rma_id FROM inspection_rows)
  GROUP BY ALL
)
SELECT 'wardrobing' AS flag, customer_id, coalesce(category, '') AS category FROM inspected
WHERE condition = 'used' AND coalesce(category, '') IN (SELECT category FROM wearable)
UNION ALL
SELECT 'item_switch', customer_id, arg_min(coalesce(category, ''), line_id) FROM inspected
WHERE item_matches = false OR condition IN ('wrong_item', 'empty') GROUP BY customer_id, rma_id
UNION ALL
SELECT 'claim_mismatch', customer_id, coalesce(category, '') FROM inspected
WHERE coalesce(reason_group, 'other') IN ('defect', 'damage') AND condition IN ('new', 'like_new')
  AND defect_confirmed IS NOT TRUE
UNION ALL
SELECT 'keep_it_abuse', customer_id, category FROM kept WHERE rma_id IN (SELECT rma_id FROM refund_rows)
UNION ALL
SELECT 'wearable', NULL, category FROM wearable`,
			{ share: String(minFitShare) }
		);
		const bought = await raw<{ customer_id: string; category: string; lines: number }>(
			`SELECT customer_id, coalesce(category, '') AS category, count(*)::INTEGER AS lines
FROM raw_orders GROUP BY ALL`
		);
		const details = await raw<{ customer_id: string; claims: number; money: string | null }>(`,
kept AS (
  SELECT DISTINCT o.customer_id, m.rma_id FROM rma_rows m JOIN raw_orders o ON o.line_id = m.line_id
  WHERE lower(m.resolution) = 'keep_it' AND m.status NOT IN ('rejected', 'cancelled')
    AND m.rma_id NOT IN (SELECT rma_id FROM inspection_rows)
),
money AS (
  SELECT k.customer_id, CAST(sum(f.amount) AS VARCHAR) AS money
  FROM kept k JOIN refund_rows f ON f.rma_id = k.rma_id GROUP BY k.customer_id
),
claims AS (
  SELECT customer_id, count(*)::INTEGER AS claims FROM inspected
  WHERE coalesce(reason_group, 'other') IN ('defect', 'damage') GROUP BY customer_id
)
SELECT customer_id, coalesce(c.claims, 0) AS claims, m.money FROM claims c FULL JOIN money m USING (customer_id)`);
		const wearable = new Set(
			incidentRows.filter((r) => r.flag === ('wearable' as FraudFlag)).map((r) => r.category)
		);
		expect(wearable.size).toBeGreaterThan(0);
		const incidents = incidentRows.filter((r) => r.flag !== ('wearable' as FraudFlag));
		const lineCount = new Map<string, number>();
		const linesOf = new Map<string, { category: string; lines: number }[]>();
		for (const b of bought) {
			lineCount.set(b.category, (lineCount.get(b.category) ?? 0) + b.lines);
			linesOf.set(b.customer_id, [...(linesOf.get(b.customer_id) ?? []), b]);
		}
		const detail = new Map(details.map((d) => [d.customer_id, d]));
		const wornIn = (customer: string) =>
			[
				...new Set(
					incidents
						.filter((i) => i.flag === 'wardrobing' && i.customer_id === customer)
						.map((i) => i.category || 'no category')
				)
			]
				.sort()
				.join(', ');

		const settings = {
			wardrobing: [FRAUD_CONFIG.wardrobing.minWornItems, FRAUD_CONFIG.wardrobing.maxChance],
			item_switch: [FRAUD_CONFIG.item_switch.minParcels, FRAUD_CONFIG.item_switch.maxChance],
			claim_mismatch: [FRAUD_CONFIG.claim_mismatch.minUnconfirmedClaims, FRAUD_CONFIG.claim_mismatch.maxChance],
			keep_it_abuse: [FRAUD_CONFIG.keep_it_abuse.minRefunds, FRAUD_CONFIG.keep_it_abuse.maxChance]
		} as const;
		const prior = FRAUD_CONFIG.rates.priorLines;
		let reached = 0;
		for (const [flag, [minimum, maxChance]] of Object.entries(settings) as [
			keyof typeof settings,
			readonly number[]
		][]) {
			const exposed = (category: string) => flag !== 'wardrobing' || wearable.has(category);
			const counts = new Map<string, number>();
			for (const i of incidents.filter((i) => i.flag === flag))
				counts.set(i.customer_id, (counts.get(i.customer_id) ?? 0) + 1);
			// Incidents of the customers below the minimum, per line sold in the category, leaning on the shop's rate.
			const below = new Map<string, number>();
			for (const i of incidents.filter((i) => i.flag === flag && counts.get(i.customer_id)! < minimum))
				below.set(i.category, (below.get(i.category) ?? 0) + 1);
			const categories = [...lineCount.keys()].filter(exposed);
			const shopRate =
				([...below.values()].reduce((a, b) => a + b, 0) + 1) /
				(categories.reduce((sum, c) => sum + lineCount.get(c)!, 0) + 1);
			const rate = (c: string) => ((below.get(c) ?? 0) + prior * shopRate) / (lineCount.get(c)! + prior);

			const expected = new Map<string, string>();
			for (const [customer, observed] of counts) {
				if (observed < minimum) continue;
				const own = linesOf.get(customer)!.filter((l) => exposed(l.category));
				const mu = own.reduce((sum, l) => sum + l.lines * rate(l.category), 0);
				const lines = own.reduce((sum, l) => sum + l.lines, 0);
				const logChance = poissonLogTailBound(mu, observed);
				const d = detail.get(customer) ?? { claims: 0, money: null };
				if (logChance >= Math.log(maxChance)) continue;
				if (flag === 'claim_mismatch' && observed < FRAUD_CONFIG.claim_mismatch.minUnconfirmedShare * d.claims)
					continue;
				const what = {
					wardrobing:
						`${plural(observed, 'item', 'items')} returned worn (condition used) in ` + wornIn(customer),
					item_switch: `${plural(observed, 'parcel', 'parcels')} held a different item or nothing`,
					claim_mismatch:
						`${observed} of ${d.claims} defect or damage claims not confirmed by inspection ` +
						'(item found new or like new)',
					keep_it_abuse: `${plural(observed, 'keep-it refund', 'keep-it refunds')} (€ ${d.money})`
				}[flag];
				const where = flag === 'wardrobing' ? ' in wearable categories' : '';
				expected.set(
					customer,
					`${what}; ${expectedWords(mu)} expected from ${plural(lines, 'line', 'lines')} bought${where}; ` +
						`chance ${chanceWords(Math.exp(logChance))}`
				);
			}
			const actual = withFlag(flag);
			expect([...actual.keys()].sort(), flag).toEqual([...expected.keys()].sort());
			for (const [customer, text] of expected) expect(actual.get(customer), flag).toBe(text);
			expect(expected.size, flag).toBeGreaterThan(2);
			reached += expected.size;
		}
		expect(reached).toBeGreaterThan(12);
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
		// The further past the threshold, the higher the score: serial returners by how unlikely their returns are.
		const serial = [];
		for (const row of flagged.filter((r) => r.flags.length === 1 && r.flags[0] === 'serial_returner')) {
			const detail = (await api.json(`/api/fraud/customers/${row.customer_id}`))
				.body as unknown as FraudCustomerDetail;
			const [flag] = detail.flags;
			expect(flag.value).toBeCloseTo(-Math.log10(flag.chance!), 6);
			expect(flag.value).toBeGreaterThan(flag.threshold);
			serial.push({ value: flag.value, score: row.score });
		}
		serial.sort((a, b) => b.value - a.value);
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
