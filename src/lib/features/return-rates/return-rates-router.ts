import { Hono } from 'hono';
import { returnRateTrendQuery, returnRatesQuery } from './return-rates.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { respondList } from '../../core/api/list-response.ts';
import { returnRateTrendStatement, returnRatesStatement } from './return-rates-statements.ts';

export const returnRates = new Hono<ApiEnv>()
	.get('/', queryValidator(returnRatesQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, await returnRatesStatement(q, c.var.connection), q);
	})
	.get('/trend', queryValidator(returnRateTrendQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, await returnRateTrendStatement(q, c.var.connection), q);
	});
