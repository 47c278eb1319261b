/**
 * Headers every answer carries, pages and API alike: no MIME sniffing of what we send, no page of ours
 * inside another site's frame, and no full URL (with its filters) handed to other sites as referrer.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'content-security-policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
	'x-frame-options': 'DENY'
};

/** Sets SECURITY_HEADERS on a response's headers, leaving any the response already has. */
export function withSecurityHeaders(headers: Headers): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!headers.has(name)) headers.set(name, value);
}
