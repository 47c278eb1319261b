import { browser } from '$app/environment';
import { getJson, readJson } from '../../core/api/get-json.ts';
import { prefetch, takePrefetched } from './prefetch.ts';

export type ResourceState<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

/** Data a component shows: its state, and a way to ask again after an error. */
export interface Resource<T> {
	readonly current: ResourceState<T>;
	reload(): void;
}

/**
 * Fetches the JSON at `url()` whenever it changes; a late answer to an outdated URL is dropped.
 * A null URL means "not yet" and stays loading. The first URL is asked for from the server-rendered
 * page already (see prefetch.ts).
 */
export function resource<T>(url: () => string | null): Resource<T> {
	let current = $state<ResourceState<T>>({ state: 'loading' });
	let generation = 0;

	if (!browser) {
		const first = url();
		if (first !== null) prefetch(first);
	}

	async function load(target: string) {
		const mine = ++generation;
		current = { state: 'loading' };
		try {
			const prefetched = takePrefetched(target);
			const data = prefetched ? await readJson<T>(await prefetched) : await getJson<T>(target);
			if (mine === generation) current = { state: 'ready', data };
		} catch (error) {
			if (mine === generation) {
				current = { state: 'error', message: error instanceof Error ? error.message : String(error) };
			}
		}
	}

	$effect(() => {
		const target = url();
		if (target === null) {
			generation++;
			current = { state: 'loading' };
			return;
		}
		void load(target);
	});

	return {
		get current() {
			return current;
		},
		reload() {
			const target = url();
			if (target !== null) void load(target);
		}
	};
}

export interface ListResponse<Row, Meta = Record<string, unknown>> {
	rows: Row[];
	meta: Meta & { total_rows?: number; row_count?: number };
}
