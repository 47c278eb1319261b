import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRow } from '../../src/lib/features/alerts/alerts.ts';
import {
	createBrowserTestDatabase,
	downloadText,
	startBrowserHarness,
	tableRows,
	type BrowserHarness
} from '../support/browser-harness.ts';
import { HOSTILE_LABEL, plantAlerts, sampleAlerts } from './planted-alerts.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';

/**
 * The Alerts page and the navigation's badge in Chromium, over the built app serving a demo database
 * with alerts planted in its published generation (as the refresh's detection stores them), beside
 * whatever the detection found.
 */
let harness: BrowserHarness<null>;

beforeAll(async () => {
	// The server opens its database on the first request: the file is made, and the alerts planted, first.
	harness = await startBrowserHarness({ withoutDatabase: true });
	await createBrowserTestDatabase(dirname(harness.databasePath));
	const db = await openDatabase(harness.databasePath);
	const connection = await db.connect();
	try {
		await plantAlerts(connection, await sampleAlerts(connection));
	} finally {
		connection.closeSync();
		db.close();
	}
});

afterAll(async () => {
	await harness?.close();
});

async function api<T>(path: string): Promise<T> {
	const response = await fetch(`${harness.baseUrl}${path}`, { headers: harness.adminHeaders });
	return (await response.json()) as T;
}

const CAPTION = 'Alerts';

describe('alerts page', () => {
	it('lists the open alerts as text, with the badge, a note to acknowledge, CSV and links to the views', async () => {
		const { page, consoleErrors } = await harness.open('/alerts');
		const open = (await api<{ open: number }>('/api/alerts/count')).open;
		const rows = await tableRows(page, CAPTION);
		expect(rows.length).toBe(Math.min(open, 25));
		const text = rows.map((cells) => cells.join(' | ')).join('\n');
		expect(text).toContain(HOSTILE_LABEL);
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
		expect(await page.locator('table img').count()).toBe(0);

		const nav = page.getByRole('navigation', { name: 'Main' });
		await expect(nav.getByRole('link', { name: 'Alerts', exact: true }).isVisible()).resolves.toBe(true);
		const badge = nav.locator('li', { has: page.locator('a[href="/alerts"]') }).locator('.badge');
		expect(await badge.locator('[aria-hidden="true"]').textContent()).toBe(String(open));
		expect(await badge.locator('.visually-hidden').textContent()).toBe(`${open} open alerts`);
		await harness.screenshot(page, 'alerts');

		const { name, text: csv } = await downloadText(page, () =>
			page.getByRole('link', { name: 'Download CSV' }).click()
		);
		expect(name).toBe('alerts.csv');
		expect(csv.split('\n')[0].split(',').slice(0, 3)).toEqual(['alert_id', 'kind', 'scope']);

		const row = page
			.getByRole('table', { name: CAPTION })
			.locator('tbody tr', { hasText: 'returned as defective; 1.2 expected' })
			.first();
		const label = (await row.getByRole('link').first().innerText()).trim();
		await row.getByRole('button', { name: 'Acknowledge…' }).click();
		await row.getByRole('textbox').fill('Supplier told, <b>batch</b> held');
		await row.getByRole('button', { name: 'Acknowledge', exact: true }).click();
		await page.waitForFunction(
			(expected) => document.querySelector('nav .badge [aria-hidden="true"]')?.textContent === expected,
			String(open - 1)
		);
		const acknowledged = await api<{ rows: AlertRow[] }>('/api/alerts?status=acknowledged');
		expect(acknowledged.rows.map((r) => [r.alert_id, r.status_note, r.status_by])).toEqual([
			['a-product-defect', 'Supplier told, <b>batch</b> held', 'admin']
		]);

		await page.getByRole('radio', { name: 'Acknowledged' }).click();
		await page.waitForURL(/status=acknowledged/);
		const listed = await tableRows(page, CAPTION);
		expect(listed).toHaveLength(1);
		expect(listed[0].join(' ')).toContain('Supplier told, <b>batch</b> held');

		await page.getByRole('table', { name: CAPTION }).getByRole('link', { name: label }).click();
		await page.waitForURL(/\/return-rates\/[^/?]+\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
		await page.getByRole('heading', { level: 1, name: label, exact: true }).waitFor();
		expect(consoleErrors).toEqual([]);
	});

	it('says so when nothing matches', async () => {
		const { page } = await harness.open('/alerts?status=dismissed&scope=category&kind=size_fit_outlier');
		await page.getByRole('table', { name: CAPTION }).and(page.locator('[data-state="ready"]')).waitFor();
		await page.getByText('No alerts for these filters.').waitFor();
		expect(await page.getByRole('button', { name: /Acknowledge|Dismiss/ }).count()).toBe(0);
	});
});
