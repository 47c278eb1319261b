import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/core/auth/session-cookie';
import { serverAuth } from '$lib/server/server-instance';
import type { RequestHandler } from './$types';

/**
 * Ends the session: the user's epoch moves on, so every cookie issued to them before (on any device)
 * stops working, and this browser's cookie is cleared. A POST, so a link or an image cannot sign anyone out.
 */
export const POST: RequestHandler = ({ locals, cookies }) => {
	if (locals.user?.via === 'session') serverAuth.store.endSessions(locals.user.name);
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/sign-in');
};
