import { getContext, setContext } from 'svelte';
import { JSON_REQUEST_HEADERS } from '../../core/api/get-json.ts';

/**
 * A first visit asks for the page's data from an inline script in the server-rendered head, while the
 * page's own code is still loading, instead of only once it has started in the browser: the server
 * answers while the browser is busy starting up, and the page draws as soon as it runs.
 */
const GLOBAL = '__returnlensPrefetch';
const CONTEXT = Symbol('prefetch');

type PrefetchWindow = Window & { [GLOBAL]?: Record<string, Promise<Response>> };

/** In the root layout, on the server: the list every data request of this page render is added to. */
export function collectPrefetches(): string[] {
	return setContext(CONTEXT, []);
}

/** On the server, while a component starts: asks for `url` from the head (outside any layout: not at all). */
export function prefetch(url: string): void {
	getContext<string[] | undefined>(CONTEXT)?.push(url);
}

/** The head's inline script: starts every request at once and keeps each response for takePrefetched. */
export function prefetchScript(urls: readonly string[]): string {
	// `<` escaped, so no URL can end the script early.
	const list = JSON.stringify([...new Set(urls)]).replaceAll('<', '\\u003c');
	const headers = JSON.stringify(JSON_REQUEST_HEADERS);
	// A request that fails before the page takes it up is the page's to report, not an unhandled rejection.
	return (
		`<script>(function(){var p=window.${GLOBAL}={};${list}.forEach(function(u){` +
		`p[u]=fetch(u,{headers:${headers}});p[u].catch(function(){});});})();</script>`
	);
}

/** In the browser: the head's request for `url`, once; later reads of the same URL fetch anew. */
export function takePrefetched(url: string): Promise<Response> | undefined {
	const pending = (window as PrefetchWindow)[GLOBAL];
	const response = pending?.[url];
	if (response) delete pending[url];
	return response;
}
