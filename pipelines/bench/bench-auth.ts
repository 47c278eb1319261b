import { randomBytes } from 'node:crypto';

/**
 * The benches' server accepts this run's random admin token (RETURNS_ADMIN_TOKEN), and their requests
 * send it: they time the API and pages as a signed-in user gets them, authentication included.
 */
export const BENCH_ADMIN_TOKEN = randomBytes(24).toString('base64url');
export const BENCH_AUTH_HEADERS = { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` };
