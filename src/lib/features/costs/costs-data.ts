import type { Filters } from '../../core/filters/filters.ts';
import { apiResource } from '../../ui/api-resource.ts';
import type { ListResponse, Resource } from '../../ui/data/resource.svelte.ts';
import type { REFUND_DEFINITIONS, RefundBreakdownRow, RefundTotals } from './costs.ts';

/** The costs answers the pages show, each asked for in one place (see apiResource). */

/** Where the pages read the cost breakdown, by any of its groupings. */
export const COST_BREAKDOWN = '/api/costs/breakdown';

/** What the breakdown table can group by, the first the page's default. */
export const COST_GROUPINGS = [
	{ value: 'category', label: 'Category' },
	{ value: 'product', label: 'Product' },
	{ value: 'supplier', label: 'Supplier' },
	{ value: 'reason_group', label: 'Reason group' },
	{ value: 'method', label: 'Refund method' }
] as const;

export type CostGrouping = (typeof COST_GROUPINGS)[number]['value'];

/** The money figures of a cost breakdown, in the order the page shows them. */
export const MONEY_FIGURES: readonly { key: keyof RefundTotals & keyof typeof REFUND_DEFINITIONS; label: string }[] = [
	{ key: 'refunded', label: 'Refunded' },
	{ key: 'processing_cost', label: 'Processing cost' },
	{ key: 'fees_recovered', label: 'Fees recovered' },
	{ key: 'value_lost', label: 'Value lost' },
	{ key: 'net_return_cost', label: 'Net return cost' }
];

export type CostBreakdown = ListResponse<RefundBreakdownRow, { totals?: RefundTotals }>;

/** The costs per month, oldest first, with the totals of the scope in the meta. */
export const monthlyCosts = (filters: () => Filters | null): Resource<CostBreakdown> =>
	apiResource(COST_BREAKDOWN, filters, () => ({ by: 'month', limit: 10000, sort: 'key', order: 'asc' }));

/** The costs per refund method. */
export const costsByMethod = (filters: () => Filters | null): Resource<CostBreakdown> =>
	apiResource(COST_BREAKDOWN, filters, () => ({ by: 'method', limit: 100 }));
