import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuthStore } from '../../src/lib/core/auth/auth-store.ts';
import { createFirstUser } from '../../src/lib/core/auth/first-user.ts';
import { verifyPassword } from '../../src/lib/core/auth/passwords.ts';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { createApp } from '../../src/lib/server/create-app.ts';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;
let dbPath: string;
let db: Database;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'returnlens-users-'));
	// The CLI finds auth.json beside the database named: a path of this test's, never opened by it.
	dbPath = join(dir, 'returns.duckdb');
	// The demo database, read-only: the routes answer 200 on it.
	db = await openDatabase(inject('demoDatabase').dbPath, { readOnly: true });
});

afterAll(async () => {
	db?.close();
	await rm(dir, { recursive: true, force: true });
});

/** `npm run users -- ARGS`, as a person runs it. */
async function users(args: string[], env: NodeJS.ProcessEnv = {}) {
	try {
		const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'pipelines/users/cli.ts', ...args], {
			cwd: ROOT,
			env: { ...process.env, RETURNS_DB: '', RETURNS_AUTH_FILE: '', ...env }
		});
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

describe('npm run users', () => {
	it('prints a token on its last line that works as a bearer token with the role given', async () => {
		const { code, stdout } = await users(['token', 'ci', '--role', 'finance', '--db', dbPath]);
		expect(code).toBe(0);
		const token = stdout.trimEnd().split('\n').at(-1)!;
		expect(token).toMatch(/^[\w-]{43}$/);
		const app = createApp(db, { store: new AuthStore(join(dir, 'auth.json')) });
		const headers = { authorization: `Bearer ${token}` };
		expect((await app.request('/api/costs/breakdown?by=month', { headers })).status).toBe(200);
		expect((await app.request('/api/fraud/customers', { headers })).status).toBe(403);
		// Only the hash is stored.
		expect(JSON.stringify(new AuthStore(join(dir, 'auth.json')).read().users.get('ci'))).not.toContain(token);
	});

	it('adds a user with a password it prints, lists and removes them; RETURNS_DB finds the file', async () => {
		const added = await users(['add', 'ada', '--role', 'returns'], { RETURNS_DB: dbPath });
		expect(added.code).toBe(0);
		const password = added.stdout.trimEnd().split('\n').at(-1)!;
		const stored = new AuthStore(join(dir, 'auth.json')).read().users.get('ada')!;
		expect(stored.role).toBe('returns');
		expect(await verifyPassword(password, stored.password!)).toBe(true);

		const listed = await users(['list', '--db', dbPath]);
		expect(listed.stdout).toMatch(/ada\s+returns\s+yes\s+0/);
		expect(listed.stdout).toMatch(/ci\s+finance\s+no\s+1/);

		expect((await users(['remove', 'ada', '--db', dbPath])).code).toBe(0);
		const again = await users(['remove', 'ada', '--db', dbPath]);
		expect(again.code).toBe(1);
		expect(again.stderr).toContain('No user ada');
	});

	it('honours RETURNS_AUTH_FILE', async () => {
		const elsewhere = join(dir, 'elsewhere', 'users.json');
		expect((await users(['add', 'bo', '--role', 'product'], { RETURNS_AUTH_FILE: elsewhere })).code).toBe(0);
		expect(new AuthStore(elsewhere).users()).toEqual([
			{ name: 'bo', role: 'product', hasPassword: true, tokens: 0 }
		]);
	});

	it('answers a wrong command, name or role with exit 2 and what is wrong', async () => {
		for (const [args, problem] of [
			[['add', 'bo'], 'role'],
			[['add', 'bo', '--role', 'root'], 'a role is one of admin, product, marketing, finance, returns'],
			[['add', 'b o', '--role', 'product'], 'a user name is'],
			[['frob'], 'the command is one of add, list, remove, token'],
			[['list', 'bo'], 'name: not taken by this command'],
			[['list', '--bogus'], "Unknown option '--bogus'"]
		] as const) {
			const { code, stderr } = await users([...args, '--db', dbPath]);
			expect(code, args.join(' ')).toBe(2);
			expect(stderr).toContain(problem);
			expect(stderr).toContain('usage: npm run users');
		}
	});
});

describe('the first start', () => {
	it('creates admin with a random password when there is no user, and nothing after that', async () => {
		const store = new AuthStore(join(dir, 'first', 'auth.json'));
		const password = await createFirstUser(store);
		expect(password).toMatch(/^[\w-]{24}$/);
		expect(store.users()).toEqual([{ name: 'admin', role: 'admin', hasPassword: true, tokens: 0 }]);
		expect(await verifyPassword(password!, store.read().users.get('admin')!.password!)).toBe(true);
		expect(await createFirstUser(store)).toBeNull();
	});
});
