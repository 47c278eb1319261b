import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new API token: 32 random bytes in base64url. Only its hash is stored. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** A token's stored form. A fast hash is enough: a token has 256 random bits, nothing to guess. */
export function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

/** Compares two secrets in constant time, whatever their lengths (their hashes have one length). */
export function sameSecret(a: string, b: string): boolean {
	return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
