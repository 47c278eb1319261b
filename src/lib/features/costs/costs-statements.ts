import type { DuckDBConnection } from '@duckdb/node-api';
import type { z } from 'zod';
import { REFUND_DEFINITIONS, type refundBreakdownQuery } from './costs.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import type { ListSpec } from '../../core/api/list-response.ts';
import { buildRefundBreakdownSql, buildRefundTotalsSql } from './costs-sql.ts';

/**
 * `GET /api/refunds/breakdown`: refunds and costs per group as a list, after reading their totals over
 * the scope. The route and bench:api both run it.
 */
export async function refundBreakdownStatement(
	q: z.output<typeof refundBreakdownQuery>,
	connection: DuckDBConnection
): Promise<ListSpec> {
	const params = new SqlParams();
	const sql = buildRefundBreakdownSql(q.by, q, params);
	const totalsParams = new SqlParams();
	const [totals] = (
		await connection.runAndReadAll(buildRefundTotalsSql(q, totalsParams), totalsParams.values)
	).getRowObjectsJson();
	const sort = q.sort ?? 'net_return_cost';
	const direction = q.order === 'asc' ? 'ASC' : 'DESC';
	return {
		sql,
		params: params.values,
		// Net cost is null when grouping by method: refunded then decides, so the order still means something.
		orderBy: `${sort} ${direction} NULLS LAST, refunded DESC, key ASC`,
		name: `refunds-by-${q.by}`,
		meta: { by: q.by, sort, order: q.order, filters: appliedFilters(q), totals, definitions: REFUND_DEFINITIONS }
	};
}
