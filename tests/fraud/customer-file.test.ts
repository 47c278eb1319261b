import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import type { FraudCustomerDetail } from '../../src/lib/features/fraud/fraud.ts';
import { ORDER_HEADER, csv, query, tempDir, writeText } from '../ingest/fixtures.ts';
import { apiClient } from '../support/api-client.ts';

const LINES = 300_000;
const UPDATED = 200_000;
const CUSTOMERS = 5_000;

const orderLine = (n: number, quantity: number) => [
	`L${n}`,
	`O${n}`,
	'2025-03-14 09:30:00',
	`C${n % CUSTOMERS}`,
	'TEE-M',
	'TEE',
	'apparel',
	quantity,
	'19.90',
	null
];

describe('a customer’s file after an update by key', () => {
	it(
		'reads the customer’s lines where they are ' + 'after the load deleted and re-inserted most of the orders',
		async () => {
			const dir = tempDir();
			const dbPath = join(dir, 'db.duckdb');
			const lines = Array.from({ length: LINES }, (_, n) => n);
			await ingest({
				dbPath,
				paths: [
					writeText(
						dir,
						'orders-1.csv',
						csv(
							ORDER_HEADER,
							lines.map((n) => orderLine(n, 1))
						)
					)
				]
			});
			await ingest({
				dbPath,
				paths: [
					writeText(
						dir,
						'orders-2.csv',
						csv(
							ORDER_HEADER,
							lines.slice(0, UPDATED).map((n) => orderLine(n, 2))
						)
					)
				]
			});

			const [{ groups }] = await query<{ groups: bigint }>(
				dbPath,
				`SELECT count(DISTINCT row_group_id) AS groups FROM pragma_storage_info('orders')`
			);
			expect(Number(groups)).toBeLessThan(Math.ceil((LINES + UPDATED) / 122_880));

			const api = await apiClient(dbPath);
			try {
				for (const id of ['C0', 'C1234', `C${CUSTOMERS - 1}`]) {
					const { status, body } = await api.json(`/api/fraud/customers/${id}`);
					expect(status).toBe(200);
					const detail = body as unknown as FraudCustomerDetail;
					const expected = lines.filter((n) => `C${n % CUSTOMERS}` === id);
					expect(detail.orders.map((o) => `${o.line_id}:${o.quantity}`).sort(), id).toEqual(
						expected.map((n) => `L${n}:${n < UPDATED ? 2 : 1}`).sort()
					);
					expect(detail.customer.lines).toBe(expected.length);
				}
			} finally {
				api.close();
			}
		},
		120_000
	);
});
