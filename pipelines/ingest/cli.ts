import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { dbPathFromEnv } from '../../src/lib/core/db/db.ts';
import { checkFiles } from './check.ts';
import { ingest } from './ingest.ts';
import { loadMapping, loadPreset, presetNames, soleEntity } from './mapping.ts';
import { SOURCE_ENTITIES, type SourceEntity } from './source-spec.ts';
import { SourceError } from './sources.ts';
import { handOffToServer } from './server-handoff.ts';
import { formatSummary } from './summary.ts';

const USAGE =
	`usage: npm run ingest -- [--db FILE] [--entity ${SOURCE_ENTITIES.join('|')}] ` +
	'[--mapping FILE | --preset NAME] [--check] [--full] [--json] PATH...';

/** A usage error or an invalid mapping: exit code 2 (1: a file could not be read; 3: the database is in use). */
function fail(message: string): never {
	throw new Error(message);
}

/** DuckDB's lock error, said plainly: which process holds the database and what to do. */
function databaseInUse(error: Error, dbPath: string): string | undefined {
	if (!/Could not set lock on file/.test(error.message)) return undefined;
	const pid = /PID (\d+)/.exec(error.message)?.[1];
	return (
		`the database ${dbPath} is in use by another process${pid ? ` (PID ${pid})` : ''}, which holds it ` +
		'for writing: stop it (the server, or another load) or wait for it to finish, then run the command again'
	);
}

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			db: { type: 'string' },
			entity: { type: 'string' },
			mapping: { type: 'string' },
			preset: { type: 'string' },
			check: { type: 'boolean', default: false },
			full: { type: 'boolean', default: false },
			json: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) {
		console.log(`${USAGE}\npresets: ${(await presetNames()).join(', ')}`);
		return 0;
	}
	if (positionals.length === 0) fail(`no PATH given\n${USAGE}`);
	if (values.entity !== undefined && !SOURCE_ENTITIES.includes(values.entity as SourceEntity)) {
		fail(`--entity ${values.entity} is not one of ${SOURCE_ENTITIES.join(', ')}`);
	}
	if (values.mapping && values.preset) fail('give --mapping or --preset, not both');
	const mapping = values.preset
		? await loadPreset(values.preset).catch((e: Error) => fail(e.message))
		: values.mapping
			? await loadMapping(values.mapping).catch((e: Error) => fail(e.message))
			: undefined;
	const dbPath = values.db ?? dbPathFromEnv();
	const options = {
		dbPath,
		paths: positionals,
		entity: values.entity as SourceEntity | undefined,
		fallbackEntity: values.preset ? soleEntity(mapping) : undefined,
		mapping,
		refresh: { full: values.full },
		onProgress: ({ path, phase, elapsedMs }: { path: string; phase: string; elapsedMs: number }) =>
			console.error(`… ${relative(process.cwd(), path)}: ${phase} (${Math.round(elapsedMs / 1000)} s)`)
	};
	try {
		const summary = values.check ? await checkFiles(options) : await ingest(options);
		console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary, values.check));
		return summary.errors.length > 0 ? 1 : 0;
	} catch (error) {
		// A running server holds the database: it loads the files itself, and its pages keep answering.
		const load = { paths: positionals, entity: values.entity, mapping: values.mapping, preset: values.preset };
		const handedOff = values.check ? null : await handOffToServer(error, dbPath, load, options.onProgress);
		if (handedOff) {
			console.log(values.json ? JSON.stringify(handedOff, null, 2) : formatSummary(handedOff, false));
			return handedOff.errors.length > 0 ? 1 : 0;
		}
		const inUse = databaseInUse(error as Error, dbPath);
		if (!inUse) throw error;
		console.error(`error: ${inUse}`);
		return 3;
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(`error: ${error.message}`);
		process.exit(error instanceof SourceError ? 1 : 2);
	}
);
