import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// OWASP's scrypt floor: 2^15 iterations of 8-block rows, about 32 MiB and 50–100 ms per hash. Node's
// default maxmem (32 MiB) is just below what N=2^15, r=8 needs (128·N·r), hence the raised limit.
const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT, (error, key) =>
			error ? reject(error) : resolve(key)
		)
	);
}

/** A password's stored form, `scrypt$<salt>$<hash>` in base64url, with a salt of its own. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	return `scrypt$${salt.toString('base64url')}$${(await derive(password, salt)).toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64url');
	const actual = await derive(password, Buffer.from(salt, 'base64url'));
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A password for a new user: 18 random bytes, 24 characters to copy. */
export function generatePassword(): string {
	return randomBytes(18).toString('base64url');
}
