import { readHealth } from '$lib/features/health/health-status';
import type { PageLoad } from './$types';

// Read while the page is rendered, so the overview knows whether there is data, and asks for its
// figures, as soon as it starts in the browser instead of one round trip later.
export const load: PageLoad = async ({ fetch }) => ({ health: await readHealth(fetch) });
