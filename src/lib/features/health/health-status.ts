import { getJson } from '../../core/api/get-json.ts';
import type { HealthReport } from './health-report.ts';

export type HealthStatus =
	{ state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; report: HealthReport };

/** What the database holds, or why that could not be read: never throws, so a page can always explain. */
export async function readHealth(fetcher: typeof fetch = fetch): Promise<Exclude<HealthStatus, { state: 'loading' }>> {
	try {
		return { state: 'ready', report: await getJson<HealthReport>('/api/health', fetcher) };
	} catch (error) {
		return { state: 'error', message: error instanceof Error ? error.message : String(error) };
	}
}
