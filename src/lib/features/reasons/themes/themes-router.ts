import { Hono } from 'hono';
import type { ApiEnv } from '../../../core/api/api-env.ts';
import { queryValidator } from '../../../core/api/query-validator.ts';
import { respondList } from '../../../core/api/list-response.ts';
import { reasonAssignmentsQuery, reasonClustersQuery } from './themes.ts';
import { reasonAssignmentsStatement, reasonClustersStatement } from './themes-statements.ts';

export const reasonClusters = new Hono<ApiEnv>()
	.get('/clusters', queryValidator(reasonClustersQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, reasonClustersStatement(q), q);
	})
	.get('/assignments', queryValidator(reasonAssignmentsQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, reasonAssignmentsStatement(q), q);
	});
