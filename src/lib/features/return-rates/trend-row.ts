import type { ReturnRateRow } from './return-rates.ts';

/** A row of /api/return-rates/trend: the rates of one order cohort. */
export type ReturnRateTrendRow = Pick<
	ReturnRateRow,
	| 'sold_units'
	| 'returned_units'
	| 'unit_return_rate'
	| 'value_return_rate'
	| 'order_return_rate'
	| 'ci_low'
	| 'ci_high'
	| 'defect_return_rate'
	| 'fit_return_rate'
> & { period: string; final: boolean };
