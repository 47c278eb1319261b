import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline as pipeStreams } from 'node:stream/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { entityFromFileName } from '../../src/lib/core/contract/entities.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { generateDemoData } from '../demo-data/generate.ts';
import { ingest } from '../ingest/ingest.ts';
import { benchDelta, type MeasuredLoad } from './delta.ts';
import { LEDGER_FILE, writeLedgerFile } from './ledger-file.ts';

/**
 * `npm run bench:ingest`: the pipeline against a bare DuckDB `CREATE TABLE … AS SELECT * FROM
 * read_csv(…)` of the same files, measured in the same run, each in its own process so peak memory is
 * its own. Prints ratios; absolute times depend on the machine. With `--ledger`, the generated orders and
 * their refunded returns written as one ledger file (ledger-file.ts), loaded as a ledger. With `--delta`,
 * the last `--days` days of orders loaded into the rest and refreshed incrementally (delta.ts), or with
 * `--nights K` the last K × `--days` days as K such deltas in a row; with `--monthly` the rest comes in
 * monthly files, with `--no-compare` no copy is rebuilt whole to compare.
 */
const { values } = parseArgs({
	options: {
		lines: { type: 'string', default: '10000000' },
		seed: { type: 'string', default: '42' },
		dir: { type: 'string', default: 'data/bench' },
		ledger: { type: 'boolean', default: false },
		delta: { type: 'boolean', default: false },
		days: { type: 'string', default: '2' },
		nights: { type: 'string', default: '1' },
		monthly: { type: 'boolean', default: false },
		'no-compare': { type: 'boolean', default: false },
		mode: { type: 'string' },
		db: { type: 'string' },
		data: { type: 'string' }
	}
});

/** The files the pipeline loads (truth and label files next to them are not part of the data). */
function entityFiles(dataDir: string): string[] {
	if (values.ledger) return [LEDGER_FILE];
	return readdirSync(dataDir)
		.filter((n) => n.endsWith('.csv') && entityFromFileName(n))
		.sort();
}

type Measured = MeasuredLoad;

