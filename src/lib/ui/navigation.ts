export interface NavItem {
	href: string;
	label: string;
	/** Planned pages are listed so the shape of the product is visible, but only built ones link. */
	built: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
	{ href: '/', label: 'Overview', built: true },
	{ href: '/return-rates', label: 'Return rates', built: true },
	{ href: '/reasons', label: 'Reasons', built: true },
	{ href: '/costs', label: 'Costs', built: true },
	{ href: '/suppliers', label: 'Suppliers', built: true },
	{ href: '/fraud', label: 'Fraud', built: true },
	{ href: '/segments', label: 'Segments', built: true },
	{ href: '/timing', label: 'Timing', built: true }
];
