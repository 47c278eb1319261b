import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ENTITY_NAMES, type EntityName } from '../../src/lib/core/contract/entities.ts';
import { dbPathFromEnv } from '../../src/lib/core/db/db.ts';
import { ingest } from './ingest.ts';
import { loadMapping } from './mapping.ts';
import { SourceError } from './sources.ts';
import { formatSummary } from './summary.ts';
import type { ProgressListener } from './load-file.ts';
import { handOffToServer } from './server-handoff.ts';

const USAGE =
	`usage: npm run ingest -- [--db FILE] [--entity ${ENTITY_NAMES.join('|')}] ` + '[--mapping FILE] [--json] PATH...';

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			db: { type: 'string' },
			entity: { type: 'string' },
			mapping: { type: 'string' },
			json: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	if (positionals.length === 0) fail(`no PATH given\n${USAGE}`);
	if (values.entity !== undefined && !ENTITY_NAMES.includes(values.entity as EntityName)) {
		fail(`--entity ${values.entity} is not one of ${ENTITY_NAMES.join(', ')}`);
	}
	const mapping = values.mapping ? await loadMapping(values.mapping) : undefined;
	const dbPath = values.db ?? dbPathFromEnv();
	const entity = values.entity as EntityName | undefined;
	const onProgress: ProgressListener = ({ path, phase, elapsedMs }) =>
		console.error(`… ${relative(process.cwd(), path)}: ${phase} (${Math.round(elapsedMs / 1000)} s)`);
	let summary;
	try {
		summary = await ingest({ dbPath, paths: positionals, entity, mapping, onProgress });
	} catch (error) {
		// A running server holds the database: it loads the files itself, and its pages keep answering.
		const load = { paths: positionals, entity: values.entity, mapping: values.mapping };
		const handedOff = await handOffToServer(error, dbPath, load, onProgress);
		if (!handedOff) throw error;
		summary = handedOff;
	}
	console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
	return summary.errors.length > 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(error instanceof SourceError ? `error: ${error.message}` : `error: ${error.message}`);
		process.exit(error instanceof SourceError ? 1 : 2);
	}
);
