import type { Filters } from '../../../analytics/filters.ts';
import { CLAIMED_DEFECT_GROUPS, UNHARMED_CONDITIONS, type MismatchDimension } from '../../../analytics/reasons-mismatch.ts';
import { CONDITIONS } from '../../../contract/entities.ts';
import type { SqlParams } from '../../sql-params.ts';
import { filterSql } from './filter-sql.ts';
import { rate } from './return-rates-sql.ts';

/** Each dimension's key and label over return_lines. */
const DIMENSIONS: Record<MismatchDimension, { key: string; label: string }> = {
	reason_group: { key: 'reason_group', label: 'reason_group' },
	product: { key: 'product_id', label: 'coalesce(any_value(product_name), product_id)' },
	customer: { key: 'customer_id', label: 'customer_id' }
};

export interface MismatchScope extends Filters {
	reasonGroup?: string[];
}

function mismatchFiguresSql(key: string, label: string, scope: MismatchScope, params: SqlParams): string {
	const list = (values: readonly string[]) => values.map((v) => params.add(v)).join(', ');
	const claimed = `reason_group IN (${list(CLAIMED_DEFECT_GROUPS)})`;
	const notConfirmed = `${claimed} AND condition IN (${list(UNHARMED_CONDITIONS)}) AND defect_confirmed IS FALSE`;
	const conditions = CONDITIONS.map((c) => `count(*) FILTER (WHERE condition = ${params.add(c)})::INTEGER AS condition_${c}`);
	const groups = scope.reasonGroup?.length ? `AND reason_group IN (${list(scope.reasonGroup)})` : '';
	return `
SELECT ${key} AS key, ${label} AS label, count(*)::INTEGER AS inspected_lines,
  ${conditions.join(', ')},
  count(*) FILTER (WHERE defect_confirmed IS TRUE)::INTEGER AS defect_confirmed_true,
  count(*) FILTER (WHERE defect_confirmed IS FALSE)::INTEGER AS defect_confirmed_false,
  count(*) FILTER (WHERE defect_confirmed IS NULL)::INTEGER AS defect_confirmed_unknown,
  count(*) FILTER (WHERE item_matches IS FALSE)::INTEGER AS item_not_matching,
  count(*) FILTER (WHERE ${claimed})::INTEGER AS claimed_defect_lines,
  count(*) FILTER (WHERE ${notConfirmed})::INTEGER AS claimed_defect_not_confirmed,
  ${rate(`count(*) FILTER (WHERE ${notConfirmed})`, `count(*) FILTER (WHERE ${claimed})`)} AS claimed_defect_not_confirmed_share
FROM return_lines
WHERE inspection_id IS NOT NULL AND ${filterSql(scope, params, 'ordered_at')} ${groups}
GROUP BY 1`;
}

/** Stated reason vs inspection result: one row per reason group, product or customer with inspected returns, unordered. */
export function buildReasonMismatchSql(by: MismatchDimension, scope: MismatchScope, params: SqlParams): string {
	const { key, label } = DIMENSIONS[by];
	return mismatchFiguresSql(key, label, scope, params);
}

/** The count columns of every row, which add up to the scope's: each inspected line is in one group. */
const COUNT_COLUMNS = [
	'inspected_lines',
	...CONDITIONS.map((c) => `condition_${c}`),
	'defect_confirmed_true',
	'defect_confirmed_false',
	'defect_confirmed_unknown',
	'item_not_matching',
	'claimed_defect_lines',
	'claimed_defect_not_confirmed'
];

/** The same figures over the whole scope, as aggregates of the listed rows (respondList's totals): zeros when nothing was inspected. */
export const REASON_MISMATCH_TOTALS: Record<string, string> = {
	...Object.fromEntries(COUNT_COLUMNS.map((c) => [c, `coalesce(sum(${c}), 0)::INTEGER`])),
	claimed_defect_not_confirmed_share: rate('sum(claimed_defect_not_confirmed)', 'sum(claimed_defect_lines)')
};
