import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiError } from '../core/api/api-error.ts';
import type { DataWriter } from '../core/contract/load-request.ts';
import type { Database } from '../core/db/db.ts';
import type { ApiEnv } from '../core/api/api-env.ts';
import { withSecurityHeaders } from '../core/api/security-headers.ts';
import { AuditedRequest } from '../core/audit/audited-request.ts';
import type { AuthOptions } from '../core/auth/identify.ts';
import { isCustomerLevel } from '../core/auth/roles.ts';
import { FORMATS, type Format } from '../core/filters/filters.ts';
import { API_ROUTES } from '../features/api-routes.ts';
import { admit } from './api-access.ts';

/** A route's path as a pattern: each `:param` one path segment. */
const routePattern = (path: string) =>
	new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}/?$`);

/** The format a request asks for; an unknown one is refused by the route's validation before any data. */
function requestFormat(url: URL): Format {
	const format = url.searchParams.get('format');
	return FORMATS.find((known) => known === format) ?? 'json';
}

/**
 * The API over a database; `auth` says how it tells who is asking (nothing set: nobody gets in);
 * `writer`, when the server loads files itself, answers POST /api/loads.
 */
export function createApp(db: Database, auth: AuthOptions, writer: DataWriter | null = null) {
	const app = new Hono<ApiEnv>()
		.basePath('/api')
		.use(async (c, next) => {
			await next();
			withSecurityHeaders(c.res.headers);
		})
		.use(async (c, next) => {
			// Before the connection: a refused request costs no database work.
			const { user, refusal } = admit(c.req.raw, auth);
			if (refusal) return refusal;
			c.set('user', user);
			c.set('audit', auth.audit ?? null);
			const url = new URL(c.req.url);
			const audited =
				auth.audit && user && isCustomerLevel(url)
					? new AuditedRequest(auth.audit, { user: user.name, role: user.role }, url, requestFormat(url))
					: null;
			c.set('audited', audited);
			await next();
			audited?.settle(c.res.status);
		})
		.use(async (c, next) => {
			// A connection per request: DuckDB connections are cheap, and one shared between
			// concurrent requests would interleave their statements.
			const connection = await db.connect();
			c.set('connection', connection);
			c.set('db', db);
			c.set('writer', writer);
			try {
				await next();
			} finally {
				connection.closeSync();
			}
		});
	for (const { path, router } of API_ROUTES) app.route(path, router);
	// A method a route's path does not answer is a 405 that says which it does, not a 404.
	const routes = app.routes
		.filter((route) => route.method !== 'ALL')
		.map((route) => ({ method: route.method, pattern: routePattern(route.path) }));
	return app
		.notFound((c) => {
			const methods = [...new Set(routes.filter((r) => r.pattern.test(c.req.path)).map((r) => r.method))];
			if (methods.length) {
				const allowed = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
				c.header('allow', allowed.join(', '));
				return c.json(
					{
						error: `${c.req.method} is not allowed on ${c.req.path}: use ${methods.join(' or ')}`
					} satisfies ApiError,
					405
				);
			}
			return c.json({ error: `No API route for ${c.req.method} ${c.req.path}` } satisfies ApiError, 404);
		})
		.onError((error, c) => {
			if (error instanceof HTTPException) {
				return c.json({ error: error.message } satisfies ApiError, error.status);
			}
			console.error(`API ${c.req.method} ${c.req.path} failed:`, error);
			return c.json({ error: 'Internal server error: the server log has the details' } satisfies ApiError, 500);
		});
}

export type ApiApp = ReturnType<typeof createApp>;
