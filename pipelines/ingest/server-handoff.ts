import { resolve } from 'node:path';
import type { LoadEvent, LoadRequest } from '../../src/lib/core/contract/load-request.ts';
import { readServerFile, type ServerFile } from '../../src/lib/core/db/server-file.ts';
import type { IngestSummary } from './ingest.ts';
import type { ProgressListener } from './load-file.ts';

/** DuckDB's answer when another process holds the file: the server, or another load. */
export const isLockError = (error: unknown) =>
	error instanceof Error && /Could not set lock on file/.test(error.message);

/**
 * When opening the database failed on its lock and a running server holds it, has the server load
 * the files (ingestThroughServer) and returns its summary; otherwise null, and the error stands.
 */
export async function handOffToServer(
	error: unknown,
	dbPath: string,
	load: { paths: string[]; entity?: string; mapping?: string; preset?: string },
	onProgress?: ProgressListener
): Promise<IngestSummary | null> {
	const server = isLockError(error) ? readServerFile(dbPath) : null;
	if (!server) return null;
	console.error(`… the server (process ${server.pid}) holds ${dbPath}: it loads the files`);
	return ingestThroughServer(server, load, onProgress);
}

/**
 * Has the running server load the files (POST /api/loads), printing its progress as it goes: the same
 * load as a local one, made in the server's own process while its pages keep answering.
 */
export async function ingestThroughServer(
	server: ServerFile,
	load: { paths: string[]; entity?: string; mapping?: string; preset?: string },
	onProgress?: ProgressListener
): Promise<IngestSummary> {
	const request: LoadRequest = {
		paths: load.paths.map((path) => resolve(path)),
		...(load.entity ? { entity: load.entity } : {}),
		...(load.mapping ? { mapping: resolve(load.mapping) } : {}),
		...(load.preset ? { preset: load.preset } : {})
	};
	let response: Response;
	try {
		response = await fetch(new URL('/api/loads', server.url), {
			method: 'POST',
			headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
			body: JSON.stringify(request)
		});
	} catch (error) {
		throw new Error(
			`the server (process ${server.pid}) holds the database but does not answer at ${server.url} ` +
				`(${(error as Error).message}); set RETURNS_SERVER_URL for the server if it listens elsewhere`,
			{ cause: error }
		);
	}
	if (!response.ok || !response.body) {
		const text = await response.text();
		throw new Error(`the server refused the load (${response.status}): ${text}`);
	}
	let summary: IngestSummary | undefined;
	let pending = '';
	const decoder = new TextDecoder();
	const reader = response.body.getReader();
	for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
		pending += decoder.decode(chunk.value, { stream: true });
		const lines = pending.split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines.filter(Boolean)) {
			const event = JSON.parse(line) as LoadEvent;
			if ('progress' in event) onProgress?.(event.progress);
			else if ('summary' in event) summary = event.summary as IngestSummary;
			else throw new Error(`the server's load failed: ${event.error}`);
		}
	}
	if (!summary) throw new Error('the server ended the load without a summary');
	return summary;
}
