import type { Filters } from '../../core/filters/filters.ts';
import { apiResource } from '../../ui/api-resource.ts';
import type { ListResponse, Resource } from '../../ui/data/resource.svelte.ts';
import { productHref } from '../../ui/navigation.ts';
import { filteredHref, withDimension } from '../../ui/url-filters.ts';
import type { BacklogRow, BacklogTotals, RecoveryFigures, RecoveryRow } from './recovery.ts';

/** The recovery answers the page shows, each asked for in one place (see apiResource). */

export const RECOVERY = '/api/recovery';
export const BACKLOG = '/api/recovery/backlog';

/** What the breakdown table can group by, the first the page's default. */
export const RECOVERY_GROUPINGS = [
	{ value: 'category', label: 'Category' },
	{ value: 'product', label: 'Product' },
	{ value: 'supplier', label: 'Supplier' },
	{ value: 'disposition', label: 'Disposition' },
	{ value: 'condition', label: 'Condition' },
	{ value: 'reason_group', label: 'Reason group' },
	{ value: 'month', label: 'Month' }
] as const;

export type RecoveryGrouping = (typeof RECOVERY_GROUPINGS)[number]['value'];

export type RecoveryAnswer = ListResponse<RecoveryRow, { totals?: RecoveryFigures }>;
export type BacklogAnswer = ListResponse<BacklogRow, { totals?: BacklogTotals }>;

/** The figures per month of inspection, oldest first, with the totals of the scope in the meta. */
export const monthlyRecovery = (filters: () => Filters | null): Resource<RecoveryAnswer> =>
	apiResource(RECOVERY, filters, () => ({ by: 'month', limit: 10000, sort: 'key', order: 'asc' }));

/** The figures of every group of one grouping (categories, suppliers) for a chart. */
export const recoveryBy = (filters: () => Filters | null, by: RecoveryGrouping): Resource<RecoveryAnswer> =>
	apiResource(RECOVERY, filters, () => ({ by, limit: 1000 }));

/** The backlog's count and totals: one line is enough, the meta carries the rest. */
export const backlogTotals = (filters: () => Filters | null): Resource<BacklogAnswer> =>
	apiResource(BACKLOG, filters, () => ({ limit: 1 }));

/**
 * Where a row of the breakdown leads: a category's or a supplier's products on this page, a product's
 * own page; the other groupings have nothing below them.
 */
export function drillHref(by: RecoveryGrouping, key: string, filters: Filters): string | null {
	if (key === '(none)') return null;
	if (by === 'product') return productHref(key, filters);
	if (by !== 'category' && by !== 'supplier') return null;
	const scoped = filteredHref('/recovery', withDimension(filters, by, [key]));
	return `${scoped}${scoped.includes('?') ? '&' : '?'}by=product`;
}
