import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { alertHref } from '../../src/lib/features/alerts/alert-links.ts';
import type { AlertRow } from '../../src/lib/features/alerts/alerts.ts';
import { downloadText, startBrowserHarness, tableRows, type BrowserHarness } from '../support/browser-harness.ts';
import { HOSTILE_LABEL, plantAlerts, sampleAlerts } from './planted-alerts.ts';

/**
 * The Alerts page and the navigation's badge in Chromium, over the built app serving a demo data set
 * with return waves planted (`--waves`), whose alerts the refresh found; beside them one alert whose
 * label is markup, planted in the published generation as the detection stores alerts.
 */
let harness: BrowserHarness<null>;

beforeAll(async () => {
	// The server opens its database on the first request: the file is made, and the alert planted, first.
	harness = await startBrowserHarness({ withoutDatabase: true });
	const demo = join(dirname(harness.databasePath), 'demo');
	// The smallest data set whose waves the detection finds (seed 5: a product's and a supplier's, and more).
	await generateDemoData({ lines: 50_000, seed: 5, outDir: demo, waves: true });
	await ingest({ dbPath: harness.databasePath, paths: [demo] });
	const db = await openDatabase(harness.databasePath);
	const connection = await db.connect();
	try {
		await plantAlerts(
			connection,
			(await sampleAlerts(connection)).filter((a) => a.label === HOSTILE_LABEL)
		);
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
	it('lists the alerts found as text, with the badge, a note to acknowledge, CSV and links to views', async () => {
		const { page, consoleErrors } = await harness.open('/alerts');
		const listed = await api<{ rows: AlertRow[] }>('/api/alerts?limit=1000');
		const found = listed.rows.filter((a) => !a.alert_id.startsWith('a-'));
		expect(found.length).toBeGreaterThanOrEqual(2);
		const open = listed.rows.length;
		const rows = await tableRows(page, CAPTION);
		expect(rows.length).toBe(Math.min(open, 25));
		const text = rows.map((cells) => cells.join(' | ')).join('\n');
		expect(text).toContain(HOSTILE_LABEL);
		for (const alert of found) expect(text).toContain(alert.explanation);
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
		expect(csv.trim().split('\n')).toHaveLength(open + 1);

		// The newest alert the detection found: acknowledged with a note, as a person would.
		const [alert] = found;
		const row = page.getByRole('table', { name: CAPTION }).locator('tbody tr', { hasText: alert.explanation });
		await row.getByRole('button', { name: 'Acknowledge…' }).click();
		await row.getByRole('textbox').fill('Supplier told, <b>batch</b> held');
		await row.getByRole('button', { name: 'Acknowledge', exact: true }).click();
		await page.waitForFunction(
			(expected) => document.querySelector('nav .badge [aria-hidden="true"]')?.textContent === expected,
			String(open - 1)
		);
		const acknowledged = await api<{ rows: AlertRow[] }>('/api/alerts?status=acknowledged');
		expect(acknowledged.rows.map((r) => [r.alert_id, r.status_note, r.status_by])).toEqual([
			[alert.alert_id, 'Supplier told, <b>batch</b> held', 'admin']
		]);

		await page.getByRole('radio', { name: 'Acknowledged' }).click();
		await page.waitForURL(/status=acknowledged/);
		const shown = await tableRows(page, CAPTION);
		expect(shown).toHaveLength(1);
		expect(shown[0].join(' ')).toContain('Supplier told, <b>batch</b> held');

		// Its label opens the view it is about, filtered to the orders of its window.
		await page.getByRole('table', { name: CAPTION }).getByRole('link', { name: alert.label, exact: true }).click();
		const href = alertHref(alert);
		await page.waitForURL((url) => url.pathname + url.search === href);
		expect(href).toContain(`from=${alert.window_from}&to=${alert.window_to}`);
		await page.getByRole('heading', { level: 1 }).waitFor();
		if (alert.scope === 'product')
			await page.getByRole('heading', { level: 1, name: alert.label, exact: true }).waitFor();
		expect(consoleErrors).toEqual([]);
	});

	it('says so when nothing matches', async () => {
		const { page } = await harness.open('/alerts?status=dismissed&scope=category&kind=size_fit_outlier');
		await page.getByRole('table', { name: CAPTION }).and(page.locator('[data-state="ready"]')).waitFor();
		await page.getByText('No alerts for these filters.').waitFor();
		expect(await page.getByRole('button', { name: /Acknowledge|Dismiss/ }).count()).toBe(0);
	});
});
