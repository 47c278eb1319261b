import { Hono } from 'hono';
import type { ApiError } from '../../core/api/api-error.ts';
import { bracketingCustomersQuery, bracketingOrdersQuery, fraudCustomerQuery, fraudCustomersQuery } from './fraud.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { respondList } from '../../core/api/list-response.ts';
import {
	bracketingCustomersStatement,
	bracketingOrdersStatement,
	fraudCustomersStatement,
	readCustomerFile
} from './fraud-statements.ts';

export const fraud = new Hono<ApiEnv>()
	.get('/customers', queryValidator(fraudCustomersQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, fraudCustomersStatement(q), q);
	})
	.get('/customers/:id', queryValidator(fraudCustomerQuery), async (c) => {
		const id = c.req.param('id');
		const file = await readCustomerFile(id, c.var.connection);
		if (!file) return c.json({ error: `No customer "${id}" in the orders or returns` } satisfies ApiError, 404);
		return c.json(file);
	})
	.get('/bracketing', queryValidator(bracketingOrdersQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, bracketingOrdersStatement(q), q);
	})
	.get('/bracketing/customers', queryValidator(bracketingCustomersQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, bracketingCustomersStatement(q), q);
	});
