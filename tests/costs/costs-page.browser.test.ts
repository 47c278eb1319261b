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

describe('costs page', () => {
	it('shows cost totals, monthly net cost and refunds by method, following the filters', async () => {
		const { page, consoleErrors } = await harness.open('/costs');
		const charts = await readyCharts(page, 2);
		expect(charts.map((c) => c.title)).toEqual(['Net return cost by month', 'Refunded by refund method']);
		for (const chart of charts) expect(chart.inked, chart.title).toBeGreaterThan(50);

		const net = page.locator('[data-fact="net_return_cost"]');
		await net.filter({ hasText: '€' }).waitFor();
		const before = await net.innerText();
		const rows = await tableRows(page, 'Return costs by category');
		expect(rows.length).toBeGreaterThan(1);
		await harness.screenshot(page, 'costs');

		await chooseFilter(page, 'Supplier', { index: 0 });
		await page.waitForURL(/supplier=/);
		await page.waitForFunction((b) => {
			const text = document.querySelector('[data-fact="net_return_cost"]')?.textContent?.trim();
			return text !== undefined && text.includes('€') && text !== b.trim();
		}, before);
		expect(consoleErrors).toEqual([]);
	});

	it('breaks costs down by a chosen dimension and downloads it as CSV', async () => {
		const { page, consoleErrors } = await harness.open('/costs');
		await tableRows(page, 'Return costs by category');
		await page.getByLabel('Break costs down by').selectOption('reason_group');
		await page.waitForURL(/by=reason_group/);
		const rows = await tableRows(page, 'Return costs by reason group');
		expect(rows.map((cells) => cells[0])).toContain('Defect');

		// The costs are read under the feature's own name.
		await expect(page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).resolves.toMatch(
			/^\/api\/costs\/breakdown\?/
		);
		const { text } = await downloadText(page, () => page.getByRole('link', { name: 'Download CSV' }).click());
		const header = text.split('\n')[0].split(',');
		expect(header.slice(0, 2)).toEqual(['key', 'label']);
		expect(header).toContain('net_return_cost');
		expect(consoleErrors).toEqual([]);
	});
});
