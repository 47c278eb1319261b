import { existsSync } from 'node:fs';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { sha256Text } from './file-hash.ts';
import type { IngestOptions, IngestSummary } from './ingest.ts';
import { loadFile } from './load-file.ts';
import { mappingFor } from './mapping.ts';
import { ensureSchema } from './schema.ts';
import { SourceError, discoverSources } from './sources.ts';

/**
 * `--check`: reads and validates files exactly as a load would, against the database's orders and RMAs
 * (opened read-only, which another process holding it refuses; an empty in-memory one when there is none yet),
 * and writes nothing. Each file's result says what would be read, loaded and rejected, why, and how the
 * file was read.
 */
export async function checkFiles(options: IngestOptions): Promise<IngestSummary> {
	const started = Date.now();
	const sources = await discoverSources(options.paths, options.entity, options.fallbackEntity);
	const exists = existsSync(options.dbPath);
	const db = await openDatabase(exists ? options.dbPath : ':memory:', { readOnly: exists });
	const connection = await db.connect();
	try {
		if (!exists) await ensureSchema(connection);
		const summary: IngestSummary = { dbPath: options.dbPath, files: [], errors: [], ms: 0 };
		for (const source of sources) {
			const mapping = mappingFor(options.mapping, source.entity);
			const check = { mapping, mappingHash: sha256Text(JSON.stringify(mapping)), check: true };
			await loadFile(connection, source, { ...check, onProgress: options.onProgress }).then(
				(result) => summary.files.push(result),
				(error: unknown) => {
					if (!(error instanceof SourceError)) throw error;
					summary.errors.push({ path: error.path, message: error.message });
				}
			);
		}
		return { ...summary, ms: Date.now() - started };
	} finally {
		connection.closeSync();
		db.close();
	}
}
