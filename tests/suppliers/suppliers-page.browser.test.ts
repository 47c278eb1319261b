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

const CAPTION = 'Supplier defect report';

describe('suppliers page', () => {
	it(
		'ranks suppliers by defect-driven returns, follows the filters, ' + 'exports CSV and opens a driving product',
		async () => {
			const { page, consoleErrors } = await harness.open('/suppliers');
			const [chart] = await readyCharts(page, 1);
			expect(chart.title).toBe('Defect-driven return rate by supplier');
			expect(chart.inked).toBeGreaterThan(50);
			const rows = await tableRows(page, CAPTION);
			expect(rows.length).toBeGreaterThan(1);
			await harness.screenshot(page, 'suppliers');

			const { text } = await downloadText(page, () => page.getByRole('link', { name: 'Download CSV' }).click());
			expect(text.split('\n')[0].split(',').slice(0, 3)).toEqual(['key', 'label', 'sold_units']);

			const sold = rows.map((cells) => cells[2]);
			await chooseFilter(page, 'Country', { index: 0 });
			await page.waitForURL(/country=/);
			await page.waitForFunction((before) => {
				const cells = [...document.querySelectorAll('table[data-state="ready"] tbody tr td:nth-child(3)')].map(
					(td) => td.textContent?.trim()
				);
				return cells.length > 0 && cells.join('|') !== before.join('|');
			}, sold);

			const product = page
				.getByRole('table', { name: CAPTION })
				.locator('tbody tr')
				.first()
				.getByRole('link')
				.first();
			const name = (await product.innerText()).trim();
			await product.click();
			await page.waitForURL(/\/return-rates\/[^/?]+\?country=/);
			await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
			expect(consoleErrors).toEqual([]);
		}
	);
});
