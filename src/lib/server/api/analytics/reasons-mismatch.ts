import { Hono } from 'hono';
import { MISMATCH_DEFINITIONS, reasonMismatchQuery } from '../../../analytics/reasons-mismatch.ts';
import { SqlParams } from '../../sql-params.ts';
import type { ApiEnv } from '../api-env.ts';
import { queryValidator } from '../query-validator.ts';
import { appliedFilters } from './filter-sql.ts';
import { respondList } from './list-response.ts';
import { REASON_MISMATCH_TOTALS, buildReasonMismatchSql } from './reasons-mismatch-sql.ts';

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
