import { describe, expect, it } from 'vitest';
import { FRAUD_CONFIG } from '../../src/lib/features/fraud/fraud-config.ts';
import { FRAUD_FLAGS, type FraudCustomerDetail } from '../../src/lib/features/fraud/fraud.ts';
import {
	CUSTOMER_FILE_SECTIONS,
	buildCustomerFileSql,
	buildCustomerStageSql,
	type CustomerFileSection
} from '../../src/lib/features/fraud/customer-file-sql.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { SqlParams } from '../../src/lib/core/db/sql-params.ts';
import { demo, raw, truth, useFraudApi } from './fraud-fixture.ts';

const { api, flagged } = await useFraudApi();

describe('GET /api/fraud/customers/:id', () => {
	it(
		'gives flagged and ordinary customers’ orders, returns, inspections and refunds ' +
			'exactly as in the raw files',
		async () => {
			const flaggedIds = new Set(flagged.map((r) => r.customer_id));
			const planted = FRAUD_FLAGS.map((flag) => truth.fraud[flag][0]);
			const ordinary = truth.decoys.keep_it_abuse.filter((id) => !flaggedIds.has(id)).slice(0, 3);
			expect(ordinary.length).toBe(3);
			const ids = [...planted, ...ordinary];
			const expected = await raw<{
				id: string;
				lines: string[];
				rmas: string[];
				returns: number;
				inspections: string[];
				refunds: string[];
				refunded: string;
			}>(
				`,
ids AS (SELECT unnest(string_split($ids, ',')) AS id),
lines AS MATERIALIZED (SELECT ids.id, o.line_id, o.order_id FROM ids JOIN raw_orders o ON o.customer_id = ids.id),
customer_rmas AS MATERIALIZED (
  SELECT ids.id, m.* FROM ids JOIN rma_rows m
    ON m.line_id IN (SELECT line_id FROM lines WHERE lines.id = ids.id) OR m.rma_customer_id = ids.id
)
SELECT ids.id,
  (SELECT list(line_id ORDER BY line_id) FROM lines l WHERE l.id = ids.id) AS lines,
  (SELECT list(rma_id || '/' || line_id ORDER BY rma_id, line_id) FROM customer_rmas r WHERE r.id = ids.id) AS rmas,
  (SELECT count(*) FROM customer_rmas r WHERE r.id = ids.id AND status NOT IN ('rejected', 'cancelled')
     AND line_id IN (SELECT line_id FROM lines l WHERE l.id = ids.id))::INTEGER AS returns,
  (SELECT list(inspection_id ORDER BY inspection_id) FROM inspection_rows i
   JOIN customer_rmas r ON r.rma_id = i.rma_id AND r.line_id = i.line_id
   WHERE r.id = ids.id) AS inspections,
  (SELECT list(DISTINCT refund_id ORDER BY refund_id) FROM refund_rows f
   WHERE f.order_id IN (SELECT order_id FROM lines l WHERE l.id = ids.id)
      OR f.rma_id IN (SELECT rma_id FROM customer_rmas r WHERE r.id = ids.id)) AS refunds,
  (SELECT CAST(sum(amount) AS VARCHAR) FROM refund_rows f
   WHERE f.order_id IN (SELECT order_id FROM lines l WHERE l.id = ids.id)) AS refunded
FROM ids`,
				{ ids: ids.join(',') }
			);
			expect(expected.map((r) => r.id).sort()).toEqual([...ids].sort());
			const sorted = (rows: Record<string, unknown>[], ...keys: string[]) =>
				rows.map((r) => keys.map((k) => r[k]).join('/')).sort();
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
			for (const id of ordinary)
				expect(details.get(id)!.customer).toMatchObject({ score: 0, flags: [], evidence: [] });
			expect(ordinary.every((id) => details.get(id)!.refunds.length > 0)).toBe(true);
			for (const [i, flag] of FRAUD_FLAGS.entries()) {
				const detail = details.get(planted[i])!;
				expect(detail.customer).toEqual(flagged.find((r) => r.customer_id === planted[i]));
				expect(detail.flags.map((f) => f.flag)).toEqual(detail.customer.flags);
				expect(detail.flags.find((f) => f.flag === flag)?.text).toBe(
					detail.customer.evidence.find((e) => e.flag === flag)?.text
				);
				for (const f of detail.flags) {
					expect(f.value).toBeGreaterThanOrEqual(f.threshold);
					expect(
						Math.abs(
							f.points - (FRAUD_CONFIG.score.flagPoints + FRAUD_CONFIG.score.severityPoints * f.severity)
						)
					).toBeLessThanOrEqual(0.51);
				}
				expect(detail.customer.score).toBe(
					Math.min(
						100,
						detail.flags.reduce((sum, f) => sum + f.points, 0)
					)
				);
			}
		}
	);

	it(
		'reads a flagged customer’s file as stored at ingest, ' + 'equal to the file computed from the loaded tables',
		async () => {
			const db = await openDatabase(demo.dbPath, { readOnly: true });
			const connection = await db.connect();
			try {
				const read = async (section: CustomerFileSection, id: string, stored: boolean) => {
					const params = new SqlParams();
					return (
						await connection.runAndReadAll(buildCustomerFileSql(section, id, stored, params), params.values)
					).getRowObjectsJson();
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
		}
	);

	it('shows an unflagged customer with score 0, and answers an unknown id with a 404', async () => {
		const flaggedIds = new Set(flagged.map((r) => r.customer_id));
		const ordinary = truth.decoys.keep_it_abuse.find((id) => !flaggedIds.has(id))!;
		const { status, body } = await api.json(`/api/fraud/customers/${ordinary}`);
		expect(status).toBe(200);
		expect((body as unknown as FraudCustomerDetail).customer).toMatchObject({
			customer_id: ordinary,
			score: 0,
			flags: [],
			evidence: []
		});
		expect((body as unknown as FraudCustomerDetail).flags).toEqual([]);
		expect((body as unknown as FraudCustomerDetail).orders.length).toBeGreaterThan(0);

		const unknown = await api.json('/api/fraud/customers/C9999999');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error).toMatch(/No customer "C9999999"/);
	});
});
