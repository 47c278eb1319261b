import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { NAV_ITEMS } from '../../src/lib/ui/navigation.ts';
import { refreshIfStale } from '../ingest/ingest.ts';
import { BENCH_AUTH_HEADERS } from './bench-auth.ts';
import { startBenchServer } from './bench-server.ts';

/**
 * `npm run bench:ui`: every dashboard page's first load in Chromium against the production build on
 * the demo database (`npm start` makes it): time until the load event and until every chart and table
 * has its data, from the browser's own Performance timing, and the page's JavaScript gzipped.
 * Budgets: first load under 1.5 s, at most 500 kB of gzipped JavaScript per page.
 */
const { values } = parseArgs({
	options: {
		db: { type: 'string', default: 'data/returns.duckdb' },
		port: { type: 'string', default: '3918' }
	}
});
const dbPath = resolve(values.db);
const baseUrl = `http://127.0.0.1:${values.port}`;
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

const RUNS = 3;

/** A fresh browser context: an empty cache, as on a first visit. */
async function freshPage(browser: Browser) {
	const context = await browser.newContext({
		viewport: { width: 1366, height: 768 },
		extraHTTPHeaders: BENCH_AUTH_HEADERS
	});
	return { context, page: await context.newPage() };
}

/**
 * One first visit, timed: until the load event and until every chart and table shows its data, from
 * the browser's own Performance timing. Nothing else runs meanwhile (JavaScript is weighed apart).
 */
async function firstLoad(browser: Browser, url: string): Promise<{ load: number; ready: number }> {
	const { context, page } = await freshPage(browser);
	await page.goto(url, { waitUntil: 'load' });
	await page.waitForFunction(
		() =>
			!document.querySelector('[aria-busy="true"]') &&
			[...document.querySelectorAll('[data-state]')].every((el) => el.getAttribute('data-state') !== 'loading'),
		undefined,
		{ timeout: 30_000 }
	);
	const failed = await page.locator('[data-state="error"], [role="alert"]').allInnerTexts();
	if (failed.length)
		throw new Error(`${url} shows an error, so its timing would mean nothing: ${failed.join(' | ')}`);
	const timing = await page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		return { load: nav.loadEventEnd, ready: performance.now() };
	});
	await context.close();
	return timing;
}

/** The JavaScript a first visit receives, gzipped, in bytes: weighed on a visit of its own, not timed. */
async function javaScriptBytes(browser: Browser, url: string): Promise<number> {
	const { context, page } = await freshPage(browser);
	const scripts: Promise<number>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script')
			scripts.push(
				response.body().then(
					(body) => gzipSync(body).length,
					() => 0
				)
			);
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	const bytes = (await Promise.all(scripts)).reduce((sum, n) => sum + n, 0);
	await context.close();
	return bytes;
}

async function main() {
	if (!existsSync(dbPath))
		throw new Error(`no database at ${dbPath}: run \`npm start\` once (it loads the demo data)`);
	if (!existsSync('build/index.js')) throw new Error('no build: run `npm run build` first');
	if (await refreshIfStale(dbPath)) console.log(`rebuilt the analytics tables of ${dbPath}, as npm start does`);
	const server = await startBenchServer(dbPath, values.port);
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
	try {
		// Warm-ups: the server's first database access and the browser's own start-up are not billed to
		// the first page. Every measured load still gets a fresh context: an empty cache, as on a first visit.
		await fetch(`${baseUrl}/`, { headers: BENCH_AUTH_HEADERS }).then((r) => r.text());
		const warmup = await browser.newContext({ extraHTTPHeaders: BENCH_AUTH_HEADERS });
		await (await warmup.newPage()).goto(`${baseUrl}/api/health`);
		await warmup.close();
		let worstLoad = 0;
		let largestJs = 0;
		for (const item of NAV_ITEMS) {
			const runs: { load: number; ready: number }[] = [];
			for (let run = 0; run < RUNS; run++) runs.push(await firstLoad(browser, baseUrl + item.href));
			const jsBytes = await javaScriptBytes(browser, baseUrl + item.href);
			const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
			const load = median(runs.map((r) => r.load));
			const ready = median(runs.map((r) => r.ready));
			worstLoad = Math.max(worstLoad, ready);
			largestJs = Math.max(largestJs, jsBytes);
			console.log(
				`${item.href.padEnd(14)} load event ${load.toFixed(0).padStart(5)} ms, ` +
					`data shown ${ready.toFixed(0).padStart(5)} ms ` +
					`(median of ${RUNS}; slowest ${Math.max(...runs.map((r) => r.ready)).toFixed(0)} ms), ` +
					`JavaScript ${(jsBytes / 1024).toFixed(0).padStart(4)} kB gzipped`
			);
		}
		console.log(
			`slowest page (median) until its data is shown: ${worstLoad.toFixed(0)} ms (budget 1500 ms); ` +
				`largest page JavaScript: ${(largestJs / 1024).toFixed(0)} kB gzipped (budget 500 kB)`
		);
	} finally {
		await browser.close();
		server.kill('SIGTERM');
	}
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
