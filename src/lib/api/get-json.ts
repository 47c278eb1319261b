import type { ApiError } from './api-error.ts';

/** Reads an API resource; a failure throws with the API's own explanation when it gave one. */
export async function getJson<T>(path: string, fetcher: typeof fetch = fetch): Promise<T> {
	const response = await fetcher(path, { headers: { accept: 'application/json' } });
	const body: unknown = await response.json().catch(() => undefined);
	if (!response.ok) {
		const explained = typeof body === 'object' && body !== null && 'error' in body;
		throw new Error(explained ? (body as ApiError).error : `${response.status} ${response.statusText}`);
	}
	return body as T;
}
