import type { Filters } from '../core/filters/filters.ts';
import { resource, type Resource } from './data/resource.svelte.ts';
import { apiUrl, type QueryValue } from './url-filters.ts';

/**
 * An API answer under the page's filters, fetched again whenever they or `params` change. Made while
 * a component starts; `filters` returning null means "not yet": a page without data asks for nothing.
 */
export function apiResource<T>(
	path: string,
	filters: () => Filters | null,
	params: () => Record<string, QueryValue> = () => ({})
): Resource<T> {
	return resource<T>(() => {
		const scope = filters();
		return scope === null ? null : apiUrl(path, scope, params());
	});
}
