import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authFromEnv } from '../../src/lib/core/auth/auth-config.ts';
import { AuthStore } from '../../src/lib/core/auth/auth-store.ts';
import { identify, type AuthOptions } from '../../src/lib/core/auth/identify.ts';
import { hashPassword, verifyPassword } from '../../src/lib/core/auth/passwords.ts';
import { cameOverHttps, SESSION_COOKIE, sessionValue } from '../../src/lib/core/auth/session-cookie.ts';
import { LOCKOUT_MS, SignInGuard, signIn } from '../../src/lib/core/auth/sign-in.ts';
import { localPath } from '../../src/lib/core/auth/sign-in-form.ts';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { createApp, type ApiApp } from '../../src/lib/server/create-app.ts';

let dir: string;
let store: AuthStore;
let db: Database;
let app: ApiApp;
const guard = new SignInGuard(0);

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'returnlens-sign-in-'));
	store = new AuthStore(join(dir, 'auth.json'));
	store.setPassword('ada', 'finance', await hashPassword('correct horse'));
	// The demo database, read-only: the routes answer 200 on it; the user file is this test's own.
	db = await openDatabase(inject('demoDatabase').dbPath, { readOnly: true });
	app = createApp(db, { store, guard });
});

afterAll(async () => {
	db?.close();
	await rm(dir, { recursive: true, force: true });
});

const withCookie = (cookie: string) => ({ headers: { cookie: `other=1; ${SESSION_COOKIE}=${cookie}` } });

async function signedIn(name = 'ada', password = 'correct horse'): Promise<string> {
	const result = await signIn(store, guard, name, password);
	if (!result.ok) throw new Error(result.message);
	return result.cookie;
}

describe('passwords', () => {
	it('hash with a salt of their own, verify, and refuse a wrong password', async () => {
		const [a, b] = await Promise.all([hashPassword('secret'), hashPassword('secret')]);
		expect(a).not.toBe(b);
		expect(a).toMatch(/^scrypt\$[\w-]{22}\$[\w-]{43}$/);
		expect(await verifyPassword('secret', a)).toBe(true);
		expect(await verifyPassword('secret', b)).toBe(true);
		expect(await verifyPassword('Secret', a)).toBe(false);
		expect(await verifyPassword('secret', 'md5$x$y')).toBe(false);
	});
});

describe('the session cookie', () => {
	it('signs a user in to the API, with their role', async () => {
		const cookie = await signedIn();
		expect((await app.request('/api/costs/breakdown?by=month', withCookie(cookie))).status).toBe(200);
		expect((await app.request('/api/fraud/customers', withCookie(cookie))).status).toBe(403);
	});

	it('is refused when tampered with, expired or signed with another secret', async () => {
		const cookie = await signedIn();
		const [payload, signature] = cookie.split('.');
		const forged = Buffer.from(JSON.stringify({ user: 'ada', epoch: 1, expires: Date.now() + 1e9 })).toString(
			'base64url'
		);
		const data = store.read();
		const expired = sessionValue(data, 'ada', Date.now() - 13 * 3600 * 1000);
		const foreign = sessionValue({ ...data, secret: 'x'.repeat(43) }, 'ada');
		for (const bad of [`${forged}.${signature}`, `${payload}.`, 'garbage', expired, foreign]) {
			expect((await app.request('/api/summary', withCookie(bad))).status, bad).toBe(401);
		}
	});

	it('stops working everywhere when the user signs out (their epoch moves on)', async () => {
		const cookie = await signedIn();
		expect((await app.request('/api/summary', withCookie(cookie))).status).toBe(200);
		store.endSessions('ada');
		expect((await app.request('/api/summary', withCookie(cookie))).status).toBe(401);
		expect((await app.request('/api/summary', withCookie(await signedIn()))).status).toBe(200);
	});

	it('is Secure only over HTTPS, told by a proxy or by a URL whose scheme is known', () => {
		const request = (headers: Record<string, string> = {}) => new Request('http://x/', { headers });
		expect(cameOverHttps(request(), new URL('http://x/'), true)).toBe(false);
		expect(cameOverHttps(request(), new URL('https://x/'), true)).toBe(true);
		// adapter-node's guess without ORIGIN: https, whatever the visitor used.
		expect(cameOverHttps(request(), new URL('https://x/'), false)).toBe(false);
		expect(cameOverHttps(request({ 'x-forwarded-proto': 'https' }), new URL('https://x/'), false)).toBe(true);
		expect(cameOverHttps(request({ 'x-forwarded-proto': 'http, https' }), new URL('https://x/'), true)).toBe(false);
	});
});

