import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AuthData } from './auth-store.ts';

export const SESSION_COOKIE = 'returnlens_session';
export const SESSION_SECONDS = 12 * 60 * 60;

const payloadSchema = z.object({ user: z.string(), epoch: z.number(), expires: z.number() });

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

/** A session's cookie value: the user, their session epoch and the expiry, HMAC-signed with the file's secret. */
export function sessionValue(data: AuthData, user: string, now = Date.now()): string {
	const epoch = data.users.get(user)?.epoch ?? 0;
	const payload = Buffer.from(JSON.stringify({ user, epoch, expires: now + SESSION_SECONDS * 1000 })).toString(
		'base64url'
	);
	return `${payload}.${sign(data.secret, payload).toString('base64url')}`;
}

/** The user a cookie value signs in, if its signature holds, it has not expired and its epoch is current. */
export function sessionUser(data: AuthData, value: string, now = Date.now()): string | null {
	const [payload, signature] = value.split('.');
	if (!data.secret || !payload || !signature) return null;
	const expected = sign(data.secret, payload);
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
	if (!parsed.success || parsed.data.expires <= now) return null;
	return data.users.get(parsed.data.user)?.epoch === parsed.data.epoch ? parsed.data.user : null;
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | null, name: string): string | null {
	for (const part of header?.split(';') ?? []) {
		const at = part.indexOf('=');
		if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
	}
	return null;
}

/**
 * Whether the request reached us over HTTPS, as a proxy's X-Forwarded-Proto says, else as the URL says
 * when its scheme is known (`urlSchemeKnown`): adapter-node makes every URL https when neither ORIGIN nor
 * PROTOCOL_HEADER tells it, and a Secure cookie on plain http would never come back.
 */
export function cameOverHttps(request: Request, url: URL, urlSchemeKnown: boolean): boolean {
	const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0].trim().toLowerCase();
	if (forwarded) return forwarded === 'https';
	return urlSchemeKnown && url.protocol === 'https:';
}
