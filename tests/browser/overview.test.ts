import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/lib/contract/entities.ts';
import { startBrowserHarness, type BrowserHarness, type TestDatabase } from './harness.ts';

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
			const row = table.getByRole('row').filter({ has: page.locator('code', { hasText: new RegExp(`^${name}$`) }) });
			const rows = harness.database.tables[name].toLocaleString('en-US');
			expect(await row.getByRole('cell').innerText(), name).toBe(rows);
		}
		await expect(page.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).resolves.toBe('page');

		await harness.screenshot(page, 'overview');
		expect(consoleErrors).toEqual([]);
	});
});
