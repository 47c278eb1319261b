import type { Filters } from '../../core/filters/filters.ts';
import { apiResource } from '../../ui/api-resource.ts';
import type { ListResponse, Resource } from '../../ui/data/resource.svelte.ts';
import type { ReasonMismatchRow } from './mismatch/mismatch.ts';
import type { ReasonRow } from './reasons.ts';
import type { ReasonClusterRow } from './themes/themes.ts';

/** The reasons answers the pages show, each asked for in one place (see apiResource). */

/** What the reasons table lists, the first the page's default. */
export const REASON_LEVELS = [
	{ value: 'reason_group', label: 'Reason group' },
	{ value: 'reason_code', label: 'Reason code' }
] as const;

export type ReasonLevel = (typeof REASON_LEVELS)[number]['value'];

/** Stated reason groups, each with its monthly trend. */
export const reasonGroups = (filters: () => Filters | null): Resource<ListResponse<ReasonRow>> =>
	apiResource('/api/reasons', filters, () => ({ by: 'reason_group', limit: 100 }));

/** Stated reason groups against what inspection found. */
export const reasonMismatch = (filters: () => Filters | null): Resource<ListResponse<ReasonMismatchRow>> =>
	apiResource('/api/reasons/mismatch', filters, () => ({ by: 'reason_group', limit: 100 }));

/** The themes of the customers' comments, largest first. */
export const commentThemes = (filters: () => Filters | null): Resource<ListResponse<ReasonClusterRow>> =>
	apiResource('/api/reasons/clusters', filters, () => ({ limit: 15 }));
