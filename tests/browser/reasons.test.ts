import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseFilter, downloadText, readyCharts, startBrowserHarness, tableRows, type BrowserHarness, type TestDatabase } from './harness.ts';

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
			const cells = [...document.querySelectorAll('table[data-state="ready"] tbody tr td:nth-child(3)')].map((td) => td.textContent?.trim());
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
});
