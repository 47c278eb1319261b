import { Hono } from 'hono';
import { REFUND_DEFINITIONS, refundBreakdownQuery } from './costs.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import { respondList } from '../../core/api/list-response.ts';
import { buildRefundBreakdownSql, buildRefundTotalsSql } from './costs-sql.ts';

export const refunds = new Hono<ApiEnv>().get('/breakdown', queryValidator(refundBreakdownQuery), async (c) => {
	const q = c.req.valid('query');
	const params = new SqlParams();
	const sql = buildRefundBreakdownSql(q.by, q, params);
	const totalsParams = new SqlParams();
	const [totals] = (await c.var.connection.runAndReadAll(buildRefundTotalsSql(q, totalsParams), totalsParams.values)).getRowObjectsJson();
	const sort = q.sort ?? 'net_return_cost';
	const direction = q.order === 'asc' ? 'ASC' : 'DESC';
	return respondList(c.var, {
		sql,
		params: params.values,
		// Net cost is null when grouping by method: refunded then decides, so the order still means something.
		orderBy: `${sort} ${direction} NULLS LAST, refunded DESC, key ASC`,
		name: `refunds-by-${q.by}`,
		meta: { by: q.by, sort, order: q.order, filters: appliedFilters(q), totals, definitions: REFUND_DEFINITIONS }
	}, q);
});
