import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SOURCE_LOAD_ORDER, sourceEntityFromFileName, type SourceEntity } from './source-spec.ts';

export type SourceFormat = 'csv' | 'parquet' | 'ndjson';

export interface SourceFile {
	path: string;
	entity: SourceEntity;
	format: SourceFormat;
}

/** A file the pipeline cannot read at all: the CLI reports it and exits non-zero. */
export class SourceError extends Error {
	constructor(
		readonly path: string,
		message: string
	) {
		super(`${path}: ${message}`);
	}
}

const FORMATS: [RegExp, SourceFormat][] = [
	[/\.(csv|tsv|txt)(\.gz)?$/i, 'csv'],
	[/\.parquet$/i, 'parquet'],
	[/\.(ndjson|jsonl)(\.gz)?$/i, 'ndjson']
];

export function formatOf(path: string): SourceFormat | undefined {
	return FORMATS.find(([pattern]) => pattern.test(path))?.[1];
}

/**
 * Expands files and folders into the files to load, in dependency order (reasons, orders, ledgers, RMAs,
 * inspections, refunds) so references usually exist by the time they are checked. In a folder, files
 * of no known entity or format are passed over; named explicitly, they are an error, unless `fallback` (a
 * preset's entity) names it.
 */
export async function discoverSources(
	paths: string[],
	entityOverride?: SourceEntity,
	fallback?: SourceEntity
): Promise<SourceFile[]> {
	const found: SourceFile[] = [];
	for (const given of paths) {
		const path = resolve(given);
		const info = await stat(path).catch(() => {
			throw new SourceError(given, 'no such file or folder');
		});
		if (info.isDirectory()) {
			const names = (await readdir(path)).sort();
			for (const name of names) {
				const entity = entityOverride ?? sourceEntityFromFileName(name);
				const format = formatOf(name);
				if (entity && format) found.push({ path: join(path, name), entity, format });
			}
		} else {
			const entity = entityOverride ?? sourceEntityFromFileName(path) ?? fallback;
			const format = formatOf(path);
			if (!format) {
				throw new SourceError(
					given,
					'unknown format (expected .csv, .tsv, .txt, .parquet, .ndjson, .jsonl, any of them but Parquet .gz)'
				);
			}
			if (!entity) {
				throw new SourceError(
					given,
					'cannot tell the entity from the file name: ' +
						'name it orders*, ledger*, rmas*, reasons*, inspections* or refunds*, or pass --entity'
				);
			}
			found.push({ path, entity, format });
		}
	}
	return found
		.map((file, index) => ({ file, index }))
		.sort(
			(a, b) =>
				SOURCE_LOAD_ORDER.indexOf(a.file.entity) - SOURCE_LOAD_ORDER.indexOf(b.file.entity) || a.index - b.index
		)
		.map(({ file }) => file);
}
