import { z } from 'zod';
import { filterShape, listShape, querySchema } from '../../core/filters/filters.ts';

/**
 * Alerts: what the data showed on its own (a product's defect returns tripled, one size coming back as
 * too small), found by the refresh (alert-detection) and read by the API, the Alerts page, the digest
 * and the webhook. One schema for all of them.
 */
export const ALERT_KINDS = ['return_rate_spike', 'defect_spike', 'reason_shift', 'size_fit_outlier'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_SCOPES = ['product', 'sku', 'supplier', 'category'] as const;
export type AlertScope = (typeof ALERT_SCOPES)[number];

export const ALERT_SEVERITIES = ['high', 'medium', 'low'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Where a person has put an alert; a new one is open. */
export const ALERT_STATUSES = ['open', 'acknowledged', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * One alert: a scope's orders of a window whose returns (all, defect-driven, of one reason group)
 * were far more than their baseline predicted. `observed` and `baseline` are rates per sold unit in the
 * window (returned units / sold units, and what the baseline expected of the same units at the same
 * age), for a reason_shift shares of the window's returned units; the counts behind them are
 * `observed_units`, `expected_units` and `sold_units`.
 */
export interface AlertRow {
	/** Stable across refreshes while the data says the same: kind, scope, key and detected_on hashed. */
	alert_id: string;
	kind: AlertKind;
	scope: AlertScope;
	/** The product id, SKU, supplier or category. */
	key: string;
	/** What a person calls it: the product's name (and the SKU's variant), the supplier, the category. */
	label: string;
	/** The scope's place in the catalogue, for links and filters (null where it has none, or several). */
	product_id: string | null;
	category: string | null;
	supplier: string | null;
	/** For reason_shift and size_fit_outlier: the reason group that rose (e.g. `fit`); else null. */
	reason_group: string | null;
	/** The first day the data showed it (YYYY-MM-DD). */
	detected_on: string;
	/** The order dates of the cohort that showed it, inclusive (YYYY-MM-DD). */
	window_from: string;
	window_to: string;
	sold_units: number;
	observed_units: number;
	expected_units: number;
	observed: number;
	baseline: number;
	/** How unlikely the observed units are by chance under the baseline (a Poisson or binomial tail). */
	p_value: number;
	severity: AlertSeverity;
	/** In numbers: "14 of 38 units returned as defective in the orders of 3–9 Feb; 1.2 expected …". */
	explanation: string;
	status: AlertStatus;
	status_note: string | null;
	status_by: string | null;
	status_at: string | null;
}

/** The columns of the stored `alerts` table, in order (the status columns live in main.alert_status). */
export const ALERT_TABLE_COLUMNS = [
	'alert_id',
	'kind',
	'scope',
	'key',
	'label',
	'product_id',
	'category',
	'supplier',
	'reason_group',
	'detected_on',
	'window_from',
	'window_to',
	'sold_units',
	'observed_units',
	'expected_units',
	'observed',
	'baseline',
	'p_value',
	'severity',
	'explanation'
] as const;

/**
 * The DuckDB type each stored column is read as: the API casts to them, so its answer keeps its types
 * whatever the detection stored.
 */
export const ALERT_COLUMN_TYPES: Record<(typeof ALERT_TABLE_COLUMNS)[number], string> = {
	alert_id: 'VARCHAR',
	kind: 'VARCHAR',
	scope: 'VARCHAR',
	key: 'VARCHAR',
	label: 'VARCHAR',
	product_id: 'VARCHAR',
	category: 'VARCHAR',
	supplier: 'VARCHAR',
	reason_group: 'VARCHAR',
	detected_on: 'DATE',
	window_from: 'DATE',
	window_to: 'DATE',
	sold_units: 'INTEGER',
	observed_units: 'INTEGER',
	expected_units: 'DOUBLE',
	observed: 'DOUBLE',
	baseline: 'DOUBLE',
	p_value: 'DOUBLE',
	severity: 'VARCHAR',
	explanation: 'VARCHAR'
};

/** The common filters an alert can answer: it has a place in the catalogue, not a channel or a country. */
const alertFilterShape = {
	from: filterShape.from,
	to: filterShape.to,
	category: filterShape.category,
	product: filterShape.product,
	sku: filterShape.sku,
	supplier: filterShape.supplier
};

/**
 * `GET /api/alerts`: the common filters (from/to on detected_on; category, product, sku, supplier on the
 * alert's own columns), status, kind, scope; paged and sorted.
 */
export const alertsQuery = querySchema({
	...alertFilterShape,
	status: z.enum([...ALERT_STATUSES, 'all']).default('open'),
	kind: z.enum(ALERT_KINDS).optional(),
	scope: z.enum(ALERT_SCOPES).optional(),
	...listShape(['detected_on', 'severity', 'p_value', 'observed_units', 'kind', 'scope'] as const)
});

/** `POST /api/alerts/:id/acknowledge` and `/dismiss`: why, in a person's words. */
export const alertStatusRequest = z.strictObject({ note: z.string().trim().max(2000).default('') });

/** What each column of `GET /api/alerts` means, repeated in its `meta.definitions`. */
export const ALERT_DEFINITIONS = {
	alert_id: 'stable while the data says the same: a hash of kind, scope, key and detected_on',
	detected_on: 'the first day the data showed it; from/to select alerts by it',
	window: 'window_from–window_to: the order dates of the cohort that showed it',
	observed: 'observed_units / sold_units of the window’s orders; for reason_shift, of their returned units',
	baseline: 'expected_units over the same: what the history and the peers predicted for the same units',
	p_value: 'the chance of at least observed_units under the baseline',
	status: 'open until someone acknowledges or dismisses it (status_note, status_by, status_at); kept over refreshes',
	filters: 'category, product and supplier match the alert’s columns; sku matches SKU alerts’ key'
};

/** `GET /api/alerts/count` takes no parameters. */
export const alertCountQuery = z.strictObject({});

/** `GET /api/alerts/count`: the open alerts, for the navigation's badge. */
export interface AlertCount {
	open: number;
}

/** `POST /api/alert-deliveries` (admin): an alert a delivery target answered with a 2xx. */
export const alertDeliveryRequest = z.strictObject({
	alert_id: z.string().min(1),
	target: z.url({ protocol: /^https?$/, message: 'target is an http(s) URL' }),
	status_code: z.number().int().min(200).max(299)
});
export type AlertDelivery = z.infer<typeof alertDeliveryRequest>;

/** `GET /api/alert-deliveries?target=URL` (admin): what was delivered to a target, newest first. */
export const alertDeliveriesQuery = querySchema({
	target: z.url({ protocol: /^https?$/, message: 'target is an http(s) URL' }),
	...listShape(['delivered_at'] as const)
});
