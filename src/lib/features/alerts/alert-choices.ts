import { humanize } from '../../ui/format.ts';
import { ALERT_KINDS, ALERT_SCOPES, ALERT_STATUSES, type AlertScope } from './alerts.ts';

/** The Alerts page's own choices, kept in its URL: which status, kind and scope it lists. */
export const STATUS_CHOICES = [...ALERT_STATUSES, 'all' as const].map((value) => ({ value, label: humanize(value) }));
export const KIND_CHOICES = [
	{ value: 'all', label: 'Every kind' },
	...ALERT_KINDS.map((value) => ({ value, label: humanize(value) }))
];
/** What each scope is called on the page. */
export const SCOPE_LABELS: Record<AlertScope, string> = {
	product: 'Product',
	sku: 'SKU',
	supplier: 'Supplier',
	category: 'Category'
};
export const SCOPE_CHOICES = [
	{ value: 'all', label: 'Every scope' },
	...ALERT_SCOPES.map((value) => ({ value, label: SCOPE_LABELS[value] }))
];
