import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { loadMemoryLimitFromEnv } from '../../src/lib/core/db/memory-settings.ts';
import { readGeneration } from '../../src/lib/core/db/generations.ts';
import {
	analyticsStale,
	refreshAnalytics,
	type RefreshMode,
	type RefreshOptions,
	type RefreshTimes
} from './refresh.ts';
import { sha256Text } from './file-hash.ts';
import { loadFile, type FileResult, type ProgressListener } from './load-file.ts';
import { mappingFor, type Mapping } from './mapping.ts';
import { ensureSchema } from './schema.ts';
import type { SourceEntity } from './source-spec.ts';
import { SourceError, discoverSources } from './sources.ts';

export interface IngestOptions {
	dbPath: string;
	paths: string[];
	entity?: SourceEntity;
	/** The entity of a file whose name does not tell (a preset's). */
	fallbackEntity?: SourceEntity;
	mapping?: Mapping;
	onProgress?: ProgressListener;
	onFile?: (result: FileResult) => void;
	/** How the analytics are refreshed after the loads (refresh.ts): incrementally where they can be. */
	refresh?: RefreshOptions;
}

export interface IngestSummary {
	dbPath: string;
	files: FileResult[];
	/** Files that could not be read at all; the others still loaded. */
	errors: { path: string; message: string }[];
	/** Time spent on each step of the analytics refresh; absent when nothing was new to refresh. */
	refreshMs?: RefreshTimes;
	/** Whether the refresh rebuilt every table or brought the published ones up to date. */
	refreshMode?: RefreshMode;
	ms: number;
}

/**
 * Loads files and folders into the database file, each file atomically, then rebuilds the analytics
 * tables so the server only reads them. A file that cannot be read is reported and the rest still load.
 */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
	mkdirSync(dirname(options.dbPath), { recursive: true });
	const db = await openDatabase(options.dbPath, { memoryLimit: loadMemoryLimitFromEnv() });
	try {
		return await ingestInto(db, options);
	} finally {
		db.close();
	}
}

/**
 * ingest, into a database this process holds open: the running server loads this way, while its
 * requests go on reading the published analytics generation until the refresh publishes the next.
 */
export async function ingestInto(db: Database, options: IngestOptions): Promise<IngestSummary> {
	const started = Date.now();
	const sources = await discoverSources(options.paths, options.entity, options.fallbackEntity);
	const connection = await db.connect();
	try {
		// Loads write the data in main; the refresh reads and builds generations itself.
		await readGeneration(connection, null);
		await ensureSchema(connection);
		const files: FileResult[] = [];
		const errors: IngestSummary['errors'] = [];
		for (const source of sources) {
			const mapping = mappingFor(options.mapping, source.entity);
			try {
				const result = await loadFile(connection, source, {
					mapping,
					mappingHash: sha256Text(JSON.stringify(mapping)),
					onProgress: options.onProgress
				});
				files.push(result);
				options.onFile?.(result);
			} catch (error) {
				if (!(error instanceof SourceError)) throw error;
				errors.push({ path: error.path, message: error.message });
			}
		}
		const refresh = files.some((f) => f.status === 'loaded') || (await analyticsStale(connection));
		const result = refresh ? await refreshAnalytics(connection, options.refresh) : undefined;
		return {
			dbPath: options.dbPath,
			files,
			errors,
			refreshMs: result?.ms,
			refreshMode: result?.mode,
			ms: Date.now() - started
		};
	} finally {
		connection.closeSync();
	}
}

/**
 * Rebuilds the analytics tables of an existing database when they are stale: some missing, built by
 * another version (a database written by an older one), or a refresh cut off before it finished. Loads nothing.
 * Returns the summary, or null when they were fresh: that check opens the file read-only, so it runs beside a server.
 */
export async function refreshIfStale(dbPath: string): Promise<IngestSummary | null> {
	const db = await openDatabase(dbPath, { readOnly: true });
	const connection = await db.connect();
	const stale = await analyticsStale(connection).finally(() => {
		connection.closeSync();
		db.close();
	});
	return stale ? ingest({ dbPath, paths: [] }) : null;
}
