import type { Filters } from '../../core/filters/filters.ts';
import { apiResource } from '../../ui/api-resource.ts';
import type { Resource } from '../../ui/data/resource.svelte.ts';
import type { SummaryRow } from './summary.ts';

/** The period's KPIs and the previous period's, with the definitions of the figures. */
export type SummaryAnswer = { rows: SummaryRow[]; meta: { definitions?: Record<string, string> } };

export const periodSummary = (filters: () => Filters | null): Resource<SummaryAnswer> =>
	apiResource('/api/summary', filters);
