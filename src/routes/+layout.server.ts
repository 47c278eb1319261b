import { ALERT_BADGE, openAlertsForBadge } from '$lib/features/alerts/alert-badge';
import type { LayoutServerLoad } from './$types';

// Who is signed in, for the header and the navigation (which lists only the pages the role may open),
// and the open alerts for its badge.
export const load: LayoutServerLoad = async ({ locals, fetch, depends }) => {
	depends(ALERT_BADGE);
	return {
		user: locals.user ? { name: locals.user.name, role: locals.user.role, via: locals.user.via } : null,
		openAlerts: locals.user ? await openAlertsForBadge(fetch, locals.user.role) : 0
	};
};
