import { Hono } from 'hono';
import { filterOptionsQuery } from '../../core/filters/filter-options.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { readFilterOptions } from './filter-options-statements.ts';

export const filterOptions = new Hono<ApiEnv>().get('/', queryValidator(filterOptionsQuery), async (c) => {
	return c.json(await readFilterOptions(c.req.valid('query'), c.var.connection));
});
