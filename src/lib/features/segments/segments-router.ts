import { Hono } from 'hono';
import type { ApiError } from '../../core/api/api-error.ts';
import { segmentCustomersQuery, segmentsQuery } from './segments.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { respondList } from '../../core/api/list-response.ts';
import { segmentCustomersStatement, segmentsStatement } from './segments-statements.ts';

export const segments = new Hono<ApiEnv>()
	.get('/', queryValidator(segmentsQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, segmentsStatement(q), q);
	})
	.get('/:id/customers', queryValidator(segmentCustomersQuery), async (c) => {
		const q = c.req.valid('query');
		const id = c.req.param('id');
		const list = await segmentCustomersStatement(id, q, c.var.connection);
		if (!list) return c.json({ error: `No segment "${id}": GET /api/segments lists them` } satisfies ApiError, 404);
		return respondList(c.var, list, q);
	});
