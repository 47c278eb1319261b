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

describe('timing page', () => {
	it('shows timing figures, open returns by age and days per step, following the filters', async () => {
		const { page, consoleErrors } = await harness.open('/timing');
		const charts = await readyCharts(page, 2);
		expect(charts.map((c) => c.title)).toEqual([
			'Open returns by age',
			'Days from RMA to receipt, inspection and refund'
		]);
		for (const chart of charts) expect(chart.inked, chart.title).toBeGreaterThan(50);
		const rows = await tableRows(page, 'Open returns by age bucket');
		expect(rows.map((cells) => cells[0])).toEqual([
			'0-7 days',
			'8-14 days',
			'15-30 days',
			'31-60 days',
			'61+ days'
		]);
		const median = page.locator('[data-fact="median-refund"]');
		await median.filter({ hasText: 'days' }).waitFor();
		const before = await median.innerText();
		await harness.screenshot(page, 'timing');

		const { text } = await downloadText(page, () => page.getByRole('link', { name: 'Download CSV' }).click());
		expect(text.split('\n')[0]).toBe('bucket,min_days,max_days,open_lines,open_rmas,open_units,open_value,share');

		await chooseFilter(page, 'Category', 'electronics');
		await page.waitForURL(/category=electronics/);
		await page.waitForFunction((b) => {
			const text = document.querySelector('[data-fact="median-refund"]')?.textContent?.trim();
			return text !== undefined && text.includes('days') && text !== b.trim();
		}, before);
		expect(consoleErrors).toEqual([]);
	});
});
