import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { NAV_ITEMS } from '../../src/lib/navigation.ts';

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
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function startServer(): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['build'], {
		env: { ...process.env, RETURNS_DB: dbPath, PORT: values.port, HOST: '127.0.0.1' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 200; i++) {
		if (await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)) return server;
		await new Promise((r) => setTimeout(r, 100));
	}
	server.kill();
	throw new Error('the server did not start');
}

async function main() {
	if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath}: run \`npm start\` once (it loads the demo data)`);
	if (!existsSync('build/index.js')) throw new Error('no build: run `npm run build` first');
	const server = await startServer();
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
	try {
		// One warm-up load so the server's first database access is not billed to the first page.
		await fetch(`${baseUrl}/`).then((r) => r.text());
		let worstLoad = 0;
		let largestJs = 0;
		for (const item of NAV_ITEMS) {
			const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
			const page = await context.newPage();
			let jsBytes = 0;
			const scripts: Promise<void>[] = [];
			page.on('response', (response) => {
				if (response.request().resourceType() === 'script') {
					scripts.push(response.body().then((body) => void (jsBytes += gzipSync(body).length), () => undefined));
				}
			});
			await page.goto(baseUrl + item.href, { waitUntil: 'load' });
			await page.waitForFunction(
				() =>
					!document.querySelector('[aria-busy="true"]') &&
					[...document.querySelectorAll('[data-state]')].every((el) => el.getAttribute('data-state') !== 'loading'),
				undefined,
				{ timeout: 30_000 }
			);
			const timing = await page.evaluate(() => {
				const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
				return { load: nav.loadEventEnd, ready: performance.now() };
			});
			await Promise.all(scripts);
			worstLoad = Math.max(worstLoad, timing.ready);
			largestJs = Math.max(largestJs, jsBytes);
			console.log(
				`${item.href.padEnd(12)} load event ${timing.load.toFixed(0).padStart(5)} ms, data shown ${timing.ready.toFixed(0).padStart(5)} ms, JavaScript ${(jsBytes / 1024).toFixed(0).padStart(4)} kB gzipped`
			);
			await context.close();
		}
		console.log(`slowest page until its data is shown: ${worstLoad.toFixed(0)} ms (budget 1500 ms); largest page JavaScript: ${(largestJs / 1024).toFixed(0)} kB gzipped (budget 500 kB)`);
	} finally {
		await browser.close();
		server.kill('SIGTERM');
	}
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
