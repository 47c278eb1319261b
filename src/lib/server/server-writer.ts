import { ingestInto, type IngestOptions } from '../../../pipelines/ingest/ingest.ts';
import { loadMapping } from '../../../pipelines/ingest/mapping.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DataWriter, LoadEvent, LoadRequest, UploadOptions } from '../core/contract/load-request.ts';
import type { Database } from '../core/db/db.ts';

/**
 * The server's writing: loads run in the server's own DuckDB instance, one at a time, while requests go
 * on reading the published analytics generation; the refresh publishes the next at its end.
 */
export class ServerWriter implements DataWriter {
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly db: Database,
		private readonly dbPath: string
	) {}

	load(request: LoadRequest, onEvent: (event: LoadEvent) => void): Promise<void> {
		const run = async () => {
			try {
				const mapping = request.mapping ? await loadMapping(request.mapping) : undefined;
				const summary = await ingestInto(this.db, {
					dbPath: this.dbPath,
					paths: request.paths,
					entity: request.entity as IngestOptions['entity'],
					mapping,
					onProgress: (progress) => onEvent({ progress })
				});
				onEvent({ summary });
			} catch (error) {
				console.error('A load through the server failed:', error);
				onEvent({ error: (error as Error).message });
			}
		};
		this.queue = this.queue.then(run);
		return this.queue;
	}

	async loadUpload(file: File, options: UploadOptions, onEvent: (event: LoadEvent) => void): Promise<void> {
		// The name says the entity (orders…, ledger…); nothing of it may leave the uploads folder.
		const name =
			basename(file.name)
				.replace(/[^A-Za-z0-9._-]/g, '_')
				.replace(/^\.+/, '') || 'upload.csv';
		const folder = join(dirname(this.dbPath), 'uploads', new Date().toISOString().replace(/[:.]/g, '-'));
		mkdirSync(folder, { recursive: true });
		const path = join(folder, name);
		writeFileSync(path, new Uint8Array(await file.arrayBuffer()), { mode: 0o600 });
		return this.load({ paths: [path], ...options }, onEvent);
	}
}
