/**
 * The Data page, as an admin uses it: what is loaded, and a file uploaded and loaded by the running
 * server while it serves, its progress shown, the tables read anew, its rejected row listed by reason.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_HEADER, csv, tempDir, writeText } from '../ingest/fixtures.ts';
import { startBrowserHarness, tableRows, type BrowserHarness, type TestDatabase } from '../support/browser-harness.ts';

let harness: BrowserHarness<TestDatabase>;
let dir: string;

beforeAll(async () => {
	harness = await startBrowserHarness();
	dir = tempDir('returnlens-upload-');
});

afterAll(async () => {
	await harness?.close();
	await rm(dir, { recursive: true, force: true });
});

describe('the Data page', () => {
	it('shows what is loaded, and loads an uploaded file while the server serves', async () => {
		const { page, consoleErrors } = await harness.open('/data');
		const freshness = await tableRows(page, 'What is loaded, and how fresh');
		expect(freshness.map((row) => row[0])).toEqual(['inspections', 'orders', 'reasons', 'refunds', 'rmas']);
		const loadsBefore = await tableRows(page, 'Loads');

		const file = writeText(
			dir,
			'orders-late.csv',
			csv(ORDER_HEADER, [
				['UP-1', 'UP-O1', '2025-06-01T10:00:00Z', 'UP-C1', 'TEE-M', 'TEE', 'apparel', 1, '19.90', null],
				['UP-2', 'UP-O1', '2025-06-01T10:00:00Z', 'UP-C1', 'CAP', 'CAP', 'accessories', 1, '-5.00', null]
			])
		);
		await page.locator('input[name=file]').setInputFiles(file);
		await page.locator('form.upload').getByRole('button', { name: 'Load', exact: true }).click();
		await page.locator('form.upload[aria-busy="false"]').and(page.locator(':has(ol.progress)')).waitFor();
		await expect(page.locator('ol.progress').innerText()).resolves.toMatch(
			/orders: loaded, 1 rows loaded, 1 rejected/
		);

		await page.waitForFunction((before) => {
			const table = [...document.querySelectorAll('table')].find((t) =>
				t.caption?.textContent?.includes('Loads')
			);
			return table !== undefined && table.querySelectorAll('tbody tr').length > before;
		}, loadsBefore.length);
		const loads = await tableRows(page, 'Loads');
		expect(loads[0][2]).toContain('orders-late.csv');
		const rejects = await tableRows(page, 'Rejected rows by reason');
		expect(rejects.some((row) => row[0] === 'orders' && /price/i.test(row[1]))).toBe(true);

		// A ledger whose return matches nothing bought before it: kept, and listed with the reason.
		const ledger = writeText(
			dir,
			'ledger-late.csv',
			csv(
				['order_id', 'ordered_at', 'customer_id', 'product_id', 'quantity', 'unit_price'],
				[
					['LG-1', '2025-06-02T10:00:00Z', 'LG-C1', 'MUG', 2, '8.00'],
					['LG-R1', '2025-06-03T10:00:00Z', 'LG-C1', 'BOWL', -1, '9.00']
				]
			)
		);
		await page.locator('input[name=file]').setInputFiles(ledger);
		await page.locator('form.upload').getByRole('button', { name: 'Load', exact: true }).click();
		await page.locator('form.upload[aria-busy="false"]').and(page.locator(':has(ol.progress)')).waitFor();
		await expect(page.locator('ol.progress').innerText()).resolves.toMatch(/ledger: loaded/);
		const unmatched = await tableRows(page, 'Returns in ledgers that matched no order line');
		expect(unmatched).toHaveLength(1);
		expect(unmatched[0].slice(0, 5)).toEqual(['LG-R1', 'LG-C1', 'BOWL', '2025-06-03T10:00:00', '1']);
		await harness.screenshot(page, 'data-page');
		expect(consoleErrors).toEqual([]);
	});

	it('is for admins only', async () => {
		const response = await fetch(`${harness.baseUrl}/api/loads`, { headers: harness.adminHeaders });
		expect(response.status).toBe(200);
		const anonymous = await fetch(`${harness.baseUrl}/api/loads/upload`, { method: 'POST' });
		expect(anonymous.status).toBe(401);
	});
});
