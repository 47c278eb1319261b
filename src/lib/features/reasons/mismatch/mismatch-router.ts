import { Hono } from 'hono';
import { reasonMismatchQuery } from './mismatch.ts';
import type { ApiEnv } from '../../../core/api/api-env.ts';
import { queryValidator } from '../../../core/api/query-validator.ts';
import { respondList } from '../../../core/api/list-response.ts';
import { reasonMismatchStatement } from './mismatch-statements.ts';

export const reasonMismatch = new Hono<ApiEnv>().get('/mismatch', queryValidator(reasonMismatchQuery), async (c) => {
	const q = c.req.valid('query');
	return respondList(c.var, reasonMismatchStatement(q), q);
});
