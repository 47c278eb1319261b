import { mayOpenPage, type Role } from '../core/auth/roles.ts';
import type { Filters } from '../core/filters/filters.ts';
import { filteredHref } from './url-filters.ts';

export interface NavItem {
	href: string;
	label: string;
	/** Planned pages are listed so the shape of the product is visible, but only built ones link. */
	built: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
	{ href: '/', label: 'Overview', built: true },
	{ href: '/alerts', label: 'Alerts', built: true },
	{ href: '/return-rates', label: 'Return rates', built: true },
	{ href: '/reasons', label: 'Reasons', built: true },
	{ href: '/costs', label: 'Costs', built: true },
	{ href: '/suppliers', label: 'Suppliers', built: true },
	{ href: '/recovery', label: 'Recovery', built: true },
	{ href: '/fraud', label: 'Fraud', built: true },
	{ href: '/segments', label: 'Segments', built: true },
	{ href: '/timing', label: 'Timing', built: true },
	{ href: '/data', label: 'Data', built: true }
];

/** The pages a role may open, in the navigation's order. */
export const navItemsFor = (role: Role) => NAV_ITEMS.filter((item) => mayOpenPage(role, item.href));

/** A product's page (the return-rates page's drill-down), keeping the view's filters. */
export const productHref = (id: string, filters: Filters) =>
	filteredHref(`/return-rates/${encodeURIComponent(id)}`, filters);

/** A customer's file (the fraud page's drill-down), keeping the view's filters. */
export const customerHref = (id: string, filters: Filters) => filteredHref(`/fraud/${encodeURIComponent(id)}`, filters);
