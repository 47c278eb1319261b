import { expect } from 'vitest';
import { apiClient } from './api-client.ts';
import { readRows } from './database-rows.ts';

/**
 * The customer files of the customers of rows loaded since a load (a SELECT of its id), as a database
 * and its copy rebuilt whole (`rebuiltPath`) answer them: they read the loaded rows by row id
 * (customer_rows), which stored-table comparisons leave out.
 */
export async function expectSameCustomerFiles(dbPath: string, rebuiltPath: string, since: string): Promise<void> {
	const customers = await readRows(
		dbPath,
		`SELECT customer_id FROM orders WHERE load_id >= (${since})
		 UNION SELECT o.customer_id FROM rmas r JOIN orders o USING (line_id) WHERE r.load_id >= (${since})
		 ORDER BY 1 LIMIT 15`
	);
	expect(customers.length).toBeGreaterThan(0);
	const [updated, rebuilt] = [await apiClient(dbPath), await apiClient(rebuiltPath)];
	try {
		for (const { customer_id } of customers) {
			const url = `/api/fraud/customers/${encodeURIComponent(String(customer_id))}`;
			const file = await updated.json(url);
			expect(file.status).toBe(200);
			expect(file.body).toEqual((await rebuilt.json(url)).body);
		}
	} finally {
		updated.close();
		rebuilt.close();
	}
}
