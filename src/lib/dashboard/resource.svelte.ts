import { getJson } from '../api/get-json.ts';

export type ResourceState<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

/**
 * Fetches the JSON at `url()` whenever it changes; a late answer to an outdated URL is dropped.
 * A null URL means "not yet" and stays loading.
 */
export function resource<T>(url: () => string | null) {
	let current = $state<ResourceState<T>>({ state: 'loading' });
	let generation = 0;

	async function load(target: string) {
		const mine = ++generation;
		current = { state: 'loading' };
		try {
			const data = await getJson<T>(target);
			if (mine === generation) current = { state: 'ready', data };
		} catch (error) {
			if (mine === generation) current = { state: 'error', message: error instanceof Error ? error.message : String(error) };
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
