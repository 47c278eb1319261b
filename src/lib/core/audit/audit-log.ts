import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { FORMATS } from '../filters/filters.ts';

export const AUDIT_FILE_NAME = 'audit.jsonl';

/** The audit log: RETURNS_AUDIT_FILE, else audit.jsonl in the database's folder (beside auth.json). */
export function auditFilePath(dbPath: string, env: NodeJS.ProcessEnv = process.env): string {
	return env.RETURNS_AUDIT_FILE || join(dirname(dbPath), AUDIT_FILE_NAME);
}

/**
 * `view`: a page of customer-level data read as JSON; `export`: a CSV or Arrow download; `forget`: an
 * erasure; `acknowledge`, `dismiss`: a person's word on an alert (with their note); `deliver`: an alert
 * a webhook took (`npm run alerts`).
 */
export const AUDIT_ACTIONS = ['view', 'export', 'forget', 'acknowledge', 'dismiss', 'deliver'] as const;

/** One line of the audit log: who took which customer-level data, when, and how many rows of it. */
export const auditEntrySchema = z.object({
	/** When the answer was complete (or cut off), ISO 8601 in UTC. */
	at: z.string(),
	user: z.string(),
	role: z.string(),
	action: z.enum(AUDIT_ACTIONS),
	/** The request's path and query, or what a command did. */
	what: z.string(),
	format: z.enum(FORMATS).nullable(),
	/** Rows handed out: a list's rows, one customer file, the customers forgotten. */
	rows: z.number().int().min(0),
	/** False when the client stopped reading an export before its end (`rows` is what it received). */
	complete: z.boolean()
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * An append-only file of JSON lines: the server opens the database read-only, and an audit trail must not
 * be lost with a rebuilt database. Each entry is one write of one line to a file opened for appending, so
 * entries from the server and from commands such as `npm run forget` never interleave.
 */
export class AuditLog {
	constructor(readonly path: string) {}

	record(entry: AuditEntry): void {
		mkdirSync(dirname(this.path), { recursive: true });
		// Readable by its owner only: it names who looked at which customers.
		appendFileSync(this.path, JSON.stringify(auditEntrySchema.parse(entry)) + '\n', { mode: 0o600 });
	}

	/** Every entry, oldest first; a line that is not an entry (a torn write after a crash) is skipped. */
	entries(): AuditEntry[] {
		let text: string;
		try {
			text = readFileSync(this.path, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
			throw error;
		}
		return text.split('\n').flatMap((line) => {
			if (!line) return [];
			try {
				const parsed = auditEntrySchema.safeParse(JSON.parse(line));
				return parsed.success ? [parsed.data] : [];
			} catch {
				return [];
			}
		});
	}
}
