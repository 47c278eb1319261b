import { ingestInto, type IngestOptions } from '../../../pipelines/ingest/ingest.ts';
import { loadMapping, loadPreset, soleEntity } from '../../../pipelines/ingest/mapping.ts';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { copyDatabase, eraseWhileServing } from '../../../pipelines/forget/forget-customer.ts';
import type {
	DataWriter,
	ForgetOutcome,
	LoadEvent,
	LoadRequest,
	UploadOptions
} from '../core/contract/load-request.ts';
import { openDatabase, type Database } from '../core/db/db.ts';

/** What the server lends its writer: a pause of every other request, and a new app on a new file. */
export interface ServerControl {
	/** Runs `work` once no other request is under way, holding new ones until it is done. */
	pause<T>(work: () => Promise<T>): Promise<T>;
	/** The database file was replaced: serve this one from now on. */
	reopened(db: Database): void;
	threads: number;
}

/**
 * The server's writing: loads run in the server's own DuckDB instance, one at a time, while requests go
 * on reading the published analytics generation; the refresh publishes the next at its end.
 */
export class ServerWriter implements DataWriter {
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private db: Database,
		private readonly dbPath: string,
		private readonly control: ServerControl
	) {}

	/** Runs after every load and erasure queued before it. */
	private queued<T>(work: () => Promise<T>): Promise<T> {
		const done = this.queue.then(work);
		this.queue = done.then(
			() => undefined,
			() => undefined
		);
		return done;
	}

	forget(customerId: string): Promise<ForgetOutcome> {
		return this.queued(async () => {
			const result = await eraseWhileServing(this.db, customerId);
			if (!result.found) return result;
			// The erased values stay in the file's free blocks until a copy of it replaces it: a short pause.
			const rewritePath = `${this.dbPath}.forget-rewrite`;
			await this.control.pause(async () => {
				for (const path of [rewritePath, `${rewritePath}.wal`]) rmSync(path, { force: true });
				await copyDatabase(this.db, rewritePath);
				this.db.close();
				rmSync(`${this.dbPath}.wal`, { force: true });
				renameSync(rewritePath, this.dbPath);
				this.db = await openDatabase(this.dbPath, { threads: this.control.threads });
				this.control.reopened(this.db);
			});
			return result;
		});
	}

	load(request: LoadRequest, onEvent: (event: LoadEvent) => void): Promise<void> {
		const run = async () => {
			try {
				const mapping = request.preset
					? await loadPreset(request.preset)
					: request.mapping
						? await loadMapping(request.mapping)
						: undefined;
				const summary = await ingestInto(this.db, {
					dbPath: this.dbPath,
					paths: request.paths,
					entity: request.entity as IngestOptions['entity'],
					fallbackEntity: request.preset ? soleEntity(mapping) : undefined,
					mapping,
					onProgress: (progress) => onEvent({ progress })
				});
				onEvent({ summary });
			} catch (error) {
				console.error('A load through the server failed:', error);
				onEvent({ error: (error as Error).message });
			}
		};
		return this.queued(run);
	}

	async loadUpload(
		file: File,
		options: UploadOptions,
		onEvent: (event: LoadEvent) => void,
		mapping?: File
	): Promise<void> {
		const folder = join(dirname(this.dbPath), 'uploads', new Date().toISOString().replace(/[:.]/g, '-'));
		const path = await keep(folder, file, 'upload.csv');
		// In a folder of its own: a mapping named like the data must not replace it.
		const mappingPath = mapping ? await keep(join(folder, 'mapping'), mapping, 'mapping.json') : undefined;
		return this.load({ paths: [path], ...options, ...(mappingPath ? { mapping: mappingPath } : {}) }, onEvent);
	}
}

/**
 * Writes an uploaded file into the upload's folder under its own name made safe: the name says the entity
 * (orders…, ledger…), and nothing of it may leave the folder.
 */
async function keep(folder: string, file: File, fallback: string): Promise<string> {
	mkdirSync(folder, { recursive: true });
	const name =
		basename(file.name)
			.replace(/[^A-Za-z0-9._-]/g, '_')
			.replace(/^\.+/, '') || fallback;
	const path = join(folder, name);
	writeFileSync(path, new Uint8Array(await file.arrayBuffer()), { mode: 0o600 });
	return path;
}
