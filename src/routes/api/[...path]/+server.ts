import { handleApiRequest } from '$lib/server/server-instance';
import type { RequestHandler } from './$types';

// Every method under /api belongs to the Hono app: it does its own routing, validation and errors.
export const fallback: RequestHandler = ({ request }) => handleApiRequest(request);
