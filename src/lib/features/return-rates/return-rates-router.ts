import { Hono } from 'hono';
import { RATE_DEFINITIONS, returnRateTrendQuery, returnRatesQuery } from './return-rates.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import { cellsExact } from '../../core/cells/rate-source-sql.ts';
import { respondList } from '../../core/api/list-response.ts';
import { buildRateTotalsSql, buildReturnRateTrendSql, buildReturnRatesSql } from './return-rates-sql.ts';

export const returnRates = new Hono<ApiEnv>()
	.get('/', queryValidator(returnRatesQuery), async (c) => {
		const q = c.req.valid('query');
		const exact = await cellsExact(c.var.connection);
		const params = new SqlParams();
		const rates = buildReturnRatesSql(q.by, q, q.minUnits, exact, params);
		const totalsParams = new SqlParams();
		const [totals] = (await c.var.connection.runAndReadAll(buildRateTotalsSql(q, exact, totalsParams), totalsParams.values)).getRowObjectsJson();
		const sort = q.sort ?? 'unit_return_rate';
		const direction = q.order === 'asc' ? 'ASC' : 'DESC';
		return respondList(c.var, {
			...rates,
			params: params.values,
			// Low-sample groups always come after groups with enough data, whatever the sort.
			orderBy: `low_sample ASC, ${sort} ${direction} NULLS LAST, key ASC`,
			name: `return-rates-by-${q.by}`,
			meta: { by: q.by, minUnits: q.minUnits, sort, order: q.order, filters: appliedFilters(q), totals, definitions: RATE_DEFINITIONS }
		}, q);
	})
	.get('/trend', queryValidator(returnRateTrendQuery), async (c) => {
		const q = c.req.valid('query');
		const params = new SqlParams();
		return respondList(c.var, {
			sql: buildReturnRateTrendSql(q.interval, q.returnWindowDays, q, await cellsExact(c.var.connection), params),
			params: params.values,
			orderBy: `period ${q.order === 'desc' && q.sort ? 'DESC' : 'ASC'}`,
			name: `return-rate-trend-by-${q.interval}`,
			meta: {
				interval: q.interval,
				returnWindowDays: q.returnWindowDays,
				filters: appliedFilters(q),
				definitions: {
					...RATE_DEFINITIONS,
					period: 'first day of the order cohort (week starting Monday, or month)',
					final: 'false while the cohort’s return window is still open relative to the newest event in the data: its rate will still rise'
				}
			}
		}, q);
	});
