import type { LayoutServerLoad } from './$types';

// Who is signed in, for the header and the navigation (which lists only the pages the role may open).
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { name: locals.user.name, role: locals.user.role, via: locals.user.via } : null
});
