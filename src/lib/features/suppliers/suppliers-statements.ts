import type { DuckDBConnection } from '@duckdb/node-api';
import type { z } from 'zod';
import { SUPPLIER_DEFINITIONS, type suppliersQuery } from './suppliers.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import { cellsExact } from '../../core/cells/rate-source-sql.ts';
import type { ListSpec } from '../../core/api/list-response.ts';
import { buildSupplierTotalsSql, buildSuppliersSql } from './suppliers-sql.ts';

/**
 * `GET /api/suppliers`: the suppliers' figures as a list, after reading whether the cells are exact
 * and the totals over the scope. The route and bench:api both run it.
 */
export async function suppliersStatement(
	q: z.output<typeof suppliersQuery>,
	connection: DuckDBConnection
): Promise<ListSpec> {
	const exact = await cellsExact(connection);
	const params = new SqlParams();
	const sql = buildSuppliersSql(q, q.minUnits, exact, params);
	const totalsParams = new SqlParams();
	const [totals] = (
		await connection.runAndReadAll(buildSupplierTotalsSql(q, exact, totalsParams), totalsParams.values)
	).getRowObjectsJson();
	const sort = q.sort ?? 'defect_return_rate';
	return {
		sql,
		params: params.values,
		// Low-sample suppliers always come after suppliers with enough data, whatever the sort.
		orderBy: `low_sample ASC, ${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, key ASC`,
		name: 'suppliers',
		meta: {
			minUnits: q.minUnits,
			sort,
			order: q.order,
			filters: appliedFilters(q),
			totals,
			definitions: SUPPLIER_DEFINITIONS
		}
	};
}
