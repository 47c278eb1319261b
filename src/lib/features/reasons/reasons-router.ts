import { Hono } from 'hono';
import { REASON_DEFINITIONS, reasonsQuery } from './reasons.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import { respondList } from '../../core/api/list-response.ts';
import { REASON_TOTALS, buildReasonsSql } from './reasons-sql.ts';

export const reasons = new Hono<ApiEnv>().get('/', queryValidator(reasonsQuery), async (c) => {
	const q = c.req.valid('query');
	const params = new SqlParams();
	const sql = buildReasonsSql(q.by, q, params);
	const sort = q.sort ?? 'returned_units';
	return respondList(c.var, {
		sql,
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, key ASC`,
		name: `reasons-by-${q.by}`,
		meta: { by: q.by, sort, order: q.order, filters: appliedFilters(q), definitions: REASON_DEFINITIONS },
		totals: REASON_TOTALS
	}, q);
});
