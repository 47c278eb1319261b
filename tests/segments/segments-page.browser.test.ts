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

const CAPTION = 'Marketing segments';

describe('segments page', () => {
	it('lists segments with size and definition, follows the country filter and exports a segment', async () => {
		const { page, consoleErrors } = await harness.open('/segments');
		const [chart] = await readyCharts(page, 1);
		expect(chart.title).toBe('Customers per segment');
		expect(chart.inked).toBeGreaterThan(50);

		const rows = await tableRows(page, CAPTION);
		expect(rows.length).toBeGreaterThan(3);
		for (const cells of rows) {
			expect(Number(cells[2].replace(/,/g, '')), cells[0]).toBeGreaterThanOrEqual(0);
			expect(cells[3].length, cells[0]).toBeGreaterThan(10);
		}
		await harness.screenshot(page, 'segments');

		const [name, , size] = rows[0];
		const { name: file, text } = await downloadText(page, () =>
			page.getByRole('link', { name: `Download ${name} as CSV` }).click()
		);
		expect(file).toMatch(/\.csv$/);
		const lines = text.trim().split('\n');
		expect(lines[0]).toBe('customer_id,email,country,last_return,categories,reason_theme');
		expect(lines.length - 1).toBe(Number(size.replace(/,/g, '')));

		// The country filter lands in the URL, shrinks the segments and scopes the export.
		await chooseFilter(page, 'Country', 'DE');
		await page.waitForURL(/country=DE/);
		await page.waitForFunction((before) => {
			const table = document.querySelector('table[data-state="ready"]');
			const first = table?.querySelector('tbody tr td:nth-child(3)')?.textContent?.trim();
			return first !== undefined && first !== before;
		}, size);
		const german = await tableRows(page, CAPTION);
		const germanName = german[0][0];
		const { text: germanText } = await downloadText(page, () =>
			page.getByRole('link', { name: `Download ${germanName} as CSV` }).click()
		);
		const germanLines = germanText.trim().split('\n').slice(1);
		expect(germanLines.length).toBe(Number(german[0][2].replace(/,/g, '')));
		expect(germanLines.every((line) => line.split(',')[2] === 'DE')).toBe(true);
		expect(consoleErrors).toEqual([]);
	});
});
