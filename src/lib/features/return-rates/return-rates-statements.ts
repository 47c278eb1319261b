import type { DuckDBConnection } from '@duckdb/node-api';
import type { z } from 'zod';
import { RATE_DEFINITIONS, type returnRateTrendQuery, type returnRatesQuery } from './return-rates.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import { cellsExact } from '../../core/cells/rate-source-sql.ts';
import type { ListSpec } from '../../core/api/list-response.ts';
import { buildRateTotalsSql, buildReturnRateTrendSql, buildReturnRatesSql } from './return-rates-sql.ts';

/**
 * `GET /api/return-rates`: the groups' rates as a list, after reading whether the cells are exact and
 * the totals over the scope. The route and bench:api both run it.
 */
export async function returnRatesStatement(
	q: z.output<typeof returnRatesQuery>,
	connection: DuckDBConnection
): Promise<ListSpec> {
	const exact = await cellsExact(connection);
	const params = new SqlParams();
	const rates = buildReturnRatesSql(q.by, q, q.minUnits, exact, params);
	const totalsParams = new SqlParams();
	const [totals] = (
		await connection.runAndReadAll(buildRateTotalsSql(q, exact, totalsParams), totalsParams.values)
	).getRowObjectsJson();
	const sort = q.sort ?? 'unit_return_rate';
	const direction = q.order === 'asc' ? 'ASC' : 'DESC';
	return {
		...rates,
		params: params.values,
		// Low-sample groups always come after groups with enough data, whatever the sort.
		orderBy: `low_sample ASC, ${sort} ${direction} NULLS LAST, key ASC`,
		name: `return-rates-by-${q.by}`,
		meta: {
			by: q.by,
			minUnits: q.minUnits,
			sort,
			order: q.order,
			filters: appliedFilters(q),
			totals,
			definitions: RATE_DEFINITIONS
		}
	};
}

/** `GET /api/return-rates/trend`: one row per order cohort, after reading whether the cells are exact. */
export async function returnRateTrendStatement(
	q: z.output<typeof returnRateTrendQuery>,
	connection: DuckDBConnection
): Promise<ListSpec> {
	const params = new SqlParams();
	return {
		sql: buildReturnRateTrendSql(q.interval, q.returnWindowDays, q, await cellsExact(connection), params),
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
				final:
					'false while the cohort’s return window is still open relative to the newest event in the data: ' +
					'its rate will still rise'
			}
		}
	};
}
