import { Hono } from 'hono';
import { reasonsQuery } from './reasons.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { respondList } from '../../core/api/list-response.ts';
import { reasonsStatement } from './reasons-statements.ts';

export const reasons = new Hono<ApiEnv>().get('/', queryValidator(reasonsQuery), async (c) => {
	const q = c.req.valid('query');
	return respondList(c.var, reasonsStatement(q), q);
});
