import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditEntry } from '../../core/audit/audit-log.ts';
import { DEFAULT_LIMIT } from '../../core/api/list-response.ts';
import { MAX_LIMIT, filterShape, querySchema } from '../../core/filters/filters.ts';

/** `GET /api/audit` (admin): the audit log's entries, newest first. */
export const auditQuery = querySchema({
	/** Entries on or after this day (UTC). */
	from: filterShape.from,
	/** Entries on or before this day (UTC). */
	to: filterShape.to,
	user: z.string().min(1).optional(),
	action: z.enum(AUDIT_ACTIONS).optional(),
	limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
	offset: z.coerce.number().int().min(0).default(0),
	format: z.enum(['json', 'csv']).default('json')
});
export type AuditQuery = z.output<typeof auditQuery>;

export interface AuditAnswer {
	rows: AuditEntry[];
	meta: {
		/** Whether the server keeps an audit log at all. */
		recording: boolean;
		total_rows: number;
		row_count: number;
		limit: number;
		offset: number;
	};
}

/** The entries a query asks for, newest first, out of the log's (oldest first). */
export function selectEntries(entries: AuditEntry[], q: AuditQuery): AuditEntry[] {
	return entries
		.filter(
			(entry) =>
				(!q.from || entry.at.slice(0, 10) >= q.from) &&
				(!q.to || entry.at.slice(0, 10) <= q.to) &&
				(!q.user || entry.user === q.user) &&
				(!q.action || entry.action === q.action)
		)
		.reverse();
}
