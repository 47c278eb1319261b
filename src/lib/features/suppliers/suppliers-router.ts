import { Hono } from 'hono';
import { SUPPLIER_DEFINITIONS, suppliersQuery } from './suppliers.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import { cellsExact } from '../../core/cells/rate-source-sql.ts';
import { respondList } from '../../core/api/list-response.ts';
import { buildSupplierTotalsSql, buildSuppliersSql } from './suppliers-sql.ts';

export const suppliers = new Hono<ApiEnv>().get('/', queryValidator(suppliersQuery), async (c) => {
	const q = c.req.valid('query');
	const exact = await cellsExact(c.var.connection);
	const params = new SqlParams();
	const sql = buildSuppliersSql(q, q.minUnits, exact, params);
	const totalsParams = new SqlParams();
	const [totals] = (await c.var.connection.runAndReadAll(buildSupplierTotalsSql(q, exact, totalsParams), totalsParams.values)).getRowObjectsJson();
	const sort = q.sort ?? 'defect_return_rate';
	return respondList(c.var, {
		sql,
		params: params.values,
		// Low-sample suppliers always come after suppliers with enough data, whatever the sort.
		orderBy: `low_sample ASC, ${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, key ASC`,
		name: 'suppliers',
		meta: { minUnits: q.minUnits, sort, order: q.order, filters: appliedFilters(q), totals, definitions: SUPPLIER_DEFINITIONS }
	}, q);
});
