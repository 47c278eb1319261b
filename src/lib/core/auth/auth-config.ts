import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AuditLog, auditFilePath } from '../audit/audit-log.ts';
import { AuthStore } from './auth-store.ts';
import type { AuthOptions, ProxyAuth } from './identify.ts';
import { ROLES } from './roles.ts';
import { SignInGuard } from './sign-in.ts';

export const AUTH_FILE_NAME = 'auth.json';

/** The user file: RETURNS_AUTH_FILE, else auth.json in the database's folder. */
export function authFilePath(dbPath: string, env: NodeJS.ProcessEnv = process.env): string {
	return env.RETURNS_AUTH_FILE || join(dirname(dbPath), AUTH_FILE_NAME);
}

const headerName = (variable: string) =>
	z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, `${variable} must be an HTTP header name`);

const authEnvSchema = z.object({
	RETURNS_ADMIN_TOKEN: z.string().min(16, 'RETURNS_ADMIN_TOKEN must be at least 16 characters').optional(),
	RETURNS_AUTH_PROXY_HEADER: headerName('RETURNS_AUTH_PROXY_HEADER').optional(),
	RETURNS_AUTH_PROXY_ROLE_HEADER: headerName('RETURNS_AUTH_PROXY_ROLE_HEADER').optional(),
	RETURNS_AUTH_PROXY_DEFAULT_ROLE: z
		.enum(ROLES, { message: `RETURNS_AUTH_PROXY_DEFAULT_ROLE must be one of ${ROLES.join(', ')}` })
		.default('product')
});

/** A server's authentication: a user file always (the sign-in page needs one), the rest as configured. */
export interface ServerAuth extends AuthOptions {
	adminToken: string | null;
	store: AuthStore;
	proxy: ProxyAuth | null;
	guard: SignInGuard;
	audit: AuditLog;
	/** Whether request URLs carry the scheme the visitor used (ORIGIN or PROTOCOL_HEADER is set). */
	urlSchemeKnown: boolean;
}

/** The server's authentication, from its environment; a wrong value stops the server with the reason. */
export function authFromEnv(dbPath: string, env: NodeJS.ProcessEnv = process.env): ServerAuth {
	// An empty variable counts as unset, as a shell's `VAR= npm start` means.
	const set = Object.fromEntries(Object.entries(env).filter(([name, value]) => name.startsWith('RETURNS_') && value));
	const parsed = authEnvSchema.safeParse(set);
	if (!parsed.success) {
		throw new Error(`Invalid authentication settings: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
	}
	const config = parsed.data;
	return {
		adminToken: config.RETURNS_ADMIN_TOKEN ?? null,
		store: new AuthStore(authFilePath(dbPath, env)),
		proxy: config.RETURNS_AUTH_PROXY_HEADER
			? {
					header: config.RETURNS_AUTH_PROXY_HEADER.toLowerCase(),
					roleHeader: config.RETURNS_AUTH_PROXY_ROLE_HEADER?.toLowerCase() ?? null,
					defaultRole: config.RETURNS_AUTH_PROXY_DEFAULT_ROLE
				}
			: null,
		guard: new SignInGuard(),
		audit: new AuditLog(auditFilePath(dbPath, env)),
		urlSchemeKnown: Boolean(env.ORIGIN || env.PROTOCOL_HEADER)
	};
}
