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

const CAPTION = 'Return rates by product';

describe('return rates page', () => {
	it('ranks products in a sortable, paged table that follows the filters', async () => {
		const { page, consoleErrors } = await harness.open('/return-rates');

		const charts = await readyCharts(page, 1);
		expect(charts[0].title).toBe('Top 10 products by unit return rate');
		expect(charts[0].inked).toBeGreaterThan(50);
		const rows = await tableRows(page, CAPTION);
		expect(rows).toHaveLength(25);
		await expect(page.getByRole('link', { name: 'Return rates' }).getAttribute('aria-current')).resolves.toBe(
			'page'
		);
		await harness.screenshot(page, 'return-rates');

		// Sorting by units sold, descending then ascending.
		const sold = () => tableRows(page, CAPTION).then((r) => r.map((cells) => Number(cells[2].replace(/,/g, ''))));
		await page.getByRole('button', { name: /^Sold/ }).click();
		await page.waitForFunction(() =>
			document.querySelector('th[aria-sort="descending"]')?.textContent?.includes('Sold')
		);
		const descending = await sold();
		expect(descending).toEqual([...descending].sort((a, b) => b - a));
		await page.getByRole('button', { name: /^Sold/ }).click();
		await page.waitForFunction(() =>
			document.querySelector('th[aria-sort="ascending"]')?.textContent?.includes('Sold')
		);
		const ascending = await sold();
		expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

		// Paging.
		const firstPage = await tableRows(page, CAPTION);
		await page.getByRole('button', { name: 'Next' }).click();
		await page.getByText(/^26–50 of /).waitFor();
		expect(await tableRows(page, CAPTION)).not.toEqual(firstPage);

		// A filter lands in the URL and narrows the table.
		await chooseFilter(page, 'Category', 'shoes');
		await page.waitForURL(/category=shoes/);
		await page.getByText(/^1–25 of /).waitFor();
		const shoes = await tableRows(page, CAPTION);
		expect(new Set(shoes.map((cells) => cells[1]))).toEqual(new Set(['shoes']));
		expect(consoleErrors).toEqual([]);
	});

	it('switches to SKUs and downloads what is shown as CSV', async () => {
		const { page, consoleErrors } = await harness.open('/return-rates?category=shoes');
		await tableRows(page, CAPTION);
		await page.getByRole('radio', { name: 'SKUs' }).click();
		await page.waitForURL(/by=sku/);
		const rows = await tableRows(page, 'Return rates by sku');
		expect(rows.length).toBeGreaterThan(0);

		const { name, text } = await downloadText(page, () => page.getByRole('link', { name: 'Download CSV' }).click());
		expect(name).toMatch(/\.csv$/);
		const lines = text.trim().split('\n');
		expect(lines[0].split(',').slice(0, 5)).toEqual(['key', 'label', 'category', 'sold_units', 'returned_units']);
		expect(lines.slice(1).every((line) => line.includes(',shoes,'))).toBe(true);
		expect(consoleErrors).toEqual([]);
	});

	it('opens a product with its trend, reasons, inspection findings, costs and SKUs', async () => {
		const { page, consoleErrors } = await harness.open('/return-rates');
		const [first] = await tableRows(page, CAPTION);
		await page.getByRole('table', { name: CAPTION }).locator('tbody tr').first().getByRole('link').click();
		await page.waitForURL(/\/return-rates\/[^/?]+/);
		await page.getByRole('heading', { level: 1, name: first[0], exact: true }).waitFor();

		const charts = await readyCharts(page, 4);
		expect(charts.map((c) => c.title)).toEqual([
			'Unit return rate of this product by order month',
			'Returned units by stated reason group',
			'Stated reason against what inspection found',
			'Net return cost of this product by month'
		]);
		for (const chart of charts) expect(chart.inked, chart.title).toBeGreaterThan(50);
		await expect(page.locator('[data-fact="rate"]').innerText()).resolves.toBe(first[4]);
		await page.locator('[data-fact="category-rate"]', { hasText: '%' }).waitFor();
		const categoryRate = await page.locator('[data-fact="category-rate"]').innerText();
		expect(first[9].startsWith(categoryRate), `${first[9]} vs ${categoryRate}`).toBe(true);
		expect((await tableRows(page, 'Return rates by SKU of this product')).length).toBeGreaterThan(0);
		await harness.screenshot(page, 'return-rates-product');
		expect(consoleErrors).toEqual([]);
	});
});
