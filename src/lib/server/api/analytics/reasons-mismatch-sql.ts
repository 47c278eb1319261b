import type { Filters } from '../../../analytics/filters.ts';
import { CLAIMED_DEFECT_GROUPS, UNHARMED_CONDITIONS, type MismatchDimension } from '../../../analytics/reasons-mismatch.ts';
import { CONDITIONS } from '../../../contract/entities.ts';
import type { SqlParams } from '../../sql-params.ts';
import { MISMATCH_CELLS, sumsSource } from './rate-source-sql.ts';
import { rate } from './return-rates-sql.ts';

/**
 * Each dimension's key over inspected return lines or their cells, the column it reads beyond the
 * cells' grain (customers are in no cell: they are counted from the lines), and its label.
 */
const DIMENSIONS: Record<MismatchDimension, { key: string; columns: string[]; label: string }> = {
	reason_group: { key: 'reason_group', columns: [], label: 'key' },
	product: { key: 'product_id', columns: ['product_id'], label: 'coalesce(any_value(product_name), key)' },
	customer: { key: 'customer_id', columns: ['customer_id'], label: 'key' }
};

export interface MismatchScope extends Filters {
	reasonGroup?: string[];
}

function mismatchFiguresSql({ key, columns, label }: (typeof DIMENSIONS)[MismatchDimension], scope: MismatchScope, params: SqlParams): string {
	const list = (values: readonly string[]) => values.map((v) => params.add(v)).join(', ');
	const claimed = `reason_group IN (${list(CLAIMED_DEFECT_GROUPS)})`;
	const notConfirmed = `${claimed} AND condition IN (${list(UNHARMED_CONDITIONS)}) AND defect_confirmed IS FALSE`;
	const groups = scope.reasonGroup?.length ? `WHERE reason_group IN (${list(scope.reasonGroup)})` : '';
	// Counted per key and inspection outcome first, then pivoted: twenty filtered counts over every
	// inspected line cost several times more than over these few rows per key.
	const count = (condition?: string) => `coalesce(sum(n)${condition ? ` FILTER (WHERE ${condition})` : ''}, 0)::INTEGER`;
	return `
SELECT key, ${label} AS label, ${count()} AS inspected_lines,
  ${CONDITIONS.map((c) => `${count(`condition = ${params.add(c)}`)} AS condition_${c}`).join(', ')},
  ${count('defect_confirmed IS TRUE')} AS defect_confirmed_true,
  ${count('defect_confirmed IS FALSE')} AS defect_confirmed_false,
  ${count('defect_confirmed IS NULL')} AS defect_confirmed_unknown,
  ${count('item_matches IS FALSE')} AS item_not_matching,
  ${count(claimed)} AS claimed_defect_lines,
  ${count(notConfirmed)} AS claimed_defect_not_confirmed,
  ${rate(`coalesce(sum(n) FILTER (WHERE ${notConfirmed}), 0)`, `sum(n) FILTER (WHERE ${claimed})`)} AS claimed_defect_not_confirmed_share
FROM (
  SELECT ${key} AS key, reason_group, condition, defect_confirmed, item_matches, any_value(product_name) AS product_name, sum(inspected_lines) AS n
  FROM (${sumsSource(columns, scope, params, MISMATCH_CELLS).sql}) ${groups}
  GROUP BY ALL
)
GROUP BY key`;
}

/** Stated reason vs inspection result: one row per reason group, product or customer with inspected returns, unordered. */
export function buildReasonMismatchSql(by: MismatchDimension, scope: MismatchScope, params: SqlParams): string {
	return mismatchFiguresSql(DIMENSIONS[by], scope, params);
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
