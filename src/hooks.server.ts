import type { Handle } from '@sveltejs/kit';
import { withSecurityHeaders } from '$lib/core/api/security-headers';

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

export const handle: Handle = async ({ event, resolve }) => {
	const location = renamedPage(event.url);
	const response =
		location === null ? await resolve(event) : new Response(null, { status: 308, headers: { location } });
	withSecurityHeaders(response.headers);
	return response;
};
