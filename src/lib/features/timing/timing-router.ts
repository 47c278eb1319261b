import { Hono } from 'hono';
import { timingQuery } from './timing.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { respondList } from '../../core/api/list-response.ts';
import { timingStatement } from './timing-statements.ts';

export const timing = new Hono<ApiEnv>().get('/', queryValidator(timingQuery), async (c) => {
	const q = c.req.valid('query');
	return respondList(c.var, await timingStatement(q, c.var.connection), q);
});
