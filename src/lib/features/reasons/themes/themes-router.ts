import { Hono } from 'hono';
import { SqlParams } from '../../../core/db/sql-params.ts';
import type { ApiEnv } from '../../../core/api/api-env.ts';
import { queryValidator } from '../../../core/api/query-validator.ts';
import { appliedFilters } from '../../../core/filters/filter-sql.ts';
import { respondList } from '../../../core/api/list-response.ts';
import { REASON_CLUSTER_DEFINITIONS, reasonAssignmentsQuery, reasonClustersQuery } from './themes.ts';
import { buildReasonAssignmentsSql, reasonClustersList } from './themes-sql.ts';

export const reasonClusters = new Hono<ApiEnv>()
	.get('/clusters', queryValidator(reasonClustersQuery), async (c) => {
		const q = c.req.valid('query');
		const params = new SqlParams();
		const sort = q.sort ?? 'size';
		return respondList(c.var, {
			...reasonClustersList(q, params),
			params: params.values,
			orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, cluster_id ASC`,
			name: 'reason-clusters',
			meta: { sort, order: q.order, filters: appliedFilters(q), definitions: REASON_CLUSTER_DEFINITIONS }
		}, q);
	})
	.get('/assignments', queryValidator(reasonAssignmentsQuery), async (c) => {
		const q = c.req.valid('query');
		const params = new SqlParams();
		const sort = q.sort ?? 'created_at';
		const direction = q.order === 'asc' ? 'ASC' : 'DESC';
		return respondList(c.var, {
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
		}, q);
	});
