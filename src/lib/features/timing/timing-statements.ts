import type { DuckDBConnection } from '@duckdb/node-api';
import type { z } from 'zod';
import { TIMING_DEFINITIONS, type TimingKpis, type timingQuery } from './timing.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import type { ListSpec } from '../../core/api/list-response.ts';
import { buildOpenAgeSql, buildTimingKpisSql } from './timing-sql.ts';

/**
 * `GET /api/timing`: the open returns by age as a list, after reading the times to each step (the
 * list's meta). The route and bench:api both run it.
 */
export async function timingStatement(
	q: z.output<typeof timingQuery>,
	connection: DuckDBConnection
): Promise<ListSpec> {
	const params = new SqlParams();
	const sql = buildOpenAgeSql(q, params);
	const kpiParams = new SqlParams();
	const [kpis] = (
		await connection.runAndReadAll(buildTimingKpisSql(q, q.slaDays, kpiParams), kpiParams.values)
	).getRowObjectsJson() as unknown as TimingKpis[];
	// Buckets read youngest first unless a sort is asked for.
	const orderBy = q.sort
		? `${q.sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, min_days ASC`
		: 'min_days ASC';
	return {
		sql,
		params: params.values,
		orderBy,
		name: 'open-returns-by-age',
		meta: {
			slaDays: q.slaDays,
			sort: q.sort ?? 'min_days',
			order: q.sort ? q.order : 'asc',
			filters: appliedFilters(q),
			kpis,
			definitions: TIMING_DEFINITIONS
		}
	};
}