async function bare(dataDir: string, dbPath: string): Promise<Measured> {
	const started = Date.now();
	const db = await openDatabase(dbPath);
	const connection = await db.connect();
	let rows = 0;
	for (const name of entityFiles(dataDir)) {
		const table = name.replace(/\.csv$/, '').replace(/\W/g, '_');
		await connection.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv($path)`, { path: join(dataDir, name) });
		rows += Number((await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0][0]);
	}
	connection.closeSync();
	db.close();
	return { ms: Date.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024, rows };
}

async function pipeline(dataDir: string, dbPath: string): Promise<Measured> {
	const started = Date.now();
	const summary = values.ledger
		? await ingest({ dbPath, paths: [join(dataDir, LEDGER_FILE)], entity: 'ledger' })
		: await ingest({ dbPath, paths: entityFiles(dataDir).map((name) => join(dataDir, name)) });
	const loadMs = summary.files.reduce((sum, f) => sum + f.ms, 0);
	return {
		ms: Date.now() - started,
		maxRssMb: process.resourceUsage().maxRSS / 1024,
		rows: summary.files.reduce((sum, f) => sum + f.read, 0),
		loadMs,
		refreshMs: summary.refreshMs
	};
}

function runChild(mode: 'bare' | 'pipeline', dataDir: string, dbPath: string): Promise<Measured> {
	return new Promise((resolveRun, reject) => {
		const child = spawn(
			process.execPath,
			[
				...[
					'--import',
					'tsx',
					new URL(import.meta.url).pathname,
					'--mode',
					mode,
					'--data',
					dataDir,
					'--db',
					dbPath
				],
				...(values.ledger ? ['--ledger'] : [])
			],
			{
				stdio: ['ignore', 'pipe', 'inherit']
			}
		);
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolveRun(JSON.parse(out) as Measured) : reject(new Error(`${mode} run exited with ${code}`))
		);
	});
}

async function main() {
	if (values.mode) {
		const run = values.mode === 'bare' ? bare : pipeline;
		process.stdout.write(JSON.stringify(await run(values.data!, values.db!)));
		return;
	}
	const lines = Number(values.lines);
	const seed = Number(values.seed);
	const dataDir = resolve(values.dir, `lines-${lines}-seed-${seed}`);
	if (!existsSync(join(dataDir, 'truth.json'))) {
		console.error(`generating ${lines.toLocaleString('en-US')} order lines into ${dataDir} …`);
		mkdirSync(dataDir, { recursive: true });
		const started = Date.now();
		await generateDemoData({
			lines,
			seed,
			outDir: dataDir,
			onProgress: (done) => process.stderr.write(`\r  ${done.toLocaleString('en-US')} lines`)
		});
		console.error(`\n  generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	}
	if (values.delta) {
		await benchDelta(dataDir, {
			days: Number(values.days),
			nights: Number(values.nights),
			monthly: values.monthly,
			compare: !values['no-compare'],
			loadBase: (dir, dbPath) => runChild('pipeline', dir, dbPath)
		});
		return;
	}
	if (values.ledger) {
		console.error('writing the orders and refunded returns as one ledger file …');
		await writeLedgerFile(dataDir);
	}
	const csvBytes = entityFiles(dataDir).reduce((sum, n) => sum + statSync(join(dataDir, n)).size, 0);
	const bareDb = join(dataDir, values.ledger ? 'ledger-bare.duckdb' : 'bare.duckdb');
	const pipelineDb = join(dataDir, values.ledger ? 'ledger-pipeline.duckdb' : 'pipeline.duckdb');
	for (const file of [bareDb, pipelineDb]) {
		rmSync(file, { force: true });
		rmSync(`${file}.wal`, { force: true });
	}

	// Both runs read the files from the page cache: otherwise the first pays for the disk and the ratio
	// says more about the cache than about the pipeline.
	for (const name of entityFiles(dataDir))
		await pipeStreams(
			createReadStream(join(dataDir, name)),
			new Writable({ write: (_chunk, _encoding, done) => done() })
		);
	console.error('bare CREATE TABLE … AS SELECT * FROM read_csv(…) …');
	const b = await runChild('bare', dataDir, bareDb);
	console.error('pipeline (npm run ingest) …');
	const p = await runChild('pipeline', dataDir, pipelineDb);
	const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	console.log(
		`input: ${lines.toLocaleString('en-US')} order lines, ${p.rows.toLocaleString('en-US')} rows in all files` +
			`${values.ledger ? ' (one ledger)' : ''}, ${(csvBytes / 2 ** 20).toFixed(0)} MiB of CSV`
	);
	console.log(
		`bare load:  ${seconds(b.ms)}, ${Math.round(b.rows / (b.ms / 1000)).toLocaleString('en-US')} rows/s, ` +
			`peak RSS ${b.maxRssMb.toFixed(0)} MiB`
	);
	console.log(
		`pipeline:   ${seconds(p.ms)} (files ${seconds(p.loadMs!)}, analytics tables ${seconds(p.ms - p.loadMs!)}), ` +
			`${Math.round(p.rows / (p.ms / 1000)).toLocaleString('en-US')} rows/s, ` +
			`peak RSS ${p.maxRssMb.toFixed(0)} MiB`
	);
	if (p.refreshMs) {
		const stages = Object.entries(p.refreshMs).map(([stage, ms]) => `${stage} ${seconds(ms)}`);
		console.log(`            analytics tables: ${stages.join(', ')}`);
	}
	console.log(
		`ratio pipeline / bare: ${(p.ms / b.ms).toFixed(2)}× ` +
			`(files only: ${(p.loadMs! / b.ms).toFixed(2)}×; target ≤ ${values.ledger ? '2' : '1.5'}×)`
	);
	console.log(`peak RSS pipeline / bare: ${(p.maxRssMb / b.maxRssMb).toFixed(2)}×; target ≤ 2×`);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
