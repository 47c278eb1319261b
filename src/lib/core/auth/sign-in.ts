import { hashPassword, verifyPassword } from './passwords.ts';
import type { AuthStore } from './auth-store.ts';
import { sessionValue } from './session-cookie.ts';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/**
 * Failed sign-ins per user name, in memory: after LOCKOUT_FAILURES within LOCKOUT_MS the name is locked
 * until the oldest of them is that old, and each failure is answered only after `delayMs`, so guessing
 * runs at a few tries an hour. A restart forgets them, which costs an attacker a restart they cannot cause.
 */
export class SignInGuard {
	private readonly failures = new Map<string, number[]>();

	constructor(
		readonly delayMs = 500,
		private readonly now: () => number = Date.now
	) {}

	/** Minutes until the name may try again, or 0. */
	lockedFor(name: string): number {
		const recent = this.recent(name);
		if (recent.length < LOCKOUT_FAILURES) return 0;
		return Math.ceil((recent[recent.length - LOCKOUT_FAILURES] + LOCKOUT_MS - this.now()) / 60_000);
	}

	fail(name: string): void {
		this.failures.set(name.toLowerCase(), [...this.recent(name), this.now()]);
	}

	succeed(name: string): void {
		this.failures.delete(name.toLowerCase());
	}

	private recent(name: string): number[] {
		const since = this.now() - LOCKOUT_MS;
		return (this.failures.get(name.toLowerCase()) ?? []).filter((at) => at > since);
	}
}

export type SignInResult = { ok: true; cookie: string } | { ok: false; status: 400 | 429; message: string };

/** Checks a name and password; on success, the session cookie's value. */
export async function signIn(
	store: AuthStore,
	guard: SignInGuard,
	name: string,
	password: string
): Promise<SignInResult> {
	const minutes = guard.lockedFor(name);
	if (minutes > 0) {
		const wait = `${minutes} minute${minutes === 1 ? '' : 's'}`;
		const message = `Too many failed sign-ins for ${name}: try again in ${wait}.`;
		return { ok: false, status: 429, message };
	}
	const data = store.read();
	const stored = data.users.get(name)?.password;
	// An unknown name costs the same hash as a known one, so the time taken does not tell which names exist.
	const valid = stored ? await verifyPassword(password, stored) : (await hashPassword(password), false);
	if (!valid) {
		guard.fail(name);
		await new Promise((resolve) => setTimeout(resolve, guard.delayMs));
		return { ok: false, status: 400, message: 'Wrong user name or password.' };
	}
	guard.succeed(name);
	return { ok: true, cookie: sessionValue(data, name) };
}
