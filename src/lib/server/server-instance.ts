import { authFromEnv } from '../core/auth/auth-config.ts';
import { dbPathFromEnv, serverThreadsFromEnv } from '../core/db/db.ts';
import { createApiHandler } from './app-instance.ts';

const dbPath = dbPathFromEnv();

/** The server's one authentication, shared by the API and the pages (hooks.server.ts, sign-in). */
export const serverAuth = authFromEnv(dbPath);

export const handleApiRequest = createApiHandler(dbPath, serverThreadsFromEnv(), serverAuth);
