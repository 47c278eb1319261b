import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthStore } from '../../src/lib/core/auth/auth-store.ts';
import { hashPassword } from '../../src/lib/core/auth/passwords.ts';
import {
	readyCharts,
	startBrowserHarness,
	type BrowserHarness,
	type TestDatabase
} from '../support/browser-harness.ts';

let harness: BrowserHarness<TestDatabase>;

beforeAll(async () => {
	harness = await startBrowserHarness();
	// Written while the server runs: it reads the file again when it changes.
	const store = new AuthStore(harness.authPath);
	store.setPassword('fin', 'finance', await hashPassword('ledger-2025'));
});

afterAll(async () => {
	await harness?.close();
});

describe('signing in', () => {
	it('sends an anonymous visitor to the sign-in page, and a password on to the page asked for', async () => {
		const { page, consoleErrors } = await harness.open('/costs?from=2025-03-01', { anonymous: true });
		expect(new URL(page.url()).pathname).toBe('/sign-in');
		await expect(page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);

		await page.getByLabel('User name').fill('fin');
		await page.getByLabel('Password').fill('wrong');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert').innerText()).resolves.toBe('Wrong user name or password.');

		await page.getByLabel('Password').fill('ledger-2025');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((url) => url.pathname === '/costs');
		expect(new URL(page.url()).search).toBe('?from=2025-03-01');
		await expect(page.locator('header').innerText()).resolves.toContain('Signed in as fin (finance)');
		await harness.screenshot(page, 'signed-in-costs');
		// The wrong password's answer is a 400, which Chromium logs; nothing else went wrong.
		expect(consoleErrors).toEqual([
			'Failed to load resource: the server responded with a status of 400 (Bad Request)'
		]);
	});

	it('keeps a name typed before the page’s script ran', async () => {
		const { page } = await harness.open('/sign-in', { anonymous: true });
		// Hold the page's scripts on the next load, as a slow connection does, and type before they run.
		let release = () => {};
		const released = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await released;
			await route.continue();
		});
		await page.reload({ waitUntil: 'domcontentloaded' });
		await page.getByLabel('User name').fill('fin');
		await page.getByLabel('Password').fill('ledger-2025');
		release();
		await page.waitForLoadState('networkidle');
		await expect(page.getByLabel('User name').inputValue()).resolves.toBe('fin');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await expect(page.locator('header').innerText()).resolves.toContain('Signed in as fin (finance)');
	});

	it('shows a role only the pages it may open, and the overview’s sections it may read', async () => {
		const { page } = await harness.open('/', { anonymous: true });
		await page.getByLabel('User name').fill('fin');
		await page.getByLabel('Password').fill('ledger-2025');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
		expect(links).toEqual(['Overview', 'Alerts', 'Costs', 'Suppliers', 'Recovery']);
		// The KPI tiles and the net cost: finance reads no return rates or reasons.
		const charts = await readyCharts(page, 1);
		expect(charts.map((c) => c.title)).toEqual([expect.stringMatching(/cost/i)]);

		const forbidden = await page.goto('/fraud');
		expect(forbidden?.status()).toBe(403);

		await page.goto('/');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL((url) => url.pathname === '/sign-in');
		await page.goto('/costs');
		expect(new URL(page.url()).pathname).toBe('/sign-in');
	});

	it('lets the admin token in to every page, with the whole navigation', async () => {
		const { page } = await harness.open('/sign-in', { anonymous: true });
		await page.setExtraHTTPHeaders(harness.adminHeaders);
		const response = await page.goto('/fraud');
		expect(response?.status()).toBe(200);
		await expect(page.locator('header').innerText()).resolves.toContain('Signed in as admin-token (admin)');
		const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
		expect(links).toEqual([
			'Overview',
			'Alerts',
			'Return rates',
			'Reasons',
			'Costs',
			'Suppliers',
			'Recovery',
			'Fraud',
			'Segments',
			'Timing',
			'Data'
		]);
	});
});
