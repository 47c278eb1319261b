import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { NAV_ITEMS } from '../../src/lib/ui/navigation.ts';
import { startBrowserHarness, tableRows, type BrowserHarness, type TestDatabase } from '../support/browser-harness.ts';

let harness: BrowserHarness<TestDatabase>;

beforeAll(async () => {
	harness = await startBrowserHarness();
});

afterAll(async () => {
	await harness?.close();
});

const SCREENS = [
	{ width: 1366, height: 768 },
	{ width: 1920, height: 1080 }
];

/** Waits until nothing on the page (chart, table, the page's own data) is loading any more. */
async function settled(page: Page): Promise<void> {
	await page.waitForFunction(
		() => {
			// A status with a spinner is loading; one without says a table is empty, which is settled.
			const busy = document.querySelector(
				'[data-state="loading"], [aria-busy="true"], main [role="status"] .spinner'
			);
			return !!document.querySelector('main h1') && !busy;
		},
		undefined,
		{ timeout: 20_000 }
	);
}

/** What sticks out to the right of the viewport: the page's own overflow and each element past the edge. */
function overflow(page: Page) {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const sticking = [...document.querySelectorAll('main *')]
			.filter((el) => {
				const box = el.getBoundingClientRect();
				return box.width > 0 && box.right > width + 1;
			})
			.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
		return { page: document.documentElement.scrollWidth - width, sticking };
	});
}

/**
 * Text whose contrast with its background is below WCAG AA (4.5:1, 3:1 for large text), as drawn:
 * computed colours, the background being the nearest ancestor's that is not transparent.
 */
function lowContrast(page: Page) {
	return page.evaluate(() => {
		const parse = (css: string) => {
			const m = css.match(/^rgba?\(([^)]+)\)$/);
			if (!m) return null;
			const [r, g, b, a = 1] = m[1]
				.split(/[\s,/]+/)
				.filter(Boolean)
				.map(Number);
			return { r, g, b, a };
		};
		const channel = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
		const luminance = (c: { r: number; g: number; b: number }) =>
			0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
		const background = (el: Element | null) => {
			for (; el; el = el.parentElement) {
				const c = parse(getComputedStyle(el).backgroundColor);
				if (c && c.a > 0.5) return c;
			}
			return { r: 255, g: 255, b: 255, a: 1 };
		};
		const failures: string[] = [];
		for (const el of document.querySelectorAll('body *')) {
			if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())) continue;
			if (el.matches(':disabled') || el.getClientRects().length === 0) continue;
			const style = getComputedStyle(el);
			const fg = parse(style.color);
			if (!fg || style.visibility === 'hidden') continue;
			const [hi, lo] = [luminance(fg), luminance(background(el))].sort((a, b) => b - a);
			const ratio = (hi + 0.05) / (lo + 0.05);
			const size = parseFloat(style.fontSize);
			const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
			if (ratio < (large ? 3 : 4.5))
				failures.push(
					`${el.tagName.toLowerCase()} "${el.textContent?.trim().slice(0, 40)}" ${ratio.toFixed(2)}:1`
				);
		}
		return failures;
	});
}

describe('every page on both target screens', () => {
	for (const screen of SCREENS) {
		it(`fits ${screen.width}×${screen.height} without horizontal scrolling, with readable contrast`, async () => {
			const { page, consoleErrors } = await harness.open('/return-rates');
			await page.setViewportSize(screen);
			const product = await page.locator('tbody a').first().getAttribute('href', { timeout: 20_000 });
			await page.goto('/fraud');
			const customer = await page.locator('tbody a').first().getAttribute('href', { timeout: 20_000 });
			// Every page of the menu and the two drill-down pages.
			for (const href of [...NAV_ITEMS.map((item) => item.href), product!, customer!]) {
				await page.goto(href);
				await settled(page);
				expect(await overflow(page), `${href} at ${screen.width}×${screen.height}`).toEqual({
					page: 0,
					sticking: []
				});
				expect(await lowContrast(page), `${href}: text below WCAG AA contrast`).toEqual([]);
			}
			expect(consoleErrors).toEqual([]);
		});
	}
});

describe('renamed pages', () => {
	it('send their old addresses, bookmarked or shared, to the new page with the same view', async () => {
		for (const [old, moved] of [
			['/products?category=shoes', '/return-rates?category=shoes'],
			['/products/P-0001?country=DE', '/return-rates/P-0001?country=DE'],
			['/operations', '/timing']
		]) {
			const response = await fetch(`${harness.baseUrl}${old}`, { redirect: 'manual' });
			expect([response.status, response.headers.get('location')], old).toEqual([308, moved]);
		}
		const { page, consoleErrors } = await harness.open('/products?category=shoes');
		await page.waitForURL(/\/return-rates\?category=shoes$/);
		await expect(page.locator('summary[aria-label="Category: shoes"]').count()).resolves.toBe(1);
		expect(consoleErrors).toEqual([]);
	});
});

describe('the layout checks themselves', () => {
	it('catch text too light to read and content wider than the screen', async () => {
		const { page } = await harness.open('/');
		await settled(page);
		await page.evaluate(() => {
			const main = document.querySelector('main')!;
			main.insertAdjacentHTML(
				'beforeend',
				'<p style="color: #c8c8c8">faint</p><div style="width: 3000px">wide</div>'
			);
		});
		expect(await lowContrast(page)).toEqual([expect.stringMatching(/^p "faint" 1\.\d+:1$/)]);
		const { page: width, sticking } = await overflow(page);
		expect(width).toBeGreaterThan(0);
		expect(sticking).toContain('div.');
	});
});

/** Presses Tab until the focused element matches the selector, and fails after `limit` presses. */
async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
	for (let presses = 0; presses < limit; presses++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
	}
	throw new Error(`${selector} not reached with ${limit} presses of Tab`);
}

describe('keyboard', () => {
	it('skips to the content, filters and drills down without a mouse', async () => {
		const { page, consoleErrors } = await harness.open('/return-rates');
		await tableRows(page, 'Return rates by product');

		// The first Tab offers the skip link; following it lands in the page's content.
		await page.keyboard.press('Tab');
		await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
		await page.keyboard.press('Enter');
		await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('content');

		// The category filter opens with Enter, a value is ticked with Space, Escape closes it.
		await tabTo(page, '#filter-category');
		await page.keyboard.press('Enter');
		await tabTo(page, 'input[type="checkbox"][value="shoes"]', 10);
		await page.keyboard.press('Space');
		await page.waitForURL(/category=shoes/);
		await page.keyboard.press('Escape');
		await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('filter-category');
		await expect(page.locator('#filter-category').getAttribute('aria-label')).resolves.toBe('Category: shoes');

		// The table's product links are in the tab order, and Enter opens the product.
		await page.getByText(/^1–25 of /).waitFor();
		const [shoe] = await tableRows(page, 'Return rates by product');
		expect(shoe[1]).toBe('shoes');
		await tabTo(page, 'tbody a');
		await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe(shoe[0]);
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/return-rates\/[^/?]+/);
		await page.getByRole('heading', { level: 1, name: shoe[0], exact: true }).waitFor();
		expect(consoleErrors).toEqual([]);
	});

	it('shows where the focus is', async () => {
		const { page } = await harness.open('/return-rates');
		await tableRows(page, 'Return rates by product');
		await tabTo(page, '#filter-category');
		const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
		expect(outline).not.toBe('none');
	});
});
