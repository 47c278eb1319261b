import { z } from 'zod';

/** The roles a user may have: one each. */
export const ROLES = ['admin', 'product', 'marketing', 'finance', 'returns'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES, { message: `a role is one of ${ROLES.join(', ')}` });

export interface RoleAccess {
	/** What the role is for, as the README's roles table says it. */
	purpose: string;
	/** API path prefixes (below /api) it may read; '*' is every route. */
	api: readonly string[];
	/** Pages it may open, each with the pages below it ('/' is the overview alone). */
	pages: readonly string[];
	/** Whether it sees data about single customers (customer ids with their returns, e-mails). */
	customerData: boolean;
	/** API path prefixes it may change (any method but GET and HEAD), among those it reads; none if absent. */
	writes?: readonly string[];
}

// Every role may read the filter options and the summary: the filter bar and the overview's figures.
const COMMON_API = ['/filter-options', '/summary'];

/**
 * Who may read what: the one table the API, the pages and the navigation all follow. The health check is
 * open to anyone (a liveness answer) and is not listed.
 */
export const ROLE_ACCESS: Record<Role, RoleAccess> = {
	admin: { purpose: 'everything, users and loads', api: ['*'], pages: ['*'], customerData: true, writes: ['*'] },
	product: {
		purpose: 'rates, reasons and themes, suppliers, timing, alerts (acknowledges them); no customer-level data',
		api: [...COMMON_API, '/return-rates', '/reasons', '/suppliers', '/timing', '/alerts'],
		pages: ['/', '/return-rates', '/reasons', '/suppliers', '/timing', '/alerts'],
		customerData: false,
		writes: ['/alerts']
	},
	marketing: {
		purpose: 'rates, reasons, segments with their e-mail export; no fraud pages',
		api: [...COMMON_API, '/return-rates', '/reasons', '/segments'],
		pages: ['/', '/return-rates', '/reasons', '/segments'],
		customerData: true
	},
	finance: {
		purpose: 'summary, costs, suppliers, recovery, alerts (reads them); no customer-level data',
		api: [...COMMON_API, '/costs', '/refunds', '/suppliers', '/recovery', '/alerts'],
		pages: ['/', '/costs', '/suppliers', '/recovery', '/alerts'],
		customerData: false
	},
	returns: {
		purpose: 'fraud pages and customer files, reasons, timing, recovery, alerts (acknowledges them); no segments',
		api: [...COMMON_API, '/fraud', '/reasons', '/timing', '/recovery', '/alerts'],
		pages: ['/', '/fraud', '/reasons', '/timing', '/recovery', '/alerts'],
		customerData: true,
		writes: ['/alerts']
	}
};

/**
 * Requests whose answer is about single customers, allowed only to roles with customerData, and written
 * to the audit log; `path` is below /api.
 */
function customerLevel(path: string, query: URLSearchParams): boolean {
	return (
		path.startsWith('/fraud') ||
		/^\/segments\/[^/]+\/customers\/?$/.test(path) ||
		(/^\/reasons\/mismatch\/?$/.test(path) && query.get('by') === 'customer')
	);
}

const under = (path: string, prefix: string) =>
	prefix === '*' || path === prefix || path.startsWith(`${prefix}/`) || (prefix === '/' && path === '/');

const belowApi = (url: URL) => url.pathname.replace(/^\/api(?=\/|$)/, '') || '/';

/** Whether an API request's answer is about single customers (what the audit log records). */
export const isCustomerLevel = (url: URL) => customerLevel(belowApi(url), url.searchParams);

const READS = new Set(['GET', 'HEAD']);

/**
 * Whether a role may make an API request; `url` is the request's, its path beginning with /api. A
 * request that changes something (any method but GET and HEAD) needs the path among the role's writes.
 */
export function mayRequest(role: Role, url: URL, method = 'GET'): boolean {
	const path = belowApi(url);
	const access = ROLE_ACCESS[role];
	if (!access.api.some((prefix) => under(path, prefix))) return false;
	if (!READS.has(method.toUpperCase()) && !(access.writes ?? []).some((prefix) => under(path, prefix))) return false;
	return access.customerData || !customerLevel(path, url.searchParams);
}

/** Whether a role may open a page (the overview is '/', exactly). */
export function mayOpenPage(role: Role, path: string): boolean {
	return ROLE_ACCESS[role].pages.some((page) =>
		page === '/' ? path === '/' : page === '*' || path === page || path.startsWith(`${page}/`)
	);
}

/** Whether a role may read an API path (with its query), e.g. to leave out a page's section it may not. */
export const mayRead = (role: Role, apiPath: string) => mayRequest(role, new URL(apiPath, 'http://localhost'));

/** Whether a role may change what an API path names (POST), e.g. to offer a page's buttons only to those who may. */
export const mayWrite = (role: Role, apiPath: string) => mayRequest(role, new URL(apiPath, 'http://localhost'), 'POST');
