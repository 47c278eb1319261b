import type { z } from 'zod';
import { SqlParams } from '../../../core/db/sql-params.ts';
import { appliedFilters } from '../../../core/filters/filter-sql.ts';
import type { ListSpec } from '../../../core/api/list-response.ts';
import { REASON_CLUSTER_DEFINITIONS, type reasonAssignmentsQuery, type reasonClustersQuery } from './themes.ts';
import { buildReasonAssignmentsSql, reasonClustersList } from './themes-sql.ts';

/**
 * `GET /api/reasons/clusters`: the comment themes in scope as a list, with their totals. The route and
 * bench:api both run it.
 */
export function reasonClustersStatement(q: z.output<typeof reasonClustersQuery>): ListSpec {
	const params = new SqlParams();
	const sort = q.sort ?? 'size';
	return {
		...reasonClustersList(q, params),
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, cluster_id ASC`,
		name: 'reason-clusters',
		meta: { sort, order: q.order, filters: appliedFilters(q), definitions: REASON_CLUSTER_DEFINITIONS }
	};
}

/**
 * `GET /api/reasons/assignments`: the commented returns with their theme, as a list. The route and
 * bench:api both run it.
 */
export function reasonAssignmentsStatement(q: z.output<typeof reasonAssignmentsQuery>): ListSpec {
	const params = new SqlParams();
	const sort = q.sort ?? 'created_at';
	const direction = q.order === 'asc' ? 'ASC' : 'DESC';
	return {
		...buildReasonAssignmentsSql(q, q.cluster, params),
		params: params.values,
		orderBy: `${sort} ${direction} NULLS LAST, rma_id ${direction}, line_id ${direction}`,
		name: 'reason-cluster-assignments',
		readsRows: true,
		meta: {
			sort,
			order: q.order,
			filters: { ...appliedFilters(q), ...(q.cluster ? { cluster: q.cluster } : {}) },
			definitions: REASON_CLUSTER_DEFINITIONS
		}
	};
}
