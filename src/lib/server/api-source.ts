import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isLockError } from '../../../pipelines/ingest/server-handoff.ts';
import type { ApiError } from '../core/api/api-error.ts';
import { AuditLog, auditFilePath } from '../core/audit/audit-log.ts';
import { openDatabase } from '../core/db/db.ts';
import { readServerFile } from '../core/db/server-file.ts';
import { createApp } from './create-app.ts';

/**
 * The API as a command reads it (`npm run report`, `npm run alerts`): the same routes, so the figures are
 * the dashboard's. In-process over the database file when the command can open it, else, while a running
 * server holds the file, that server over HTTP with the token it leaves beside the database.
 */
export interface ApiSource {
	/** Where the answers come from, for the command's messages. */
	readonly where: string;
	request(path: string, init?: RequestInit): Promise<Response>;
	/** A GET answered 200, as JSON; anything else throws with the API's own explanation. */
	json<T>(path: string): Promise<T>;
	close(): void;
}

/** A database that is missing or held by a process that is not a server we can ask. */
export class SourceUnavailable extends Error {}

/**
 * Opens the API over `dbPath`: read-only unless `write` (the webhook records its deliveries), as an
 * admin; writes are recorded in the database's audit log as the server records them.
 */
export async function openApiSource(dbPath: string, { write }: { write: boolean }): Promise<ApiSource> {
	if (!existsSync(dbPath))
		throw new SourceUnavailable(`There is no database at ${dbPath}: load data first (npm run ingest, npm start).`);
	let db;
	try {
		db = await openDatabase(dbPath, { readOnly: !write });
	} catch (error) {
		const server = isLockError(error) ? readServerFile(dbPath) : null;
		if (!server) {
			throw new SourceUnavailable(
				`Cannot open ${dbPath}: another process holds it for writing (${(error as Error).message}).`
			);
		}
		const headers = { authorization: `Bearer ${server.token}` };
		return source(`the server at ${server.url} (process ${server.pid})`, (path, init = {}) =>
			fetch(new URL(path, server.url), { ...init, headers: { ...headers, ...init.headers } })
		);
	}
	const token = randomBytes(24).toString('base64url');
	const app = createApp(db, { adminToken: token, audit: new AuditLog(auditFilePath(dbPath)) });
	const opened = db;
	return source(
		dbPath,
		async (path, init = {}) =>
			app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } }),
		() => opened.close()
	);
}

/**
 * Runs a command's work over the API of `dbPath` and closes it: the work's exit code, or 3 with the
 * reason when neither the file nor a server holding it can be read.
 */
export async function withApiSource(
	dbPath: string,
	options: { write: boolean },
	work: (source: ApiSource) => Promise<number>
): Promise<number> {
	let source;
	try {
		source = await openApiSource(dbPath, options);
	} catch (error) {
		if (!(error instanceof SourceUnavailable)) throw error;
		console.error(error.message);
		return 3;
	}
	try {
		return await work(source);
	} finally {
		source.close();
	}
}

function source(
	where: string,
	request: (path: string, init?: RequestInit) => Promise<Response>,
	close: () => void = () => {}
): ApiSource {
	return {
		where,
		request,
		async json<T>(path: string) {
			const response = await request(path, { headers: { accept: 'application/json' } });
			const body = (await response.json().catch(() => null)) as T | ApiError | null;
			if (!response.ok) {
				const error = body && typeof body === 'object' && 'error' in body ? body.error : response.statusText;
				throw new Error(`${path} answered ${response.status}: ${error}`);
			}
			return body as T;
		},
		close
	};
}
