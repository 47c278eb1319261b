/**
 * A product name is text from a shop's file, and ECharts renders a tooltip's formatter string as HTML.
 * A name that is an HTML payload must show as its own text in the chart's tooltip and in the table, and
 * run nothing.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { csv, tempDir, writeText } from '../ingest/fixtures.ts';
import { readyCharts, startBrowserHarness, tableRows, type BrowserHarness } from '../support/browser-harness.ts';

const HOSTILE = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const CAPTION = 'Return rates by product';

/** Each product: lines sold (one unit each) and how many of them came back. */
const PRODUCTS = [
	{ id: 'P-XSS', name: HOSTILE, category: 'apparel', sold: 40, returned: 15 },
	{ id: 'P-TEE', name: 'Plain tee', category: 'apparel', sold: 40, returned: 4 },
	{ id: 'P-CAP', name: 'Wool cap', category: 'accessories', sold: 40, returned: 2 }
];

let harness: BrowserHarness<null>;
let dataDir: string | undefined;

beforeAll(async () => {
	harness = await startBrowserHarness({ withoutDatabase: true });
	dataDir = tempDir('returnlens-xss-');
	const orders: (string | number)[][] = [];
	const rmas: (string | number)[][] = [];
	for (const product of PRODUCTS) {
		for (let i = 0; i < product.sold; i++) {
			const line = `${product.id}-L${i}`;
			const day = String((i % 28) + 1).padStart(2, '0');
			orders.push([
				line,
				`${product.id}-O${i}`,
				`2025-03-${day}T10:00:00Z`,
				`C${i}`,
				`${product.id}-M`,
				product.id,
				product.name,
				product.category,
				'Acme',
				1,
				'20.00'
			]);
			if (i < product.returned) rmas.push([`R-${line}`, line, `2025-03-${day}T18:00:00Z`, 1, 'refunded', 'SIZE']);
		}
	}
	const orderHeader = [
		'line_id',
		'order_id',
		'ordered_at',
		'customer_id',
		'sku',
		'product_id',
		'product_name',
		'category',
		'supplier',
		'quantity',
		'unit_price'
	];
	writeText(dataDir, 'orders.csv', csv(orderHeader, orders));
	writeText(dataDir, 'rmas.csv', csv(['rma_id', 'line_id', 'created_at', 'quantity', 'status', 'reason_code'], rmas));
	const summary = await ingest({ dbPath: harness.databasePath, paths: [dataDir] });
	expect(summary.errors).toEqual([]);
});

afterAll(async () => {
	await harness?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a hostile product name in a chart tooltip', () => {
	it('shows as text in the tooltip and the table, and runs nothing', async () => {
		const { page, consoleErrors } = await harness.open('/return-rates');
		const charts = await readyCharts(page, 1);
		expect(charts[0].title).toBe('Top 10 products by unit return rate');

		// The table, a Svelte template, shows the name as text.
		const rows = await tableRows(page, CAPTION);
		expect(rows.map((cells) => cells[0])).toContain(HOSTILE);

		// ECharts appends its tooltip as a div beside the one holding the canvas, inside the chart's container.
		const container = page.getByRole('img', { name: 'Top 10 products by unit return rate' });
		const tooltip = container.locator(':scope > div:not(:has(canvas))');
		const box = (await container.locator('canvas').first().boundingBox())!;

		// The axis tooltip follows the row under the pointer: sweep down the plot until it is the hostile one.
		let found = false;
		for (let y = box.y + 4; y < box.y + box.height && !found; y += 8) {
			await page.mouse.move(box.x + box.width * 0.6, y);
			found = await tooltip
				.filter({ hasText: '<img src=x onerror=' })
				.waitFor({ state: 'visible', timeout: 500 })
				.then(
					() => true,
					() => false
				);
		}
		expect(found, 'no point of the chart showed the hostile product in a tooltip').toBe(true);

		const text = await tooltip.innerText();
		expect(text).toContain('<img src=x onerror=');
		expect(text).toContain('Returned 15 of 40 units');
		await expect(tooltip.locator('img').count()).resolves.toBe(0);
		await expect(page.evaluate(() => (window as { __xss?: number }).__xss)).resolves.toBeUndefined();
		await harness.screenshot(page, 'tooltip-xss');
		expect(consoleErrors).toEqual([]);
	});
});

describe("the pages' Content-Security-Policy", () => {
	it("runs only the page's own scripts, which carry its nonce", async () => {
		const response = await fetch(`${harness.baseUrl}/return-rates`, { headers: harness.adminHeaders });
		const policy = response.headers.get('content-security-policy') ?? '';
		const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(policy)?.[1];
		expect(nonce, policy).toBeDefined();
		expect(policy).toContain("frame-ancestors 'none'");
		expect(policy).toContain("object-src 'none'");
		const scripts = [...(await response.text()).matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
		const code = scripts.filter((attributes) => !attributes.includes('type="application/json"'));
		expect(code.length).toBeGreaterThan(0);
		for (const attributes of code) expect(attributes).toContain(`nonce="${nonce}"`);

		// A script that got into the page some other way does not run, and the browser says why.
		const { page, consoleErrors } = await harness.open('/return-rates');
		await readyCharts(page, 1);
		const ran = await page.evaluate(() => {
			const script = document.createElement('script');
			script.textContent = 'window.__injected = 1';
			document.head.append(script);
			return (window as { __injected?: number }).__injected;
		});
		expect(ran).toBeUndefined();
		expect(consoleErrors.join('\n')).toContain('Content Security Policy');
	});
});
