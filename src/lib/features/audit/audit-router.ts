import { Hono } from 'hono';
import { auditEntrySchema } from '../../core/audit/audit-log.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { csvCell } from '../../core/api/list-response.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { auditQuery, selectEntries, type AuditAnswer } from './audit.ts';

const COLUMNS = Object.keys(auditEntrySchema.shape) as (keyof typeof auditEntrySchema.shape)[];

export const audit = new Hono<ApiEnv>().get('/', queryValidator(auditQuery), (c) => {
	const q = c.req.valid('query');
	const log = c.var.audit;
	const selected = selectEntries(log?.entries() ?? [], q);
	const rows = selected.slice(q.offset, q.offset + q.limit);
	if (q.format === 'csv') {
		const lines = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((k) => csvCell(row[k])).join(','))];
		return c.body(lines.join('\n') + '\n', 200, {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="audit.csv"'
		});
	}
	return c.json({
		rows,
		meta: {
			recording: log !== null,
			total_rows: selected.length,
			row_count: rows.length,
			limit: q.limit,
			offset: q.offset
		}
	} satisfies AuditAnswer);
});
