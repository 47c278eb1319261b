import { Hono } from 'hono';
import { refundBreakdownQuery } from './costs.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { respondList } from '../../core/api/list-response.ts';
import { refundBreakdownStatement } from './costs-statements.ts';

export const refunds = new Hono<ApiEnv>().get('/breakdown', queryValidator(refundBreakdownQuery), async (c) => {
	const q = c.req.valid('query');
	return respondList(c.var, await refundBreakdownStatement(q, c.var.connection), q);
});
