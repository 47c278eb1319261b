/**
 * The browser test harness: the production build served by `node build` as a child process, over a
 * database of its own, and the system's Chromium driving it. Nothing in between is faked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AUTH_FILE_NAME } from '../../src/lib/core/auth/auth-config.ts';
import { AuthStore } from '../../src/lib/core/auth/auth-store.ts';
import { hashPassword } from '../../src/lib/core/auth/passwords.ts';
import { SESSION_COOKIE, sessionValue } from '../../src/lib/core/auth/session-cookie.ts';
import { ENTITY_NAMES, type EntityName } from '../../src/lib/core/contract/entities.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'screenshots');
const VIEWPORT = { width: 1366, height: 768 };
const DATABASE_FILE = 'returns.duckdb';
/** The server accepts it as an admin's bearer token, for a test's own requests (adminHeaders). */
const ADMIN_TOKEN = 'browser-test-admin-token-0123456789';
/**
 * The browser signs in as this user with a session cookie, as a person does: Chromium leaves a
 * context's extra headers off the downloads a link starts, so a bearer token would fail the CSV exports.
 */
const BROWSER_USER = 'admin';
const ADMIN_HEADERS = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** A missing browser fails the run: a skipped browser test would pass CI while testing nothing. */
export function assertChromium(): void {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium`);
	}
}

/** Builds the app exactly as `npm run build` does, so the tests serve what users get. */
export async function buildApp(): Promise<void> {
	const { code, output } = await run('npm', ['run', 'build'], { cwd: ROOT, env: productionEnv() });
	if (code !== 0) throw new Error(`npm run build failed (exit ${code}):\n${output.slice(-4000)}`);
}

export interface TestDatabase {
	path: string;
	/** Rows per table, counted straight from the file: what the dashboard should show. */
	tables: Record<EntityName, number>;
}

/** The database the browser tests serve: the one place to change what data they run on. */
export async function createBrowserTestDatabase(dir: string): Promise<TestDatabase> {
	const path = join(dir, DATABASE_FILE);
	// A real demo data set: every page has products, returns, costs and fraud patterns to show.
	const outDir = join(dir, 'demo');
	await generateDemoData({ lines: 20_000, seed: 5, outDir });
	const summary = await ingest({ dbPath: path, paths: [outDir] });
	if (summary.errors.length > 0) throw new Error(`Demo data did not load: ${JSON.stringify(summary.errors)}`);
	const db = await openDatabase(path, { readOnly: true });
	const connection = await db.connect();
	try {
		const tables = {} as Record<EntityName, number>;
		for (const name of ENTITY_NAMES) {
			const [[rows]] = (await connection.runAndReadAll(`SELECT count(*) FROM ${name}`)).getRowsJS();
			tables[name] = Number(rows);
		}
		return { path, tables };
	} finally {
		connection.closeSync();
		db.close();
	}
}

export interface OpenedPage {
	page: Page;
	/** Console errors and uncaught exceptions, in the order they happened. */
	consoleErrors: string[];
}

export interface BrowserHarness<Db extends TestDatabase | null> {
	baseUrl: string;
	/** The file the server reads. */
	databasePath: string;
	/** The user file beside it (auth.json), for a test to add users to. */
	authPath: string;
	/** Headers that sign a request in as admin, for a test's own fetch. */
	adminHeaders: Record<string, string>;
	database: Db;
	/** Opens a page signed in as the admin user, or `anonymous`ly, as someone not signed in yet. */
	open(path: string, options?: { anonymous?: boolean }): Promise<OpenedPage>;
	screenshot(page: Page, name: string): Promise<string>;
	close(): Promise<void>;
}

/**
 * With `withoutDatabase` the server starts before its database file exists, as on a fresh install;
 * a test may create the file at `databasePath` later.
 */
export function startBrowserHarness(): Promise<BrowserHarness<TestDatabase>>;
export function startBrowserHarness(options: { withoutDatabase: true }): Promise<BrowserHarness<null>>;
export async function startBrowserHarness(
	options: { withoutDatabase?: boolean } = {}
): Promise<BrowserHarness<TestDatabase | null>> {
	assertChromium();
	const dir = await mkdtemp(join(tmpdir(), 'returnlens-browser-'));
	const databasePath = join(dir, DATABASE_FILE);
	let server: ChildProcess | undefined;
	let browser: Browser | undefined;
	const close = async () => {
		await browser?.close();
		if (server) await stopProcess(server);
		await rm(dir, { recursive: true, force: true });
	};
	try {
		const database = options.withoutDatabase ? null : await createBrowserTestDatabase(dir);
		const session = await browserSession(join(dir, AUTH_FILE_NAME));
		const port = await freePort();
		const baseUrl = `http://127.0.0.1:${port}`;
		server = await startServer(port, databasePath, baseUrl);
		browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
		const opened = browser;
		return {
			baseUrl,
			databasePath,
			authPath: join(dir, AUTH_FILE_NAME),
			adminHeaders: ADMIN_HEADERS,
			database,
			async open(path, { anonymous = false } = {}) {
				const context = await opened.newContext({ viewport: VIEWPORT, baseURL: baseUrl });
				if (!anonymous) await context.addCookies([{ name: SESSION_COOKIE, value: session, url: baseUrl }]);
				const page = await context.newPage();
				const consoleErrors: string[] = [];
				page.on('console', (message) => {
					if (message.type() === 'error') consoleErrors.push(message.text());
				});
				page.on('pageerror', (error) => consoleErrors.push(`Uncaught: ${error.message}`));
				await page.goto(path);
				return { page, consoleErrors };
			},
			async screenshot(page, name) {
				await mkdir(SCREENSHOT_DIR, { recursive: true });
				const file = join(SCREENSHOT_DIR, `${name}.png`);
				await page.screenshot({ path: file, fullPage: true });
				return file;
			},
			close
		};
	} catch (error) {
		await close();
		throw error;
	}
}

