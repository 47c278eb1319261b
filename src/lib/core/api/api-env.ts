import type { DuckDBConnection } from '@duckdb/node-api';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AuditedRequest } from '../audit/audited-request.ts';
import type { Identity } from '../auth/identify.ts';
import type { DataWriter } from '../contract/load-request.ts';
import type { Database } from '../db/db.ts';

/** What every API handler finds in its context. */
export interface ApiEnv {
	Variables: {
		/** This request's own connection, closed when the request is done. */
		connection: DuckDBConnection;
		/** The process's one database, for work that outlives the request (streamed exports). */
		db: Database;
		/** Who is asking; null only on the routes open to anyone (the health check). */
		user: Identity | null;
		/** The audit log, if the server keeps one. */
		audit: AuditLog | null;
		/** What loads files into the database, when this server does (POST /api/loads). */
		writer: DataWriter | null;
		/** This request's audit entry, for customer-level data only: lists report their rows to it. */
		audited: AuditedRequest | null;
	};
}
