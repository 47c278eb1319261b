import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../support/test-databases.ts';
import { startBrowserHarness, type BrowserHarness } from '../support/browser-harness.ts';

let harness: BrowserHarness<null>;

beforeAll(async () => {
	harness = await startBrowserHarness({ withoutDatabase: true });
});

afterAll(async () => {
	await harness?.close();
});

describe('overview page before any data', () => {
	it('explains a missing database, then shows the empty state once an empty one exists', async () => {
		const { page, consoleErrors } = await harness.open('/');

		const alert = page.getByRole('alert');
		await alert.waitFor();
		expect(await alert.innerText()).toContain(`No database ${basename(harness.databasePath)} yet`);
		await harness.screenshot(page, 'overview-no-database');

		await createEmptyDatabase(harness.databasePath);
		await page.getByRole('button', { name: 'Try again' }).click();

		await page.getByText('No data loaded yet').waitFor();
		const rows = page.getByRole('table', { name: 'Rows per table' }).getByRole('cell');
		expect(await rows.allInnerTexts()).toEqual(['0', '0', '0', '0', '0']);
		await expect(page.getByText('Never').isVisible()).resolves.toBe(true);
		await harness.screenshot(page, 'overview-empty');

		// The first status is read while the page renders on the server, so the browser saw no failed request.
		expect(consoleErrors).toEqual([]);
	});
});
