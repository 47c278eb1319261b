export interface NavItem {
	href: string;
	label: string;
	/** Planned pages are listed so the shape of the product is visible, but only built ones link. */
	built: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
	{ href: '/', label: 'Overview', built: true },
	{ href: '/products', label: 'Products', built: false },
	{ href: '/reasons', label: 'Reasons', built: false },
	{ href: '/costs', label: 'Costs', built: false },
	{ href: '/suppliers', label: 'Suppliers', built: false },
	{ href: '/fraud', label: 'Fraud', built: false },
	{ href: '/segments', label: 'Segments', built: false },
	{ href: '/operations', label: 'Operations', built: false }
];
