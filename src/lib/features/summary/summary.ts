import { filterShape, querySchema } from '../../core/filters/filters.ts';

export const summaryQuery = querySchema({ ...filterShape });

/** Without from/to, the summary covers the last 90 days of orders in the data. */
export const DEFAULT_PERIOD_DAYS = 90;

export const SUMMARY_DEFINITIONS = {
	orders: 'orders placed in the period (cohort: by ordered_at)',
	units_sold: 'units of the order lines placed in the period',
	units_returned: 'units of those lines returned (RMAs not rejected or cancelled), never more than sold',
	unit_return_rate: 'units_returned / units_sold',
	value_return_rate: 'Σ returned units × unit_price / Σ sold units × unit_price',
	order_return_rate: 'orders with at least one returned line / orders',
	refunded: 'Σ refunds issued in the period (by issued_at)',
	net_return_cost:
		'processing cost (return shipping + handling, refunds issued in the period) − restocking fees + value lost ' +
		'(inspections in the period: returned units × unit_price − recovery value)',
	median_days_to_refund: 'median days from RMA created to its first refund, for refunds issued in the period',
	open_returns: 'RMAs created in the period still requested, approved, in transit, received or inspected',
	defect_share: 'defect-driven returned units / returned units, for the period’s orders',
	previous: 'the period of equal length just before'
} as const;

export interface SummaryRow {
	period: 'current' | 'previous';
	from: string;
	to: string;
	orders: number;
	units_sold: number;
	units_returned: number;
	unit_return_rate: number | null;
	value_return_rate: number | null;
	order_return_rate: number | null;
	refunded: string;
	net_return_cost: string;
	median_days_to_refund: number | null;
	open_returns: number;
	defect_share: number | null;
}
