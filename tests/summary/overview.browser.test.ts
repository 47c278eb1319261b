import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/lib/core/contract/entities.ts';
import {
	chooseFilter,
	chosenFilters,
	readyCharts,
	settledText,
	startBrowserHarness,
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

describe('overview page', () => {
	it('shows the row count of every table in the database, without console errors', async () => {
		const { page, consoleErrors } = await harness.open('/');

		const table = page.getByRole('table', { name: 'Rows per table' });
		await table.waitFor();
		for (const name of ENTITY_NAMES) {
			const row = table
				.getByRole('row')
				.filter({ has: page.locator('code', { hasText: new RegExp(`^${name}$`) }) });
			const rows = harness.database.tables[name].toLocaleString('en-US');
			expect(await row.getByRole('cell').innerText(), name).toBe(rows);
		}
		await expect(page.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).resolves.toBe('page');
		expect(consoleErrors).toEqual([]);
	});

	it('draws KPI tiles and every chart with data, and follows the filters in the URL', async () => {
		const { page, consoleErrors } = await harness.open('/');

		const charts = await readyCharts(page, 4);
		expect(charts.map((c) => c.title)).toEqual([
			'Unit return rate by order month',
			'Top 10 products by unit return rate',
			'Returned units by stated reason group',
			'Net return cost by month'
		]);
		for (const chart of charts) expect(chart.inked, chart.title).toBeGreaterThan(50);

		const orders = await settledText(page, '[data-kpi="orders"]');
		expect(orders).toMatch(/^[\d,]+$/);
		const rate = await settledText(page, '[data-kpi="unit_return_rate"]');
		expect(rate).toMatch(/^\d+\.\d\s%$/);
		await expect(page.getByText('vs previous period').first().isVisible()).resolves.toBe(true);
		await harness.screenshot(page, 'overview');

		// A filter lands in the URL and changes the figures.
		await chooseFilter(page, 'Category', 'shoes');
		await page.waitForURL(/category=shoes/);
		await readyCharts(page, 4);
		const shoesOrders = await settledText(page, '[data-kpi="orders"]');
		expect(shoesOrders).not.toBe(orders);

		// A second value widens the selection; both are in the URL.
		await chooseFilter(page, 'Category', 'beauty');
		await page.waitForURL(/category=shoes&category=beauty/);
		await expect(page.locator('summary[aria-label="Category: 2 selected"]').count()).resolves.toBe(1);
		await page.waitForFunction((before) => {
			const text = document.querySelector('[data-kpi="orders"]')?.textContent?.trim();
			return !document.querySelector('[aria-busy="true"]') && text !== undefined && text !== before.trim();
		}, shoesOrders);

		// The link reproduces the view.
		const { page: again } = await harness.open(page.url());
		await readyCharts(again, 4);
		await expect(chosenFilters(again, 'Category')).resolves.toEqual(['beauty', 'shoes']);
		expect(await settledText(again, '[data-kpi="orders"]')).toBe(await settledText(page, '[data-kpi="orders"]'));

		// A date preset sets from/to.
		await page.getByLabel('Period').selectOption('thisYear');
		await page.waitForURL(/from=\d{4}-01-01&to=\d{4}-\d{2}-\d{2}/);
		await readyCharts(page, 4);
		await harness.screenshot(page, 'overview-filtered');
		expect(consoleErrors).toEqual([]);
	});

	it('asks for its data from the server-rendered page, once, before the app has started', async () => {
		const html = await (
			await fetch(`${harness.baseUrl}/?category=shoes`, { headers: harness.adminHeaders })
		).text();
		const block = /<script type="application\/json" id="returnlens-prefetch">(.*?)<\/script>/.exec(html)?.[1];
		const listed = (JSON.parse(block ?? '{"urls":[]}') as { urls: string[] }).urls;
		expect(listed).toContain('/api/summary?category=shoes');
		expect(listed.length).toBe(5);

		const { page, consoleErrors } = await harness.open('/?category=shoes');
		await readyCharts(page, 4);
		const requested = await page.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.map((r) => r.name.replace(location.origin, ''))
				.filter((name) => name.startsWith('/api/'))
		);
		for (const url of listed)
			expect(
				requested.filter((name) => name === url),
				url
			).toHaveLength(1);
		expect(new Set(requested).size).toBe(requested.length);

		// Later views of the page ask for their own data.
		await chooseFilter(page, 'Category', 'beauty');
		await page.waitForURL(/category=shoes&category=beauty/);
		await readyCharts(page, 4);
		const after = await page.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.map((r) => r.name)
				.filter((name) => name.includes('/api/summary'))
		);
		expect(after).toHaveLength(2);
		expect(consoleErrors).toEqual([]);
	});
});
