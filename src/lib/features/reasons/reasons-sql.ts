import type { Filters } from '../../core/filters/filters.ts';
import type { ReasonDimension } from './reasons.ts';
import type { SqlParams } from '../../core/db/sql-params.ts';
import { REASON_CELLS, sumsSource } from '../../core/cells/rate-source-sql.ts';
import { rate } from '../../core/sql/rate-sql.ts';

/** Each dimension's key, label and group over return_lines (alias r) joined to reason_map (alias m). */
const DIMENSIONS: Record<ReasonDimension, { key: string; label: string }> = {
	reason_group: { key: 'r.reason_group', label: 'r.reason_group' },
	reason_code: {
		key: `coalesce(r.reason_code, '(none)')`,
		label: `coalesce(any_value(m.label), any_value(r.reason_code), '(none)')`
	}
};

/**
 * Returned units per reason with a monthly trend by order cohort: one row per reason in scope,
 * unordered. Read from the reason cells wherever they keep the filtered columns.
 */
export function buildReasonsSql(by: ReasonDimension, filters: Filters, params: SqlParams): string {
	const { key, label } = DIMENSIONS[by];
	const lines = sumsSource([], filters, params);
	const reasons = sumsSource([], filters, params, REASON_CELLS);
	return `
WITH stated AS MATERIALIZED (${reasons.sql}),
returns AS (
  SELECT ${key} AS key, ${label} AS label, any_value(r.reason_group) AS reason_group, sum(r.rma_lines) AS rma_lines,
    sum(r.returned_units) AS returned_units, sum(r.returned_value) AS returned_value
  FROM stated r LEFT JOIN reason_map m ON m.reason_code = r.reason_code
  GROUP BY 1
),
months AS (SELECT DISTINCT CAST(${lines.month} AS DATE) AS month FROM (${lines.sql})),
monthly AS (
  SELECT ${key} AS key, CAST(${reasons.month} AS DATE) AS month, sum(r.returned_units) AS units
  FROM stated r GROUP BY ALL
),
trends AS (
  SELECT g.key,
    list({'period': strftime(mo.month, '%Y-%m-%d'), 'units': coalesce(t.units, 0)::INTEGER} ORDER BY mo.month) AS trend
  FROM returns g CROSS JOIN months mo LEFT JOIN monthly t ON t.key = g.key AND t.month = mo.month
  GROUP BY g.key
)
SELECT g.key, g.label, g.reason_group, g.rma_lines::INTEGER AS rma_lines, g.returned_units::INTEGER AS returned_units,
  ${rate('g.returned_units', '(SELECT sum(returned_units) FROM returns)')} AS share,
  CAST(g.returned_value AS DECIMAL(18, 2)) AS returned_value, t.trend
FROM returns g JOIN trends t USING (key)`;
}

/**
 * Returns over the whole scope, as aggregates of the listed rows (respondList's totals): each return line has
 * one reason.
 */
export const REASON_TOTALS: Record<string, string> = {
	rma_lines: 'coalesce(sum(rma_lines), 0)::INTEGER',
	returned_units: 'coalesce(sum(returned_units), 0)::INTEGER',
	returned_value: 'CAST(coalesce(sum(returned_value), 0) AS DECIMAL(18, 2))'
};
