import { Hono } from 'hono';
import { TIMING_DEFINITIONS, timingQuery, type TimingKpis } from './timing.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import { respondList } from '../../core/api/list-response.ts';
import { buildOpenAgeSql, buildTimingKpisSql } from './timing-sql.ts';

export const timing = new Hono<ApiEnv>().get('/', queryValidator(timingQuery), async (c) => {
	const q = c.req.valid('query');
	const params = new SqlParams();
	const sql = buildOpenAgeSql(q, params);
	const kpiParams = new SqlParams();
	const [kpis] = (await c.var.connection.runAndReadAll(buildTimingKpisSql(q, q.slaDays, kpiParams), kpiParams.values)).getRowObjectsJson() as unknown as TimingKpis[];
	// Buckets read youngest first unless a sort is asked for.
	const orderBy = q.sort ? `${q.sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, min_days ASC` : 'min_days ASC';
	return respondList(c.var, {
		sql,
		params: params.values,
		orderBy,
		name: 'open-returns-by-age',
		meta: { slaDays: q.slaDays, sort: q.sort ?? 'min_days', order: q.sort ? q.order : 'asc', filters: appliedFilters(q), kpis, definitions: TIMING_DEFINITIONS }
	}, q);
});
