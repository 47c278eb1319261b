import type { DuckDBConnection } from '@duckdb/node-api';
import type { z } from 'zod';
import { SEGMENT_DEFINITIONS, type segmentCustomersQuery, type segmentsQuery } from './segments.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import type { ListSpec } from '../../core/api/list-response.ts';
import { buildSegmentCustomersSql, buildSegmentExistsSql, buildSegmentsSql } from './segments-sql.ts';

/** `GET /api/segments`: the segments as a list. The route and bench:api both run it. */
export function segmentsStatement(q: z.output<typeof segmentsQuery>): ListSpec {
	const params = new SqlParams();
	const sort = q.sort ?? 'size';
	return {
		sql: buildSegmentsSql(q.country, params),
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'}, id ASC`,
		name: 'segments',
		meta: { sort, order: q.order, filters: appliedFilters(q), definitions: SEGMENT_DEFINITIONS }
	};
}

/**
 * `GET /api/segments/:id/customers`: one segment's customers as a list, after reading whether the
 * segment exists (null when it does not). The route and bench:api both run it.
 */
export async function segmentCustomersStatement(
	id: string,
	q: z.output<typeof segmentCustomersQuery>,
	connection: DuckDBConnection
): Promise<ListSpec | null> {
	const existsParams = new SqlParams();
	const [{ found }] = (
		await connection.runAndReadAll(buildSegmentExistsSql(id, existsParams), existsParams.values)
	).getRowObjectsJson();
	if (found !== true) return null;
	const params = new SqlParams();
	const sort = q.sort ?? 'last_return';
	return {
		sql: buildSegmentCustomersSql(id, q.country, params),
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, customer_id ASC`,
		name: `segment-${id}`,
		readsRows: true,
		meta: { segment: id, sort, order: q.order, filters: appliedFilters(q), definitions: SEGMENT_DEFINITIONS }
	};
}
