import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	chooseFilter,
	downloadText,
	readyCharts,
	startBrowserHarness,
	tableRows,
	type BrowserHarness,
	type TestDatabase
} from '../support/browser-harness.ts';

let harness: BrowserHarness<TestDatabase>;

beforeAll(async () => {
	harness = await startBrowserHarness();
});

afterAll(async () => {
	await harness?.close();
});

/** What the API answers the page's own session-less caller, signed in as admin by token. */
async function apiJson(path: string): Promise<{ rows: Record<string, unknown>[]; meta: Record<string, unknown> }> {
	const response = await fetch(`${harness.baseUrl}${path}`, { headers: harness.adminHeaders });
	expect(response.status, path).toBe(200);
	return response.json();
}

describe('recovery page', () => {
	it('shows the recovery totals, the mix over time, by category and supplier, and the backlog', async () => {
		const { page, consoleErrors } = await harness.open('/recovery');
		const charts = await readyCharts(page, 3);
		expect(charts.map((c) => c.title)).toEqual([
			'Disposition mix by month',
			'Recovery rate by category',
			'Disposition mix by supplier'
		]);
		for (const chart of charts) expect(chart.inked, chart.title).toBeGreaterThan(50);

		const rate = page.locator('[data-fact="recovery_rate"]');
		await rate.filter({ hasText: '%' }).waitFor();
		const categories = await tableRows(page, 'Recovery by category');
		const api = await apiJson('/api/recovery?by=category&limit=1000');
		expect(categories.map((cells) => cells[0]).sort()).toEqual(api.rows.map((r) => String(r.label)).sort());

		const backlog = await apiJson('/api/recovery/backlog?limit=25');
		expect(backlog.meta.total_rows).toBeGreaterThan(0);
		const waiting = await tableRows(page, 'Waiting for inspection');
		expect(waiting.map((cells) => cells[0])).toEqual(backlog.rows.map((r) => r.rma_id));
		await expect(page.locator('[data-fact="backlog"]').innerText()).resolves.toBe(
			`${backlog.meta.total_rows} lines`
		);
		await harness.screenshot(page, 'recovery');

		const before = await rate.innerText();
		await chooseFilter(page, 'Category', 'electronics');
		await page.waitForURL(/category=electronics/);
		await page.waitForFunction((b) => {
			const text = document.querySelector('[data-fact="recovery_rate"]')?.textContent?.trim();
			return text !== undefined && text.includes('%') && text !== b.trim();
		}, before);
		expect(consoleErrors).toEqual([]);
	});

	it('drills down from a category to its products, compared with the category, and on to a product', async () => {
		const { page, consoleErrors } = await harness.open('/recovery');
		await tableRows(page, 'Recovery by category');
		await page
			.getByRole('table', { name: 'Recovery by category' })
			.getByRole('link', { name: 'apparel', exact: true })
			.click();
		await page.waitForURL(/category=apparel/);
		expect(page.url()).toMatch(/by=product/);
		const products = await tableRows(page, 'Recovery by product');
		expect(products.length).toBeGreaterThan(1);
		const headers = await page
			.getByRole('table', { name: 'Recovery by product' })
			.locator('thead th')
			.allInnerTexts();
		const category = headers.findIndex((h) => h.startsWith('Category'));
		expect(category).toBeGreaterThan(0);
		// Every product of one category is compared with the same category share.
		expect(new Set(products.map((cells) => cells[category])).size).toBe(1);
		// The widest of the tables still fits the screen: its last column is not scrolled away.
		const fits = await page.evaluate(() =>
			[...document.querySelectorAll('.table-card .scroll')].every((s) => s.scrollWidth <= s.clientWidth)
		);
		expect(fits).toBe(true);

		await page.getByRole('table', { name: 'Recovery by product' }).locator('tbody a').first().click();
		await page.waitForURL(/\/return-rates\/[^/?]+\?category=apparel/);
		await page.getByRole('heading', { level: 1, name: products[0][0], exact: true }).waitFor();
		expect(consoleErrors).toEqual([]);
	});

	it('downloads the breakdown and the backlog as CSV', async () => {
		const { page, consoleErrors } = await harness.open('/recovery?by=supplier');
		await tableRows(page, 'Recovery by supplier');
		const tables = page.locator('.table-card');
		const breakdown = await downloadText(page, () =>
			tables.nth(0).getByRole('link', { name: 'Download CSV' }).click()
		);
		expect(breakdown.name).toBe('recovery-by-supplier.csv');
		const header = breakdown.text.split('\n')[0].split(',');
		expect(header.slice(0, 3)).toEqual(['key', 'label', 'category']);
		expect(header).toEqual(expect.arrayContaining(['recovery_rate', 'value_lost', 'return_to_vendor_share']));

		await tableRows(page, 'Waiting for inspection');
		const backlog = await downloadText(page, () =>
			tables.nth(1).getByRole('link', { name: 'Download CSV' }).click()
		);
		expect(backlog.name).toBe('recovery-backlog.csv');
		expect(backlog.text.split('\n')[0].split(',')).toEqual([
			...['rma_id', 'line_id', 'product_id', 'product_name', 'sku', 'category', 'supplier'],
			...['received_at', 'age_days', 'units', 'returned_value', 'refunded']
		]);
		expect(consoleErrors).toEqual([]);
	});
});
