import { getJson } from '../../core/api/get-json.ts';
import { mayRead, type Role } from '../../core/auth/roles.ts';
import type { AlertCount } from './alerts.ts';

/** What the layout's load depends on for the badge: invalidated after a status change. */
export const ALERT_BADGE = 'app:alert-badge';

/**
 * The open alerts for the navigation's badge, read while the page renders on the server: 0 for a role
 * that does not read alerts, or while the API cannot answer (no database yet), so the badge never
 * costs the browser a failed request.
 */
export async function openAlertsForBadge(fetcher: typeof fetch, role: Role): Promise<number> {
	if (!mayRead(role, '/api/alerts/count')) return 0;
	try {
		return (await getJson<AlertCount>('/api/alerts/count', fetcher)).open;
	} catch {
		return 0;
	}
}
