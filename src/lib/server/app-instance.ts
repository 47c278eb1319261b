import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import type { ApiError } from '../core/api/api-error.ts';
import type { AuthOptions } from '../core/auth/identify.ts';
import { admit } from './api-access.ts';
import { createApp, type ApiApp } from './create-app.ts';
import { openDatabase } from '../core/db/db.ts';
import { localServerUrl, removeServerFile, writeServerFile } from '../core/db/server-file.ts';
import { ServerWriter, type ServerControl } from './server-writer.ts';

export type ApiHandler = (request: Request) => Promise<Response>;

/**
 * The API over one database file, opened on the first request and kept from then on, since DuckDB
 * wants one instance per process. The server owns the file: it opens it for writing, loads files itself
 * (POST /api/loads) while requests go on reading, and leaves a note beside it (server-file.ts) so that
 * `npm run ingest` hands its files over instead of failing on the lock. While the file is missing or
 * cannot be opened the API answers 503 and tries again on the next request, so a server started before
 * the first load needs no restart. Only to those the API would answer: the others hear 401 or 403 as
 * ever, and not where the file is. `threads`: DuckDB's (serverThreadsFromEnv); `auth`: how it tells who
 * is asking. `readOnly` (RETURNS_READ_ONLY): serve the file as it is, beside other readers, and write
 * nothing: loads, erasures and alert statuses answer 503.
 */
export function createApiHandler(
	dbPath: string,
	threads: number,
	auth: AuthOptions,
	{ readOnly = false }: { readOnly?: boolean } = {}
): ApiHandler {
	let app: Promise<ApiApp> | undefined;
	// Requests under way, and a pause (an erasure replacing the file) that new ones wait for.
	let active = 0;
	let paused: Promise<void> | null = null;
	let drained: (() => void) | null = null;
	const control: ServerControl = {
		threads,
		// Called from within the request that asked for it: it waits for the others only.
		async pause(work) {
			let release = () => {};
			paused = new Promise((resolve) => (release = resolve));
			if (active > 1) await new Promise<void>((resolve) => (drained = resolve));
			try {
				return await work();
			} finally {
				paused = null;
				release();
			}
		},
		reopened(db) {
			app = Promise.resolve(createApp(db, serving.auth, serving.writer!));
		}
	};
	const serving: { auth: AuthOptions; writer: ServerWriter | null } = { auth, writer: null };
	return async (request) => {
		while (paused) await paused;
		if (!app) {
			const { refusal } = admit(request, auth);
			if (refusal) return refusal;
			if (!existsSync(dbPath)) {
				return unavailable(
					`No database ${basename(dbPath)} yet: load data with "npm run ingest", ` +
						`or run "npm start", which loads a demo data set.`
				);
			}
			app = openDatabase(dbPath, { threads, readOnly }).then((db) => {
				if (readOnly) return createApp(db, auth);
				const commandToken = randomBytes(32).toString('base64url');
				writeServerFile(dbPath, { pid: process.pid, url: localServerUrl(), token: commandToken });
				process.once('exit', () => removeServerFile(dbPath, process.pid));
				serving.auth = { ...auth, commandToken };
				serving.writer = new ServerWriter(db, dbPath, control);
				return createApp(db, serving.auth, serving.writer);
			});
		}
		let ready: ApiApp;
		try {
			ready = await app;
		} catch (error) {
			app = undefined;
			console.error(`Cannot open the database ${dbPath}:`, error);
			return unavailable(
				`Cannot open the database ${basename(dbPath)}: another process may be writing it ` +
					'(a load with "npm run ingest"), or it is damaged. The server log has the details.'
			);
		}
		active++;
		try {
			return await ready.fetch(request);
		} finally {
			active--;
			if (active <= 1 && drained) {
				drained();
				drained = null;
			}
		}
	};
}

function unavailable(error: string): Response {
	return Response.json({ error } satisfies ApiError, { status: 503 });
}
