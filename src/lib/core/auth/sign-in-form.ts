import { z } from 'zod';
import { userNameSchema } from './auth-store.ts';

/**
 * Where to go after signing in: `next` if it is a path on this site, else the overview. A full URL or
 * `//host` would make the sign-in page a springboard to another site.
 */
export function localPath(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	const base = 'http://returnlens.invalid';
	const url = new URL(next, base);
	return url.origin === base ? url.pathname + url.search : '/';
}

/** The sign-in form's fields. */
export const signInFormSchema = z.object({
	name: userNameSchema,
	password: z.string().min(1, 'enter your password').max(1024, 'a password is at most 1024 characters'),
	next: z.string().max(2048).optional()
});
