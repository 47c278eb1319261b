import { Hono } from 'hono';
import { suppliersQuery } from './suppliers.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { respondList } from '../../core/api/list-response.ts';
import { suppliersStatement } from './suppliers-statements.ts';

export const suppliers = new Hono<ApiEnv>().get('/', queryValidator(suppliersQuery), async (c) => {
	const q = c.req.valid('query');
	return respondList(c.var, await suppliersStatement(q, c.var.connection), q);
});
