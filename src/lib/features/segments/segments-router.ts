import { Hono } from 'hono';
import type { ApiError } from '../../core/api/api-error.ts';
import { SEGMENT_DEFINITIONS, segmentCustomersQuery, segmentsQuery } from './segments.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import { respondList } from '../../core/api/list-response.ts';
import { buildSegmentCustomersSql, buildSegmentExistsSql, buildSegmentsSql } from './segments-sql.ts';

export const segments = new Hono<ApiEnv>()
	.get('/', queryValidator(segmentsQuery), async (c) => {
		const q = c.req.valid('query');
		const params = new SqlParams();
		const sort = q.sort ?? 'size';
		return respondList(c.var, {
			sql: buildSegmentsSql(q.country, params),
			params: params.values,
			orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'}, id ASC`,
			name: 'segments',
			meta: { sort, order: q.order, filters: appliedFilters(q), definitions: SEGMENT_DEFINITIONS }
		}, q);
	})
	.get('/:id/customers', queryValidator(segmentCustomersQuery), async (c) => {
		const q = c.req.valid('query');
		const id = c.req.param('id');
		const existsParams = new SqlParams();
		const [{ found }] = (await c.var.connection.runAndReadAll(buildSegmentExistsSql(id, existsParams), existsParams.values)).getRowObjectsJson();
		if (found !== true) return c.json({ error: `No segment "${id}": GET /api/segments lists them` } satisfies ApiError, 404);
		const params = new SqlParams();
		const sort = q.sort ?? 'last_return';
		return respondList(c.var, {
			sql: buildSegmentCustomersSql(id, q.country, params),
			params: params.values,
			orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, customer_id ASC`,
			name: `segment-${id}`,
			readsRows: true,
			meta: { segment: id, sort, order: q.order, filters: appliedFilters(q), definitions: SEGMENT_DEFINITIONS }
		}, q);
	});
