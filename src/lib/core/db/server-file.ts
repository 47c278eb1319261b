import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A running server holds its database file open for writing, so a command such as `npm run ingest`
 * cannot open it; the server leaves this file beside the database to say where to hand the work
 * instead, with a token that admits the command (readable by the file's owner only).
 */
export const serverFilePath = (dbPath: string) => `${dbPath}.server.json`;

const serverFileSchema = z.object({ pid: z.number().int(), url: z.string().url(), token: z.string().min(32) });
export type ServerFile = z.infer<typeof serverFileSchema>;

export function writeServerFile(dbPath: string, server: ServerFile): void {
	writeFileSync(serverFilePath(dbPath), JSON.stringify(server) + '\n', { mode: 0o600 });
}

export function removeServerFile(dbPath: string, pid: number): void {
	if (readServerFile(dbPath)?.pid === pid) rmSync(serverFilePath(dbPath), { force: true });
}

/** The server that holds the database, or null when none left a file or its process is gone. */
export function readServerFile(dbPath: string): ServerFile | null {
	let parsed;
	try {
		parsed = serverFileSchema.safeParse(JSON.parse(readFileSync(serverFilePath(dbPath), 'utf8')));
	} catch {
		return null;
	}
	if (!parsed.success) return null;
	try {
		process.kill(parsed.data.pid, 0);
	} catch {
		return null;
	}
	return parsed.data;
}

/**
 * Where this process's server can be reached from the same machine: RETURNS_SERVER_URL, else the
 * adapter's HOST and PORT (127.0.0.1 for a server on every interface).
 */
export function localServerUrl(env: NodeJS.ProcessEnv = process.env): string {
	if (env.RETURNS_SERVER_URL) return env.RETURNS_SERVER_URL;
	const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
	return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT || '3000'}`;
}
