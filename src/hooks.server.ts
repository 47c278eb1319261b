import { error, redirect, type Handle, type HandleFetch } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { withSecurityHeaders } from '$lib/core/api/security-headers';
import { identify } from '$lib/core/auth/identify';
import { mayOpenPage } from '$lib/core/auth/roles';
import { serverAuth } from '$lib/server/server-instance';

/**
 * Pages renamed after their feature and API: the old addresses, bookmarked or shared, answer with a
 * permanent redirect (308) to the new page, the query string (the view's filters) kept.
 */
const RENAMED_PAGES: readonly (readonly [from: string, to: string])[] = [
	['/products', '/return-rates'],
	['/operations', '/timing']
];

/** The new address of a renamed page (and of the pages below it), or null. */
export function renamedPage(url: URL): string | null {
	for (const [from, to] of RENAMED_PAGES) {
		if (url.pathname === from || url.pathname.startsWith(`${from}/`))
			return `${to}${url.pathname.slice(from.length)}${url.search}`;
	}
	return null;
}

/** Pages anyone may open: signing in and out. */
const OPEN_PAGES = new Set(['/sign-in', '/sign-out']);

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Whether a form post comes from our own pages. SvelteKit's own check compares whole origins, and
 * adapter-node assumes https when ORIGIN is unset, which would refuse the sign-in form of a plain
 * `npm start` on http://localhost; the host alone is what a cross-site post cannot fake.
 */
function fromOurPages(request: Request, url: URL): boolean {
	if (request.method === 'GET' || request.method === 'HEAD' || isApi(url.pathname)) return true;
	const origin = request.headers.get('origin');
	return origin !== null && URL.canParse(origin) && new URL(origin).host === url.host;
}

export const handleRenamed: Handle = ({ event, resolve }) => {
	const location = renamedPage(event.url);
	return location === null ? resolve(event) : new Response(null, { status: 308, headers: { location } });
};

/** Pages need a signed-in user whose role may open them; anonymous visits go to the sign-in page. */
export const handleSignIn: Handle = ({ event, resolve }) => {
	if (!fromOurPages(event.request, event.url)) error(403, 'Cross-site form submissions are forbidden');
	const path = event.url.pathname;
	// The API tells who is asking itself, with the same function: its answers are JSON, not redirects.
	const user = isApi(path) ? null : identify(event.request, serverAuth);
	event.locals.user = user;
	if (!isApi(path) && !OPEN_PAGES.has(path)) {
		if (!user) redirect(303, `/sign-in?next=${encodeURIComponent(path + event.url.search)}`);
		if (!mayOpenPage(user.role, path)) error(403, `The role ${user.role} may not open ${path}`);
	}
	return resolve(event);
};

/** Every answer, page, API, redirect or error, carries the security headers. */
export const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	withSecurityHeaders(response.headers);
	return response;
};

// Renamed pages first: an old bookmark is sent on before anyone is asked to sign in.
export const handle = sequence(handleHeaders, handleRenamed, handleSignIn);

/**
 * The pages' own API reads while rendering on the server carry the visitor's credentials: SvelteKit
 * passes the cookie on, but not a bearer token or a single-sign-on proxy's headers.
 */
export const handleFetch: HandleFetch = ({ event, request, fetch }) => {
	if (new URL(request.url).origin === event.url.origin) {
		const names = ['authorization', serverAuth.proxy?.header, serverAuth.proxy?.roleHeader];
		for (const name of names) {
			const value = name ? event.request.headers.get(name) : null;
			if (name && value !== null && !request.headers.has(name)) request.headers.set(name, value);
		}
	}
	return fetch(request);
};
