import { Hono } from 'hono';
import { DEFAULT_PERIOD_DAYS, SUMMARY_DEFINITIONS, summaryQuery } from './summary.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import { cellsExact } from '../../core/cells/rate-source-sql.ts';
import { buildPeriodSql, buildSummarySql } from './summary-sql.ts';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const summary = new Hono<ApiEnv>().get('/', queryValidator(summaryQuery), async (c) => {
	const q = c.req.valid('query');
	const periodParams = new SqlParams();
	const [period] = (await c.var.connection.runAndReadAll(buildPeriodSql(q, DEFAULT_PERIOD_DAYS, periodParams), periodParams.values)).getRowObjectsJson() as {
		from: string | null;
		to: string | null;
	}[];
	if (!period.from || !period.to) {
		return c.json({ rows: [], meta: { filters: appliedFilters(q), definitions: SUMMARY_DEFINITIONS, period: null } });
	}
	const fromMs = Date.parse(`${period.from}T00:00:00Z`);
	const days = Math.round((Date.parse(`${period.to}T00:00:00Z`) - fromMs) / DAY_MS) + 1;
	const previous = { from: isoDay(fromMs - days * DAY_MS), to: isoDay(fromMs - DAY_MS) };
	const params = new SqlParams();
	const sql = buildSummarySql({ from: period.from, to: period.to }, previous, q, await cellsExact(c.var.connection), params);
	const rows = (await c.var.connection.runAndReadAll(sql, params.values)).getRowObjectsJson();
	return c.json({
		rows,
		meta: { filters: appliedFilters(q), period: { ...period, days }, previous, row_count: rows.length, definitions: SUMMARY_DEFINITIONS }
	});
});
