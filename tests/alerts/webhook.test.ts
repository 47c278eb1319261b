import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditLog } from '../../src/lib/core/audit/audit-log.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { removeServerFile, writeServerFile } from '../../src/lib/core/db/server-file.ts';
import type { AlertRow } from '../../src/lib/features/alerts/alerts.ts';
import { createApp } from '../../src/lib/server/create-app.ts';
import { runCommand, serveHttp, type HttpServer } from './commands.ts';
import { copyWithSampleAlerts } from './planted-alerts.ts';

/**
 * `npm run alerts -- --webhook URL` in its own process, against real HTTP servers as webhook targets,
 * over a copy of the demo database with alerts planted as the detection stores them.
 */
const demo = inject('demoDatabase');

let dir: string;
let dbPath: string;
/** Every alert the command should post: the planted ones and whatever the detection found. */
let expected: string[];

/** A webhook target that answers each POST with the next status of `script` (its last one from then on). */
async function target(script: number[]) {
	const received: { alert: AlertRow; key: string | null }[] = [];
	let calls = 0;
	const server = await serveHttp(async (request) => {
		const status = script[Math.min(calls++, script.length - 1)];
		if (status < 300) received.push({ alert: await request.json(), key: request.headers.get('idempotency-key') });
		return new Response(status < 300 ? 'ok' : 'down', { status });
	});
	return { server, received, calls: () => calls };
}

const alertsCommand = (url: string, ...more: string[]) =>
	runCommand('alerts', ['--webhook', url, '--db', dbPath, '--backoff-ms', '10', ...more]);

const servers: HttpServer[] = [];

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'returnlens-webhook-'));
	dbPath = join(dir, 'returns.duckdb');
	await copyWithSampleAlerts(demo.dbPath, dbPath);
	const reader = await openDatabase(dbPath, { readOnly: true });
	const app = createApp(reader, { adminToken: 'webhook-test-admin-token' });
	const answer = (await (
		await app.request('/api/alerts?status=all&limit=10000&sort=detected_on&order=asc', {
			headers: { authorization: 'Bearer webhook-test-admin-token' }
		})
	).json()) as { rows: AlertRow[] };
	reader.close();
	expected = answer.rows.map((a) => a.alert_id);
});

afterAll(async () => {
	await Promise.all(servers.map((s) => s.close()));
	await rm(dir, { recursive: true, force: true });
});

describe('npm run alerts -- --webhook URL', () => {
	it('posts each alert once, as JSON, and nothing on the next run', async () => {
		const hook = await target([200]);
		servers.push(hook.server);
		const first = await alertsCommand(`${hook.server.url}/hook`);
		expect(first.stderr).not.toContain('failed');
		expect(first.code).toBe(0);
		expect(first.stdout).toContain(`${expected.length} new alert(s) sent`);
		expect(hook.received.map((r) => r.alert.alert_id)).toEqual(expected);
		const sku = hook.received.find((r) => r.alert.alert_id === 'a-sku-fit')!;
		expect(sku.key).toBe('a-sku-fit');
		expect(sku.alert).toMatchObject({ kind: 'size_fit_outlier', scope: 'sku', status: 'open' });
		expect(Object.keys(sku.alert)).toEqual(expect.arrayContaining(['explanation', 'window_from', 'baseline']));

		const again = await alertsCommand(`${hook.server.url}/hook`);
		expect(again.code).toBe(0);
		expect(again.stdout).toContain(`0 new alert(s) sent`);
		expect(hook.received).toHaveLength(expected.length);
		expect(new AuditLog(join(dir, 'audit.jsonl')).entries().filter((e) => e.action === 'deliver')).toHaveLength(
			expected.length
		);
	});

	it('retries with back-off: a target that fails twice, then answers 200, gets every alert once', async () => {
		const flaky = await target([500, 503, 200]);
		servers.push(flaky.server);
		const run = await alertsCommand(`${flaky.server.url}/flaky`);
		expect(run.code).toBe(0);
		expect(run.stderr).toContain('try 1 of 5 failed (500');
		expect(run.stderr).toContain('try 2 of 5 failed (503');
		expect(flaky.calls()).toBe(expected.length + 2);
		expect(flaky.received.map((r) => r.alert.alert_id)).toEqual(expected);
	});

	it('a target that keeps failing: exit 1 with a sentence, nothing remembered as sent', async () => {
		const down = await target([500]);
		servers.push(down.server);
		const url = `${down.server.url}/down`;
		const run = await alertsCommand(url, '--attempts', '3');
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('The webhook kept failing: 3 tries for alert');
		expect(run.stderr).toContain(`0 alert(s) were sent; the other ${expected.length} will be sent on the next run`);
		expect(down.calls()).toBe(3);

		const unreachable = await alertsCommand('http://127.0.0.1:9/nothing-listens', '--attempts', '2');
		expect(unreachable.code).toBe(1);
		expect(unreachable.stderr).toContain('The webhook kept failing');
	});

	it('answers usage errors with exit 2, a missing database with 3', async () => {
		expect((await runCommand('alerts', [])).code).toBe(2);
		expect((await runCommand('alerts', ['--webhook', 'ftp://x/y', '--db', dbPath])).code).toBe(2);
		const missing = await runCommand('alerts', [
			'--webhook',
			'http://127.0.0.1:9/',
			'--db',
			join(dir, 'none.duckdb')
		]);
		expect(missing.code).toBe(3);
		expect(missing.stderr).toContain('There is no database');
	});
});

describe('while a server holds the database', () => {
	it('reads the alerts and records the deliveries through the server', async () => {
		const held = join(dir, 'held.duckdb');
		await copyFile(dbPath, held);
		const db = await openDatabase(held);
		const token = 'command-token-of-the-serving-process-0123456789';
		const app = createApp(db, { commandToken: token });
		const server = await serveHttp((request) => app.request(request));
		servers.push(server);
		writeServerFile(held, { pid: process.pid, url: server.url, token });
		try {
			const hook = await target([200]);
			servers.push(hook.server);
			const run = await runCommand('alerts', ['--webhook', `${hook.server.url}/served`, '--db', held]);
			expect(run.stderr).not.toMatch(/failed|holds it/);
			expect(run.code).toBe(0);
			expect(run.stdout).toContain(`alerts from the server at ${server.url}`);
			expect(hook.received.map((r) => r.alert.alert_id)).toEqual(expected);
			const recorded = (await (
				await app.request(`/api/alert-deliveries?target=${encodeURIComponent(`${hook.server.url}/served`)}`, {
					headers: { authorization: `Bearer ${token}` }
				})
			).json()) as { meta: { total_rows: number } };
			expect(recorded.meta.total_rows).toBe(expected.length);
		} finally {
			removeServerFile(held, process.pid);
			db.close();
		}
	});
});
