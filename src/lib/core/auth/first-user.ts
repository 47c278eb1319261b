import type { AuthStore } from './auth-store.ts';
import { generatePassword, hashPassword } from './passwords.ts';

export const FIRST_USER = 'admin';

/**
 * On a first start, with no user at all, creates `admin` with a random password and returns it (to be
 * shown once); null when there are users already.
 */
export async function createFirstUser(store: AuthStore): Promise<string | null> {
	if (store.read().users.size > 0) return null;
	const password = generatePassword();
	store.setPassword(FIRST_USER, 'admin', await hashPassword(password));
	return password;
}
