import { getContext, setContext } from 'svelte';
import { JSON_REQUEST_HEADERS } from '../../core/api/get-json.ts';

/**
 * A first visit asks for the page's data from the server-rendered head, while the page's own code is
 * still loading, instead of only once it has started in the browser: the server answers while the
 * browser is busy starting up, and the page draws as soon as it runs. The head carries the requests as
 * a JSON block (data, which the Content-Security-Policy lets through), and app.html's one inline script,
 * allowed by SvelteKit's nonce, starts them.
 */
const GLOBAL = '__returnlensPrefetch';
const CONTEXT = Symbol('prefetch');
export const PREFETCH_BLOCK_ID = 'returnlens-prefetch';

type PrefetchWindow = Window & { [GLOBAL]?: Record<string, Promise<Response>> };

/** In the root layout, on the server: the list every data request of this page render is added to. */
export function collectPrefetches(): string[] {
	return setContext(CONTEXT, []);
}

/** On the server, while a component starts: asks for `url` from the head (outside any layout: not at all). */
export function prefetch(url: string): void {
	getContext<string[] | undefined>(CONTEXT)?.push(url);
}

/** The head's JSON block of requests for app.html's script: each URL once, where to keep the responses. */
export function prefetchBlock(urls: readonly string[]): string {
	const data = { global: GLOBAL, headers: JSON_REQUEST_HEADERS, urls: [...new Set(urls)] };
	// `<` escaped, so no URL can end the block early.
	const json = JSON.stringify(data).replaceAll('<', '\\u003c');
	return `<script type="application/json" id="${PREFETCH_BLOCK_ID}">${json}</script>`;
}

/** In the browser: the head's request for `url`, once; later reads of the same URL fetch anew. */
export function takePrefetched(url: string): Promise<Response> | undefined {
	const pending = (window as PrefetchWindow)[GLOBAL];
	const response = pending?.[url];
	if (response) delete pending[url];
	return response;
}