/** Creates the browser's user in the user file and returns its session cookie's value. */
async function browserSession(authPath: string): Promise<string> {
	const store = new AuthStore(authPath);
	store.setPassword(BROWSER_USER, 'admin', await hashPassword(randomBytes(12).toString('base64url')));
	return sessionValue(store.read(), BROWSER_USER);
}

async function startServer(port: number, dbPath: string, baseUrl: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['build'], {
		cwd: ROOT,
		env: {
			...productionEnv(),
			PORT: String(port),
			HOST: '127.0.0.1',
			RETURNS_DB: dbPath,
			RETURNS_ADMIN_TOKEN: ADMIN_TOKEN,
			// The address the browser uses: without it adapter-node assumes https and the session
			// cookie would be Secure, which a browser does not send over http.
			ORIGIN: baseUrl
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));

	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${output}`);
		try {
			// Any answer means it listens; whether the API has a database is for the tests to judge.
			await fetch(`${baseUrl}/api/health`);
			return child;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	await stopProcess(child);
	throw new Error(`The server did not answer ${baseUrl}/api/health within 30 s:\n${output}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
	await exited;
	clearTimeout(timer);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port'))
			);
		});
	});
}

/** The test runner's environment says NODE_ENV=test, which must not leak into the build or the server. */
function productionEnv(): NodeJS.ProcessEnv {
	return { ...process.env, NODE_ENV: 'production' };
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
	return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.once('error', reject);
		child.once('close', (code) => resolve({ code, output }));
	});
}

/**
 * Waits until every chart wrapper on the page (`data-state` on the ECharts container) has data drawn,
 * and returns, per chart, its accessible name and how many canvas pixels are not blank.
 */
export async function readyCharts(page: Page, expected: number): Promise<{ title: string; inked: number }[]> {
	const charts = page.locator('[role="img"][data-state]');
	await page.waitForFunction(
		(n) => {
			const all = [...document.querySelectorAll('[role="img"][data-state]')];
			return all.length >= n && all.every((el) => el.getAttribute('data-state') === 'ready');
		},
		expected,
		{ timeout: 20_000 }
	);
	// ECharts draws on the next animation frame.
	await page.waitForTimeout(300);
	return charts.evaluateAll((elements) =>
		elements.map((el) => {
			const canvas = el.querySelector('canvas');
			let inked = 0;
			if (canvas) {
				const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
				for (let i = 3; i < data.length; i += 4 * 16) if (data[i] > 0) inked++;
			}
			return { title: el.getAttribute('aria-label') ?? '', inked };
		})
	);
}

/** The text of an element once it is not loading any more, for before/after comparisons. */
export async function settledText(page: Page, selector: string): Promise<string> {
	await page.waitForFunction(
		(s) => !document.querySelector('[aria-busy="true"]') && !!document.querySelector(s),
		selector,
		{ timeout: 20_000 }
	);
	return page.locator(selector).innerText();
}

/** Clicks a control that downloads a file and returns the file's name and text. */
export async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
	const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), click()]);
	const path = await download.path();
	const { readFile } = await import('node:fs/promises');
	return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Waits for a data table to have loaded its rows, and returns the text of each row's cells. */
export async function tableRows(page: Page, caption: string): Promise<string[][]> {
	const table = page.getByRole('table', { name: caption });
	await table.and(page.locator('[data-state="ready"]')).waitFor({ timeout: 20_000 });
	return table
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim()))
		);
}

/** The filter bar's multi-choice control for one dimension, by its visible label. */
export function filterControl(page: Page, label: string) {
	const summary = page.locator(`summary[aria-label^="${label}: "]`);
	return { summary, details: page.locator('details', { has: summary }) };
}

/**
 * Ticks one value of a filter-bar dimension (by value or by position in the list) the way a person
 * does, opening the list and closing it with Escape, and returns the value ticked.
 */
export async function chooseFilter(page: Page, label: string, option: string | { index: number }): Promise<string> {
	const { summary, details } = filterControl(page, label);
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await summary.click();
	const boxes = details.locator('input[type="checkbox"]');
	const box = typeof option === 'string' ? boxes.and(page.locator(`[value="${option}"]`)) : boxes.nth(option.index);
	const value = (await box.getAttribute('value', { timeout: 20_000 }))!;
	await box.check();
	await page.keyboard.press('Escape');
	return value;
}

/** The values ticked in a filter-bar dimension. */
export function chosenFilters(page: Page, label: string): Promise<string[]> {
	return filterControl(page, label)
		.details.locator('input[type="checkbox"]:checked')
		.evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
}
