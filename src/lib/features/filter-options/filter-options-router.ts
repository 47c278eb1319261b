import { Hono } from 'hono';
import { filterOptionsQuery, type FilterOption, type FilterOptions } from '../../core/filters/filter-options.ts';
import { FILTER_DIMENSIONS, type FilterDimension } from '../../core/filters/filters.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { ORDER_DATES_SQL, buildFilterOptionsSql } from './filter-options-sql.ts';

export const filterOptions = new Hono<ApiEnv>().get('/', queryValidator(filterOptionsQuery), async (c) => {
	const asked = c.req.valid('query').dimension ?? [...FILTER_DIMENSIONS];
	const params = new SqlParams();
	const rows = (await c.var.connection.runAndReadAll(buildFilterOptionsSql(asked, params), params.values)).getRowObjectsJson() as unknown as ({
		dimension: FilterDimension;
	} & FilterOption)[];
	const dimensions: FilterOptions['dimensions'] = Object.fromEntries(asked.map((d) => [d, [] as FilterOption[]]));
	for (const { dimension, key, label } of rows) dimensions[dimension]!.push({ key, label });
	const [dates] = (await c.var.connection.runAndReadAll(ORDER_DATES_SQL)).getRowObjectsJson() as unknown as { first: string | null; last: string | null }[];
	const body: FilterOptions = { dimensions, orderDates: dates.first && dates.last ? { first: dates.first, last: dates.last } : null };
	return c.json(body);
});
