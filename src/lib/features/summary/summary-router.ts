import { Hono } from 'hono';
import { summaryQuery } from './summary.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { readSummary } from './summary-statements.ts';

export const summary = new Hono<ApiEnv>().get('/', queryValidator(summaryQuery), async (c) => {
	return c.json(await readSummary(c.req.valid('query'), c.var.connection));
});
