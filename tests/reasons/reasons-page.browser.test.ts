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

describe('reasons page', () => {
	it('shows stated reasons, inspection findings and the monthly trend, following the filters', async () => {
		const { page, consoleErrors } = await harness.open('/reasons');
		const charts = await readyCharts(page, 3);
		expect(charts.map((c) => c.title)).toEqual([
			'Returned units by stated reason group',
			'Stated reason against what inspection found',
			'Returned units per order month, by reason group'
		]);
		for (const chart of charts) expect(chart.inked, chart.title).toBeGreaterThan(50);
		const rows = await tableRows(page, 'Returns by reason group');
		expect(rows.map((cells) => cells[0])).toContain('Fit');
		await harness.screenshot(page, 'reasons');

		const units = rows.map((cells) => cells[2]).join('|');
		await chooseFilter(page, 'Category', 'electronics');
		await page.waitForURL(/category=electronics/);
		await page.waitForFunction((before) => {
			const cells = [...document.querySelectorAll('table[data-state="ready"] tbody tr td:nth-child(3)')].map(
				(td) => td.textContent?.trim()
			);
			return cells.length > 0 && cells.join('|') !== before;
		}, units);
		await readyCharts(page, 3);
		expect(consoleErrors).toEqual([]);
	});

	it('lists reason codes and downloads them as CSV', async () => {
		const { page, consoleErrors } = await harness.open('/reasons');
		await tableRows(page, 'Returns by reason group');
		await page.getByLabel('Table by').selectOption('reason_code');
		await page.waitForURL(/by=reason_code/);
		expect((await tableRows(page, 'Returns by reason code')).length).toBeGreaterThan(3);
		const { text } = await downloadText(page, () => page.getByRole('link', { name: 'Download CSV' }).click());
		expect(text.split('\n')[0].split(',').slice(0, 3)).toEqual(['key', 'label', 'reason_group']);
		expect(consoleErrors).toEqual([]);
	});

	it(
		"shows the themes of the customers' comments with languages, examples and the codes picked, " +
			'and opens a product from one',
		async () => {
			const { page, consoleErrors } = await harness.open('/reasons');
			const themes = page.locator('[data-state="ready"] li.theme');
			await themes.first().waitFor({ timeout: 20_000 });
			const api = (await (await page.request.get('/api/reasons/clusters?limit=15')).json()) as {
				rows: { cluster_id: number; label: string; examples: string[] }[];
			};
			expect(api.rows.length).toBeGreaterThanOrEqual(5);
			expect(await themes.count()).toBe(api.rows.length);

			const headings = await themes.locator('h3').allInnerTexts();
			expect(headings).toEqual(api.rows.map((r) => (r.cluster_id === 0 ? 'No recognisable reason' : r.label)));
			const firstExamples = await themes.first().locator('q').allInnerTexts();
			expect(firstExamples).toEqual(api.rows[0].examples);
			const languages = new Set(
				(await page.locator('li.theme [aria-label="Languages"] li').allInnerTexts()).map((t) => t.split(' ')[0])
			);
			expect([...languages].sort()).toEqual(['Dutch', 'English', 'French', 'German']);
			await expect(themes.first().locator('.codes code').count()).resolves.toBeGreaterThan(0);
			await harness.screenshot(page, 'reasons-themes');

			const product = themes.first().locator('.products a').first();
			const name = await product.innerText();
			await product.click();
			await page.waitForURL(/\/return-rates\/[^/?]+/);
			await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
			await page.locator('[data-state="ready"] li.theme').first().waitFor({ timeout: 20_000 });
			expect(consoleErrors).toEqual([]);
		}
	);
});
