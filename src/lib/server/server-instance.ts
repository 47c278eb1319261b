import { authFromEnv } from '../core/auth/auth-config.ts';
import { dbPathFromEnv, readOnlyServingFromEnv, serverThreadsFromEnv } from '../core/db/db.ts';
import { memoryLimitFromEnv } from '../core/db/memory-settings.ts';
import { createApiHandler } from './app-instance.ts';

const dbPath = dbPathFromEnv();

// A malformed RETURNS_DB_MEMORY stops the server as it starts, as a malformed RETURNS_DB_THREADS does,
// instead of answering every request that the database cannot be opened.
memoryLimitFromEnv();

/** The server's one authentication, shared by the API and the pages (hooks.server.ts, sign-in). */
export const serverAuth = authFromEnv(dbPath);

export const handleApiRequest = createApiHandler(dbPath, serverThreadsFromEnv(), serverAuth, {
	readOnly: readOnlyServingFromEnv()
});
