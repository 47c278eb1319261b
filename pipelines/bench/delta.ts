import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ingest, type IngestSummary } from '../ingest/ingest.ts';
import { copyDatabase, rebuildWhole, storedTablesDiffer } from './compare-refresh.ts';
import { nightFolders, splitLastDays } from './delta-files.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const stages = (ms: Record<string, number | undefined>) =>
	Object.entries(ms)
		.map(([stage, t]) => `${stage} ${seconds(t ?? 0)}`)
		.join(', ');

/** A whole ingest measured in a process of its own (ingest.ts), so its peak memory is its own. */
export interface MeasuredLoad {
	ms: number;
	maxRssMb: number;
	rows: number;
	loadMs?: number;
	refreshMs?: IngestSummary['refreshMs'];
}

export interface DeltaBenchOptions {
	days: number;
	/** Deltas of `days` days each, loaded one after another as nights of a shop's week would be. */
	nights: number;
	/** The base as a file per entity and month, as a shop's history would come. */
	monthly: boolean;
	/** Rebuild a copy whole after the delta and compare every stored table (needs room for two copies). */
	compare: boolean;
	loadBase: (dataDir: string, dbPath: string) => Promise<MeasuredLoad>;
}

/**
 * `npm run bench:ingest -- --delta [--days N] [--nights K] [--monthly] [--no-compare]`: the generated data
 * loaded as a shop's nightly exports would bring it. Everything before the last N × K days of orders is
 * loaded and refreshed whole (the base, in a process of its own); then each night's N days of files are
 * loaded and refreshed incrementally, in order, timed (with K = 7, the seventh compacts, VACUUM_EVERY);
 * then a copy of the result is rebuilt whole and every stored table compared with the incremental one.
 * Prints each delta's load and refresh, against the full rebuild.
 */
export async function benchDelta(dataDir: string, options: DeltaBenchOptions): Promise<void> {
	const nights = nightFolders(options.nights);
	const split = join(
		dataDir,
		`split-${options.days}${options.nights > 1 ? `x${options.nights}` : ''}${options.monthly ? '-monthly' : ''}`
	);
	if (!existsSync(join(split, nights.at(-1)!, 'orders.csv'))) {
		console.error(`splitting off the last ${options.days * options.nights} day(s) of orders …`);
		await splitLastDays(dataDir, split, options.days, { monthly: options.monthly, nights: options.nights });
	}
	const base = join(split, 'base.duckdb');
	const updated = join(split, 'updated.duckdb');
	const rebuilt = join(split, 'rebuilt.duckdb');
	for (const file of [base, updated, rebuilt]) for (const f of [file, `${file}.wal`]) rmSync(f, { force: true });
	console.error('loading the base …');
	const first = await options.loadBase(join(split, 'base'), base);
	const rss = Math.round(first.maxRssMb).toLocaleString('en-US');
	console.log(
		`base: ${first.rows.toLocaleString('en-US')} rows in ${seconds(first.ms)} ` +
			`(files ${seconds(first.loadMs ?? 0)}, refresh ${stages(first.refreshMs ?? {})}), peak RSS ${rss} MiB`
	);
	const target = options.compare ? updated : base;
	if (options.compare) copyDatabase(base, updated);
	let publishedMs = 0;
	for (const night of nights) {
		console.error(`loading ${night} …`);
		publishedMs += await loadDelta(target, join(split, night), nights.length > 1 ? `${night}: ` : '');
	}
	if (!options.compare) return;
	copyDatabase(updated, rebuilt);
	console.error('rebuilding a copy whole and comparing every stored table …');
	const started = Date.now();
	const full = await rebuildWhole(rebuilt);
	const fullMs = Date.now() - started;
	const differences = await storedTablesDiffer(updated, rebuilt);
	console.log(`full rebuild of the same database: ${seconds(fullMs)} (${stages(full.ms)})`);
	const per = nights.length > 1 ? ` (a night on average)` : '';
	console.log(
		`ratio delta load + refresh / full rebuild${per}: ${(publishedMs / nights.length / fullMs).toFixed(3)}×`
	);
	console.log(
		differences.length === 0
			? 'every stored table equals the full rebuild'
			: `tables that differ from the full rebuild: ${differences.map((d) => d.table).join(', ')}`
	);
}

/** Loads one delta's folder into the database and prints what it took; returns the time until it published. */
async function loadDelta(dbPath: string, folder: string, label: string): Promise<number> {
	const delta = await ingest({ dbPath, paths: [folder] });
	const deltaLoadMs = delta.files.reduce((sum, f) => sum + f.ms, 0);
	const read = (f: IngestSummary['files'][number]) => `${f.path.split('/').pop()} ${f.read.toLocaleString('en-US')}`;
	console.log(
		`${label}delta: ${delta.files.reduce((sum, f) => sum + f.read, 0).toLocaleString('en-US')} rows in ` +
			`${delta.files.length} files (${delta.files.map(read).join(', ')})`
	);
	// A compacting refresh (VACUUM_EVERY) compacts after it has published: the figures wait only for the rest.
	const rowIdsMs = delta.refreshMs?.['compaction row ids'] ?? 0;
	const compactionMs = (delta.refreshMs?.compaction ?? 0) + rowIdsMs;
	const publishedMs = delta.ms - compactionMs;
	const rebuilt = rowIdsMs ? ` (the merges moved row ids: their tables rebuilt in ${seconds(rowIdsMs)})` : '';
	console.log(
		`${label}delta load + refresh: ${seconds(publishedMs)} (files ${seconds(deltaLoadMs)}, ` +
			`refresh ${delta.refreshMode} ${seconds(publishedMs - deltaLoadMs)}); target < 10 s` +
			(compactionMs ? `; then compaction ${seconds(compactionMs)}${rebuilt}` : '')
	);
	console.log(`            refresh: ${stages(delta.refreshMs ?? {})}`);
	return publishedMs;
}
