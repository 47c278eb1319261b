import type { AuditLog } from '../audit/audit-log.ts';
import type { AuthStore } from './auth-store.ts';
import { roleSchema, type Role } from './roles.ts';
import { cookieValue, SESSION_COOKIE, sessionUser } from './session-cookie.ts';
import { sameSecret } from './tokens.ts';
import type { SignInGuard } from './sign-in.ts';

/** Single sign-on through a proxy that authenticates people and names them in a header. */
export interface ProxyAuth {
	/** The header naming the user, lower case (e.g. x-forwarded-email). */
	header: string;
	/** The header naming the user's role, if the proxy sends one. */
	roleHeader: string | null;
	/** The role when there is no role header, or its value is not a role. */
	defaultRole: Role;
}

/** How the server tells who is asking. Every part is optional: without any, nobody gets in. */
export interface AuthOptions {
	/** RETURNS_ADMIN_TOKEN: a bearer token that is an admin. */
	adminToken?: string | null;
	/** The token the server leaves beside its database for the commands it loads for (server-file.ts). */
	commandToken?: string | null;
	store?: AuthStore | null;
	proxy?: ProxyAuth | null;
	guard?: SignInGuard;
	/** Where customer-level answers are recorded (who, when, what, how many rows). */
	audit?: AuditLog | null;
}

export interface Identity {
	name: string;
	role: Role;
	/** How the request proved it: shown to nobody, but a session is the only kind that can sign out. */
	via: 'admin-token' | 'token' | 'session' | 'proxy';
}

/**
 * Who is asking: a bearer token (the admin token or a user's API token), else the session cookie, else,
 * in proxy mode only, the proxy's header. A bearer token that matches nothing is nobody, not a fallback
 * to the cookie: a script with a revoked token should hear so.
 */
export function identify(request: Request, auth: AuthOptions): Identity | null {
	const authorization = request.headers.get('authorization');
	if (authorization !== null) {
		const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
		if (!token) return null;
		if (auth.adminToken && sameSecret(token, auth.adminToken))
			return { name: 'admin-token', role: 'admin', via: 'admin-token' };
		if (auth.commandToken && sameSecret(token, auth.commandToken))
			return { name: 'command line', role: 'admin', via: 'admin-token' };
		const owner = auth.store?.userByToken(token);
		return owner ? { name: owner.name, role: owner.user.role, via: 'token' } : null;
	}
	const cookie = cookieValue(request.headers.get('cookie'), SESSION_COOKIE);
	if (cookie && auth.store) {
		const data = auth.store.read();
		const name = sessionUser(data, cookie);
		const user = name === null ? undefined : data.users.get(name);
		if (name !== null && user) return { name, role: user.role, via: 'session' };
	}
	if (auth.proxy) {
		const name = request.headers.get(auth.proxy.header)?.trim();
		if (!name) return null;
		const role = roleSchema.safeParse(auth.proxy.roleHeader && request.headers.get(auth.proxy.roleHeader)?.trim());
		return { name, role: role.success ? role.data : auth.proxy.defaultRole, via: 'proxy' };
	}
	return null;
}
