import type { DuckDBConnection } from '@duckdb/node-api';
import type { z } from 'zod';
import type { filterOptionsQuery, FilterOption, FilterOptions } from '../../core/filters/filter-options.ts';
import { FILTER_DIMENSIONS, type FilterDimension } from '../../core/filters/filters.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { ORDER_DATES_SQL, buildFilterOptionsSql } from './filter-options-sql.ts';

/**
 * `GET /api/filter-options`: the values of the dimensions asked for (all without `dimension`) and the
 * first and last order dates. The route and bench:api both run it.
 */
export async function readFilterOptions(
	q: z.output<typeof filterOptionsQuery>,
	connection: DuckDBConnection
): Promise<FilterOptions> {
	const asked = q.dimension ?? [...FILTER_DIMENSIONS];
	const params = new SqlParams();
	const rows = (
		await connection.runAndReadAll(buildFilterOptionsSql(asked, params), params.values)
	).getRowObjectsJson() as unknown as ({
		dimension: FilterDimension;
	} & FilterOption)[];
	const dimensions: FilterOptions['dimensions'] = Object.fromEntries(asked.map((d) => [d, [] as FilterOption[]]));
	for (const { dimension, key, label } of rows) dimensions[dimension]!.push({ key, label });
	const [dates] = (await connection.runAndReadAll(ORDER_DATES_SQL)).getRowObjectsJson() as unknown as {
		first: string | null;
		last: string | null;
	}[];
	return { dimensions, orderDates: dates.first && dates.last ? { first: dates.first, last: dates.last } : null };
}
