import { Hono } from 'hono';
import { backlogQuery, recoveryQuery } from './recovery.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { respondList } from '../../core/api/list-response.ts';
import { backlogStatement, recoveryStatement } from './recovery-statements.ts';

export const recovery = new Hono<ApiEnv>()
	.get('/', queryValidator(recoveryQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, await recoveryStatement(q, c.var.connection), q);
	})
	.get('/backlog', queryValidator(backlogQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, backlogStatement(q), q);
	});
