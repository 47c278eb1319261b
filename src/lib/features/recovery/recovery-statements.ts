import type { DuckDBConnection } from '@duckdb/node-api';
import type { z } from 'zod';
import { BACKLOG_DEFINITIONS, RECOVERY_DEFINITIONS, type backlogQuery, type recoveryQuery } from './recovery.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import type { ListSpec } from '../../core/api/list-response.ts';
import { BACKLOG_TOTALS, buildBacklogSql, buildRecoveryScopeSql, buildRecoverySql } from './recovery-sql.ts';

/**
 * `GET /api/recovery`: the recovery figures per group as a list, after reading their totals over the
 * scope (and, for a live scope, the groups' medians with them). The route and bench:api both run it.
 */
export async function recoveryStatement(
	q: z.output<typeof recoveryQuery>,
	connection: DuckDBConnection
): Promise<ListSpec> {
	const scopeParams = new SqlParams();
	const [scope] = (
		await connection.runAndReadAll(buildRecoveryScopeSql(q.by, q, scopeParams), scopeParams.values)
	).getRowObjectsJson();
	const { group_keys, group_median_days, ...totals } = scope;
	const params = new SqlParams();
	const sql = buildRecoverySql(q.by, q, params, {
		keys: (group_keys ?? []) as string[],
		days: (group_median_days ?? []) as string[]
	});
	const sort = q.sort ?? 'inspected_units';
	return {
		sql,
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, inspected_units DESC, key ASC`,
		name: `recovery-by-${q.by}`,
		meta: { by: q.by, sort, order: q.order, filters: appliedFilters(q), totals, definitions: RECOVERY_DEFINITIONS }
	};
}

/** `GET /api/recovery/backlog`: the lines waiting for inspection, oldest first unless a sort is asked for. */
export function backlogStatement(q: z.output<typeof backlogQuery>): ListSpec {
	const params = new SqlParams();
	const sort = q.sort ?? 'age_days';
	return {
		sql: buildBacklogSql(q, params),
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, rma_id ASC, line_id ASC`,
		name: 'recovery-backlog',
		totals: BACKLOG_TOTALS,
		meta: { sort, order: q.order, filters: appliedFilters(q), definitions: BACKLOG_DEFINITIONS }
	};
}