describe('signing in', () => {
	it('refuses a wrong password or an unknown name with the same words', async () => {
		const wrong = await signIn(store, guard, 'ada', 'wrong');
		const unknown = await signIn(store, guard, 'nobody', 'wrong');
		expect(wrong).toEqual({ ok: false, status: 400, message: 'Wrong user name or password.' });
		expect(unknown).toEqual(wrong);
		guard.succeed('ada');
	});

	it('waits before answering a failure', async () => {
		const slow = new SignInGuard(500);
		const started = Date.now();
		await signIn(store, slow, 'ada', 'wrong');
		expect(Date.now() - started).toBeGreaterThanOrEqual(490);
	});

	it('locks a name out after 5 failures in 15 minutes, without checking the password, then lets it in', async () => {
		let now = 1_000_000;
		const clock = new SignInGuard(0, () => now);
		for (let i = 0; i < 5; i++) expect((await signIn(store, clock, 'ada', `guess ${i}`)).ok).toBe(false);
		const locked = await signIn(store, clock, 'ada', 'correct horse');
		expect(locked).toEqual({
			ok: false,
			status: 429,
			message: 'Too many failed sign-ins for ada: try again in 15 minutes.'
		});
		expect(await signIn(store, clock, 'ADA', 'correct horse')).toMatchObject({ status: 429 });
		now += LOCKOUT_MS - 60_000;
		expect(await signIn(store, clock, 'ada', 'correct horse')).toMatchObject({
			message: expect.stringContaining('in 1 minute.')
		});
		now += 60_001;
		expect((await signIn(store, clock, 'ada', 'correct horse')).ok).toBe(true);
	});

	it('sends the user on only to a page of this site', () => {
		expect(localPath('/fraud?minScore=40')).toBe('/fraud?minScore=40');
		for (const away of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'fraud', '', null]) {
			expect(localPath(away), String(away)).toBe('/');
		}
	});
});

describe('the user file', () => {
	it('is re-read when another process changes it', async () => {
		const other = new AuthStore(store.path);
		other.setPassword('grace', 'returns', await hashPassword('pw'));
		expect(store.read().users.get('grace')?.role).toBe('returns');
		other.remove('grace');
		expect(store.read().users.has('grace')).toBe(false);
	});

	it('missing, holds nobody', () => {
		expect(new AuthStore(join(dir, 'none', 'auth.json')).users()).toEqual([]);
	});
});

describe('proxy mode', () => {
	const proxy: AuthOptions = {
		proxy: { header: 'x-forwarded-email', roleHeader: 'x-forwarded-role', defaultRole: 'product' }
	};
	const who = (headers: Record<string, string>, auth = proxy) =>
		identify(new Request('http://x/api', { headers }), auth);

	it('takes the user from the header, the role from the role header or the default', () => {
		expect(who({ 'x-forwarded-email': 'kim@shop.example' })).toEqual({
			name: 'kim@shop.example',
			role: 'product',
			via: 'proxy'
		});
		expect(who({ 'x-forwarded-email': 'kim@shop.example', 'x-forwarded-role': 'returns' })?.role).toBe('returns');
		expect(who({ 'x-forwarded-email': 'kim@shop.example', 'x-forwarded-role': 'root' })?.role).toBe('product');
		expect(who({ 'x-forwarded-role': 'admin' })).toBeNull();
	});

	it('is off unless configured: the header alone signs nobody in', () => {
		expect(who({ 'x-forwarded-email': 'kim@shop.example' }, {})).toBeNull();
	});

	it('reaches the API with the role’s access', async () => {
		const proxied = createApp(db, proxy);
		const headers = { 'x-forwarded-email': 'kim@shop.example', 'x-forwarded-role': 'finance' };
		expect((await proxied.request('/api/costs/breakdown?by=month', { headers })).status).toBe(200);
		expect((await proxied.request('/api/timing', { headers })).status).toBe(403);
		expect((await proxied.request('/api/timing')).status).toBe(401);
	});
});

describe('the server’s settings', () => {
	it('read the proxy mode and the admin token, and name a wrong value', () => {
		const auth = authFromEnv('/data/returns.duckdb', {
			RETURNS_ADMIN_TOKEN: 'a'.repeat(16),
			RETURNS_AUTH_PROXY_HEADER: 'X-Forwarded-Email'
		});
		expect(auth.store.path).toBe('/data/auth.json');
		expect(auth.proxy).toEqual({ header: 'x-forwarded-email', roleHeader: null, defaultRole: 'product' });
		expect(authFromEnv('/d/r.duckdb', { RETURNS_AUTH_FILE: '/etc/rl.json' }).store.path).toBe('/etc/rl.json');
		expect(auth.urlSchemeKnown).toBe(false);
		expect(authFromEnv('/d/r.duckdb', { ORIGIN: 'https://returns.example.com' }).urlSchemeKnown).toBe(true);
		expect(authFromEnv('/d/r.duckdb', { RETURNS_ADMIN_TOKEN: '' }).adminToken).toBeNull();
		expect(() => authFromEnv('/d/r.duckdb', { RETURNS_ADMIN_TOKEN: 'short' })).toThrow('at least 16 characters');
		expect(() => authFromEnv('/d/r.duckdb', { RETURNS_AUTH_PROXY_DEFAULT_ROLE: 'root' })).toThrow(
			'RETURNS_AUTH_PROXY_DEFAULT_ROLE must be one of admin'
		);
		expect(() => authFromEnv('/d/r.duckdb', { RETURNS_AUTH_PROXY_HEADER: 'X Email' })).toThrow('HTTP header name');
	});
});
