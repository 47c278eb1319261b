import type { Filters } from '../../../core/filters/filters.ts';
import { CLAIMED_DEFECT_GROUPS, UNHARMED_CONDITIONS, type MismatchDimension } from './mismatch.ts';
import { CONDITIONS } from '../../../core/contract/entities.ts';
import { SqlParams } from '../../../core/db/sql-params.ts';
import type { Statement } from '../../../core/db/transaction.ts';
import { buildCellDeltaSql } from '../../../core/cells/cell-delta-sql.ts';
import { sumsSource, type CellTable } from '../../../core/cells/rate-source-sql.ts';
import { rate } from '../../../core/sql/rate-sql.ts';

/**
 * The inspection outcomes each inspected line counts in, and when it does. `unharmed_not_confirmed`
 * (found new or like new, defect not confirmed) is only counted for defect claims, not shown itself.
 */
const OUTCOMES: Record<string, (params: SqlParams) => string> = {
	...Object.fromEntries(
		CONDITIONS.map((c) => [`condition_${c}`, (params: SqlParams) => `condition = ${params.add(c)}`])
	),
	defect_confirmed_true: () => 'defect_confirmed IS TRUE',
	defect_confirmed_false: () => 'defect_confirmed IS FALSE',
	defect_confirmed_unknown: () => 'defect_confirmed IS NULL',
	item_not_matching: () => 'item_matches IS FALSE',
	unharmed_not_confirmed: (params) =>
		`condition IN (${UNHARMED_CONDITIONS.map((c) => params.add(c)).join(', ')}) AND defect_confirmed IS FALSE`
};

const OUTCOME_COLUMNS = Object.keys(OUTCOMES);
const SHOWN_OUTCOMES = OUTCOME_COLUMNS.filter((c) => c !== 'unharmed_not_confirmed');

/**
 * Each inspected return line of `lines` (return lines, or the delta's old or new ones) with its
 * inspection outcomes as 1s and 0s, built at ingest: the figures are then sums, over these lines or
 * their cells, with no pivot of outcomes on every request.
 */
export function mismatchLinesSql(lines = 'return_lines'): Statement {
	const params = new SqlParams();
	const flags = Object.entries(OUTCOMES).map(
		([column, when]) => `CASE WHEN ${when(params)} THEN 1 ELSE 0 END::INTEGER AS ${column}`
	);
	const sql = `SELECT rma_id, line_id, customer_id, ordered_at, category, supplier, product_id, sku, variant, channel,
  country, product_name, reason_group,
  ${flags.join(',\n  ')}
FROM ${lines} WHERE inspection_id IS NOT NULL`;
	return { sql, params: params.values };
}

/** Inspected return lines per stated reason group, by order day or month: their count and outcomes. */
export const MISMATCH_CELLS = {
	table: 'mismatch_cells',
	rows: 'mismatch_lines',
	date: 'ordered_at',
	grain: ['reason_group'],
	measures: {
		product_name: 'any_value(product_name)',
		inspected_lines: 'count(*)::BIGINT',
		...Object.fromEntries(OUTCOME_COLUMNS.map((c) => [c, `sum(${c})::BIGINT`]))
	},
	rowColumns: '1::BIGINT AS inspected_lines',
	counts: 'inspected_lines'
} satisfies CellTable;

const temp = (table: string, { sql, params }: Statement): Statement => ({
	sql: `CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}`,
	params
});

/**
 * mismatch_lines and its cells brought up to date for a delta: the lines of the delta orders as they
 * were (old_return_lines, derived-sql.ts) are deleted by their RMA line and their outcomes taken out of
 * the cells; the lines as they are now (new_return_lines) are added and put in.
 */
export const MISMATCH_DELTA: Statement[] = [
	temp('old_mismatch_lines', mismatchLinesSql('old_return_lines')),
	temp('new_mismatch_lines', mismatchLinesSql('new_return_lines')),
	{
		sql: `DELETE FROM mismatch_lines m USING old_mismatch_lines o
		      WHERE m.rma_id = o.rma_id AND m.line_id = o.line_id`
	},
	{ sql: 'INSERT INTO mismatch_lines SELECT * FROM new_mismatch_lines' },
	...buildCellDeltaSql(MISMATCH_CELLS, 'old_mismatch_lines', 'new_mismatch_lines'),
	{ sql: 'DROP TABLE old_mismatch_lines' },
	{ sql: 'DROP TABLE new_mismatch_lines' }
];

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

function mismatchFiguresSql(
	{ key, columns, label }: (typeof DIMENSIONS)[MismatchDimension],
	scope: MismatchScope,
	params: SqlParams
): string {
	const claimed = `reason_group IN (${CLAIMED_DEFECT_GROUPS.map((g) => params.add(g)).join(', ')})`;
	const groups = scope.reasonGroup?.length
		? `WHERE reason_group IN (${scope.reasonGroup.map((g) => params.add(g)).join(', ')})`
		: '';
	const sum = (column: string, where?: string) =>
		`coalesce(sum(${column})${where ? ` FILTER (WHERE ${where})` : ''}, 0)::INTEGER`;
	const notConfirmedShare = rate(
		`coalesce(sum(unharmed_not_confirmed) FILTER (WHERE ${claimed}), 0)`,
		`sum(inspected_lines) FILTER (WHERE ${claimed})`
	);
	return `
SELECT ${key} AS key, ${label} AS label, ${sum('inspected_lines')} AS inspected_lines,
  ${SHOWN_OUTCOMES.map((c) => `${sum(c)} AS ${c}`).join(', ')},
  ${sum('inspected_lines', claimed)} AS claimed_defect_lines,
  ${sum('unharmed_not_confirmed', claimed)} AS claimed_defect_not_confirmed,
  ${notConfirmedShare} AS claimed_defect_not_confirmed_share
FROM (${sumsSource(columns, scope, params, MISMATCH_CELLS).sql}) ${groups}
GROUP BY ${key}`;
}

/**
 * Stated reason vs inspection result: one row per reason group, product or customer with inspected returns,
 * unordered.
 */
export function buildReasonMismatchSql(by: MismatchDimension, scope: MismatchScope, params: SqlParams): string {
	return mismatchFiguresSql(DIMENSIONS[by], scope, params);
}

/** The count columns of every row, which add up to the scope's: each inspected line is in one group. */
const COUNT_COLUMNS = ['inspected_lines', ...SHOWN_OUTCOMES, 'claimed_defect_lines', 'claimed_defect_not_confirmed'];

/**
 * The same figures over the whole scope, as aggregates of the listed rows (respondList's totals): zeros when
 * nothing was inspected.
 */
export const REASON_MISMATCH_TOTALS: Record<string, string> = {
	...Object.fromEntries(COUNT_COLUMNS.map((c) => [c, `coalesce(sum(${c}), 0)::INTEGER`])),
	claimed_defect_not_confirmed_share: rate('sum(claimed_defect_not_confirmed)', 'sum(claimed_defect_lines)')
};
