import type { ApiError } from './api-error.ts';

/** Fetches an API resource and reads it as readJson does. */
export async function getJson<T>(path: string, fetcher: typeof fetch = fetch): Promise<T> {
	return readJson<T>(await fetcher(path, { headers: { accept: 'application/json' } }));
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
