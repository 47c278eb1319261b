import type { ApiError } from '../core/api/api-error.ts';
import { identify, type AuthOptions, type Identity } from '../core/auth/identify.ts';
import { mayRequest } from '../core/auth/roles.ts';

/** Answers anyone: a liveness check, which tells the signed-in more (see the health router). */
const OPEN_ROUTES = new Set(['/api/health', '/api/health/']);

const SIGN_IN_FIRST =
	'Sign in first: open /sign-in in a browser, or send "Authorization: Bearer <token>" ' +
	'(npm run users -- token NAME --role ROLE prints one)';

/**
 * Who is asking an API request, and the answer if they may not: 401 without credentials, 403 outside
 * their role. The one check of both the app and the handler in front of it (while there is no database).
 */
export function admit(request: Request, auth: AuthOptions): { user: Identity | null; refusal: Response | null } {
	const user = identify(request, auth);
	const url = new URL(request.url);
	if (OPEN_ROUTES.has(url.pathname)) return { user, refusal: null };
	if (!user) return { user, refusal: Response.json({ error: SIGN_IN_FIRST } satisfies ApiError, { status: 401 }) };
	if (!mayRequest(user.role, url, request.method)) {
		const verb = mayRequest(user.role, url) ? 'change' : 'read';
		const error = `The role ${user.role} may not ${verb} ${url.pathname}`;
		return { user, refusal: Response.json({ error } satisfies ApiError, { status: 403 }) };
	}
	return { user, refusal: null };
}
