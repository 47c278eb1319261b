import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { removeServerFile, writeServerFile } from '../../src/lib/core/db/server-file.ts';
import { escapeHtml } from '../../src/lib/ui/format.ts';
import { createApp } from '../../src/lib/server/create-app.ts';
import { addDays } from '../../pipelines/report/digest-week.ts';
import { runCommand, serveHttp } from '../alerts/commands.ts';
import { HOSTILE_LABEL, copyWithSampleAlerts, type StoredAlert } from '../alerts/planted-alerts.ts';
import { startTestSmtpServer } from './test-smtp-server.ts';

/**
 * `npm run report` in its own process over a copy of the demo database with alerts planted as the
 * detection stores them: the HTML it writes, its PDF, and the mail a local SMTP server receives.
 */
const demo = inject('demoDatabase');

let dir: string;
let dbPath: string;
let hostile: StoredAlert;
/** A week (Monday to Sunday) holding the hostile alert's detection day. */
let week: { from: string; to: string };

const SECTIONS = ['figures', 'alerts', 'defects', 'costs', 'sla'];

function assertSelfContained(html: string): void {
	expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
	const references = [...html.matchAll(/\s(?:src|href|action|srcset)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
	expect(references.filter((ref) => /^(https?:)?\/\//i.test(ref))).toEqual([]);
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'returnlens-digest-'));
	dbPath = join(dir, 'returns.duckdb');
	const alerts = await copyWithSampleAlerts(demo.dbPath, dbPath);
	hostile = alerts.find((a) => a.label === HOSTILE_LABEL)!;
	const detected = String(hostile.detected_on);
	const weekday = (new Date(`${detected}T00:00:00Z`).getUTCDay() + 6) % 7;
	week = { from: addDays(detected, -weekday), to: addDays(detected, 6 - weekday) };
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('npm run report', () => {
	it('writes a self-contained HTML digest of the week asked for, with its sections and alerts', async () => {
		const out = join(dir, 'week.html');
		const run = await runCommand('report', ['--db', dbPath, '--out', out, '--from', week.from, '--to', week.to]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`Digest of ${week.from} to ${week.to}`);
		const html = await readFile(out, 'utf8');
		for (const id of SECTIONS) expect(html).toContain(`<section id="${id}">`);
		expect(html.match(/<svg /g)).toHaveLength(2);
		assertSelfContained(html);
		// The hostile label is there, as text.
		expect(html).toContain(escapeHtml(HOSTILE_LABEL));
		expect(html).not.toContain(HOSTILE_LABEL);
		expect(html).toContain(escapeHtml(String(hostile.explanation)));
		expect(html).toMatch(/Top products by defect returns[\s\S]*<tbody><tr>/);
	});

	it('defaults to the last full ISO week of the data, and prints a PDF with Chromium', async () => {
		const out = join(dir, 'default.html');
		const run = await runCommand('report', ['--db', dbPath, '--out', out, '--pdf']);
		expect(run.code).toBe(0);
		const [, from, to] = /Digest of (\S+) to (\S+),/.exec(run.stdout)!;
		expect(new Date(`${from}T00:00:00Z`).getUTCDay()).toBe(1);
		expect(new Date(`${to}T00:00:00Z`).getUTCDay()).toBe(0);
		const pdf = await readFile(join(dir, 'default.pdf'));
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(5_000);
	});

	it('mails the digest through an SMTP server', async () => {
		const smtp = await startTestSmtpServer();
		try {
			const run = await runCommand('report', [
				'--db',
				dbPath,
				'--from',
				week.from,
				'--to',
				week.to,
				'--smtp',
				smtp.url,
				'--mail-to',
				'product-team@example.com, ops@example.com',
				'--mail-from',
				'ReturnLens <digest@example.com>'
			]);
			expect(run.stderr).toBe('');
			expect(run.code).toBe(0);
			expect(smtp.received).toHaveLength(1);
			const [mail] = smtp.received;
			expect(mail.from).toBe('digest@example.com');
			expect(mail.to).toEqual(['product-team@example.com', 'ops@example.com']);
			expect(mail.data).toContain(`Subject: ReturnLens weekly digest, ${week.from} to ${week.to}`);
			expect(mail.data).toMatch(/Content-Type: text\/html/i);
		} finally {
			await smtp.close();
		}
	});

	it('mails with the environment’s configuration, and says so when the server refuses', async () => {
		const dead = await runCommand('report', ['--db', dbPath, '--from', week.from, '--to', week.to], {
			RETURNS_SMTP_URL: 'smtp://127.0.0.1:9',
			RETURNS_DIGEST_TO: 'team@example.com'
		});
		expect(dead.code).toBe(1);
		expect(dead.stderr).toContain('The digest could not be mailed');
	});

	it.each([
		[['--from', '2026-01-01'], 'together'],
		[['--out', 'x.html', '--from', '2026-02-01', '--to', '2026-01-01'], 'after'],
		[['--out', 'x.html', '--from', '2026-02-30', '--to', '2026-03-01'], 'calendar'],
		[[], '--out'],
		[['--smtp', 'smtp://127.0.0.1:9'], '--mail-to'],
		[['--pdf', '--smtp', 'smtp://127.0.0.1:9', '--mail-to', 'a@b.c'], '--pdf']
	])('refuses %j with exit 2, naming %s', async (args, word) => {
		const run = await runCommand('report', ['--db', dbPath, ...args], { RETURNS_SMTP_URL: '' });
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(word);
	});

	it('reads the running server’s API while it holds the database', async () => {
		const held = join(dir, 'held.duckdb');
		await copyFile(dbPath, held);
		const db = await openDatabase(held);
		const token = 'command-token-of-the-serving-process-for-digest';
		const app = createApp(db, { commandToken: token });
		const server = await serveHttp((request) => app.request(request));
		writeServerFile(held, { pid: process.pid, url: server.url, token });
		try {
			const out = join(dir, 'served.html');
			const run = await runCommand('report', ['--db', held, '--out', out, '--from', week.from, '--to', week.to]);
			expect(run.code).toBe(0);
			expect(run.stdout).toContain(`from the server at ${server.url}`);
			const html = await readFile(out, 'utf8');
			expect(html).toContain(escapeHtml(HOSTILE_LABEL));
			assertSelfContained(html);
		} finally {
			removeServerFile(held, process.pid);
			await server.close();
			db.close();
		}
	});
});
