import type { z } from 'zod';
import { MISMATCH_DEFINITIONS, type reasonMismatchQuery } from './mismatch.ts';
import { SqlParams } from '../../../core/db/sql-params.ts';
import { appliedFilters } from '../../../core/filters/filter-sql.ts';
import type { ListSpec } from '../../../core/api/list-response.ts';
import { REASON_MISMATCH_TOTALS, buildReasonMismatchSql } from './mismatch-sql.ts';

/**
 * `GET /api/reasons/mismatch`: stated reasons against inspection per group as a list, with their
 * totals. The route and bench:api both run it.
 */
export function reasonMismatchStatement(q: z.output<typeof reasonMismatchQuery>): ListSpec {
	const params = new SqlParams();
	const sql = buildReasonMismatchSql(q.by, q, params);
	const sort = q.sort ?? 'claimed_defect_not_confirmed';
	return {
		sql,
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, inspected_lines DESC, key ASC`,
		name: `reason-mismatch-by-${q.by}`,
		meta: {
			by: q.by,
			sort,
			order: q.order,
			filters: { ...appliedFilters(q), ...(q.reasonGroup ? { reasonGroup: q.reasonGroup } : {}) },
			definitions: MISMATCH_DEFINITIONS
		},
		totals: REASON_MISMATCH_TOTALS
	};
}
