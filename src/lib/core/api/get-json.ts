import type { ApiError } from './api-error.ts';

/** The headers of every request for an API resource, the dashboard's own and those it prefetches. */
export const JSON_REQUEST_HEADERS = { accept: 'application/json' };

/** Fetches an API resource and reads it as readJson does. */
export async function getJson<T>(path: string, fetcher: typeof fetch = fetch): Promise<T> {
	return readJson<T>(await fetcher(path, { headers: JSON_REQUEST_HEADERS }));
}

/** Reads an API answer; a failure throws with the API's own explanation when it gave one. */
export async function readJson<T>(response: Response): Promise<T> {
	const body: unknown = await response.json().catch(() => undefined);
	if (!response.ok) {
		const explained = typeof body === 'object' && body !== null && 'error' in body;
		throw new Error(explained ? (body as ApiError).error : `${response.status} ${response.statusText}`);
	}
	return body as T;
}
