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

const CAPTION = 'Customers ranked by fraud score';

describe('fraud page', () => {
	it('ranks flagged customers by score with their flags and evidence, bracketing apart', async () => {
		const { page, consoleErrors } = await harness.open('/fraud');
		const [chart] = await readyCharts(page, 1);
		expect(chart.title).toBe('Flagged customers per fraud flag');
		expect(chart.inked).toBeGreaterThan(50);

		const rows = await tableRows(page, CAPTION);
		expect(rows.length).toBeGreaterThan(0);
		const scores = rows.map((cells) => Number(cells[1]));
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		for (const cells of rows) {
			expect(cells[2], 'flags').not.toBe('');
			expect(cells[3], 'evidence').toMatch(/\d/);
		}
		expect((await tableRows(page, 'Customers who bracket')).length).toBeGreaterThan(0);
		await harness.screenshot(page, 'fraud');

		// The flag filter lands in the URL and narrows the list.
		await page.getByLabel('Only customers flagged for').selectOption('wardrobing');
		await page.waitForURL(/flag=wardrobing/);
		await page.waitForFunction(() => document.querySelector('table[data-state="ready"]'));
		const wardrobing = await tableRows(page, CAPTION);
		expect(wardrobing.length).toBeGreaterThan(0);
		expect(wardrobing.every((cells) => cells[2].includes('Wardrobing'))).toBe(true);

		// So does a dimension filter.
		const total = await page.locator('.pager span').first().innerText();
		await chooseFilter(page, 'Country', { index: 0 });
		await page.waitForURL(/country=/);
		await page.waitForFunction(
			(before) => document.querySelector('.pager span')?.textContent?.trim() !== before.trim(),
			total
		);
		expect(consoleErrors).toEqual([]);
	});

	it('downloads the ranked list as CSV', async () => {
		const { page, consoleErrors } = await harness.open('/fraud');
		await tableRows(page, CAPTION);
		const { text } = await downloadText(page, () =>
			page.getByRole('link', { name: 'Download CSV' }).first().click()
		);
		expect(text.split('\n')[0]).toBe('customer_id,score,flags,evidence,lines,returns,refunded');
		expect(consoleErrors).toEqual([]);
	});

	it('opens a customer with the flags, evidence and full history', async () => {
		const { page, consoleErrors } = await harness.open('/fraud');
		const [first] = await tableRows(page, CAPTION);
		await page.getByRole('link', { name: first[0], exact: true }).click();
		await page.waitForURL(new RegExp(`/fraud/${first[0]}`));
		await page.getByRole('heading', { name: `Customer ${first[0]}` }).waitFor();
		await expect(page.locator('[data-fact="score"]').innerText()).resolves.toBe(first[1]);
		const flags = page.getByRole('table', { name: 'Flags and evidence' });
		await expect(flags.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
		await expect(page.getByRole('table', { name: 'Orders' }).locator('tbody tr').count()).resolves.toBeGreaterThan(
			0
		);
		await expect(page.getByRole('table', { name: 'Returns' }).locator('tbody tr').count()).resolves.toBeGreaterThan(
			0
		);
		await harness.screenshot(page, 'fraud-customer');
		expect(consoleErrors).toEqual([]);
	});
});
