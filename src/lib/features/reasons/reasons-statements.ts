import type { z } from 'zod';
import { REASON_DEFINITIONS, type reasonsQuery } from './reasons.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import type { ListSpec } from '../../core/api/list-response.ts';
import { REASON_TOTALS, buildReasonsSql } from './reasons-sql.ts';

/** `GET /api/reasons`: returns per stated reason as a list, with their totals. The route and bench:api both run it. */
export function reasonsStatement(q: z.output<typeof reasonsQuery>): ListSpec {
	const params = new SqlParams();
	const sql = buildReasonsSql(q.by, q, params);
	const sort = q.sort ?? 'returned_units';
	return {
		sql,
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, key ASC`,
		name: `reasons-by-${q.by}`,
		meta: { by: q.by, sort, order: q.order, filters: appliedFilters(q), definitions: REASON_DEFINITIONS },
		totals: REASON_TOTALS
	};
}
