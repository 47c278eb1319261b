import { Hono } from 'hono';
import { MISMATCH_DEFINITIONS, reasonMismatchQuery } from './mismatch.ts';
import { SqlParams } from '../../../core/db/sql-params.ts';
import type { ApiEnv } from '../../../core/api/api-env.ts';
import { queryValidator } from '../../../core/api/query-validator.ts';
import { appliedFilters } from '../../../core/filters/filter-sql.ts';
import { respondList } from '../../../core/api/list-response.ts';
import { REASON_MISMATCH_TOTALS, buildReasonMismatchSql } from './mismatch-sql.ts';

export const reasonMismatch = new Hono<ApiEnv>().get('/mismatch', queryValidator(reasonMismatchQuery), async (c) => {
	const q = c.req.valid('query');
	const params = new SqlParams();
	const sql = buildReasonMismatchSql(q.by, q, params);
	const sort = q.sort ?? 'claimed_defect_not_confirmed';
	return respondList(c.var, {
		sql,
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, inspected_lines DESC, key ASC`,
		name: `reason-mismatch-by-${q.by}`,
		meta: {
			by: q.by,
			sort,
			order: q.order,
			filters: { ...appliedFilters(q), ...(q.reasonGroup ? { reasonGroup: q.reasonGroup } : {}) },
			definitions: MISMATCH_DEFINITIONS
		},
		totals: REASON_MISMATCH_TOTALS
	}, q);
});
