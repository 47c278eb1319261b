import { z } from 'zod';
import { filterShape, listShape, querySchema } from '../../core/filters/filters.ts';

export const REASON_DIMENSIONS = ['reason_group', 'reason_code'] as const;
export type ReasonDimension = (typeof REASON_DIMENSIONS)[number];

export const REASON_SORT_COLUMNS = ['returned_units', 'rma_lines', 'share', 'returned_value', 'key', 'label'] as const;

export const reasonsQuery = querySchema({
	...filterShape,
	...listShape(REASON_SORT_COLUMNS),
	by: z.enum(REASON_DIMENSIONS).default('reason_group')
});

export const REASON_DEFINITIONS = {
	period:
		'returns of the order lines ordered in the period (a cohort view); RMAs rejected or cancelled are not ' +
		'returns',
	rma_lines: 'RMA lines giving the reason',
	returned_units: 'units returned for the reason',
	share: 'returned_units / returned units for all reasons in scope',
	returned_value: 'Σ returned units × unit_price',
	reason_group:
		'the catalogue’s group for the code; without one, common code and label words decide; the rest is other',
	trend: 'returned units per month of the order (every month with orders in scope, zero included)',
	none: 'key (none): RMA lines without a reason code'
} as const;

export interface ReasonTrendPoint {
	/** First day of the order month, YYYY-MM-DD. */
	period: string;
	units: number;
}

export interface ReasonRow {
	key: string;
	label: string;
	reason_group: string;
	rma_lines: number;
	returned_units: number;
	share: number | null;
	/** Exact decimal string. */
	returned_value: string;
	/** A list in JSON; JSON text in CSV and Arrow exports. */
	trend: ReasonTrendPoint[];
}

export interface ReasonTotals {
	rma_lines: number;
	returned_units: number;
	returned_value: string;
}
