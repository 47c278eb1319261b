import { afterAll, beforeAll, inject } from 'vitest';
import { openRawReturns, type RawReturns } from './raw-returns.ts';
import { apiClient, type ApiClient } from './api-client.ts';

/**
 * The real app over the shared demo database, and the raw files that database was loaded from, opened
 * once for the calling test file. Both are usable from the file's tests on (they are opened in its
 * beforeAll and closed in its afterAll).
 */
export function useDemoApi(): { api: ApiClient; rawFiles: RawReturns } {
	const demo = inject('demoDatabase');
	let client: ApiClient | undefined;
	let raw: RawReturns | undefined;
	beforeAll(async () => {
		client = await apiClient(demo.dbPath);
		raw = await openRawReturns(demo.dataDir);
	});
	afterAll(() => {
		client?.close();
		raw?.close();
	});
	return {
		api: {
			json: (url) => client!.json(url),
			csv: (url) => client!.csv(url),
			arrow: (url) => client!.arrow(url),
			request: (url, init) => client!.request(url, init),
			close: () => client?.close()
		},
		rawFiles: {
			query: (sql, params) => raw!.query(sql, params),
			close: () => raw?.close()
		}
	};
}
