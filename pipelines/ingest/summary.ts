import { relative } from 'node:path';
import { describeDialect } from './dialect.ts';
import type { IngestSummary } from './ingest.ts';
import type { FileResult } from './load-file.ts';

const HEADERS = ['file', 'entity', 'status', 'read', 'loaded', 'rejected', 'orphans', 'warnings', 'seconds'];
const NUMERIC = new Set(['read', 'loaded', 'rejected', 'orphans', 'warnings', 'seconds']);
const n = (value: number) => value.toLocaleString('en-US');
const MAX_GROUPS = 10;

/** What a file's row says too little of: how it was read, a ledger's returns, and with --check its rejects. */
function fileNotes(f: FileResult, name: string): string[] {
	const notes: string[] = [];
	if (f.dialect) notes.push(`${name}: read as ${describeDialect(f.dialect)}`);
	if (f.status === 'empty') notes.push(`${name}: a header and no rows; nothing loaded`);
	const l = f.ledger;
	if (l) {
		notes.push(
			`${name}: ${n(l.orderLines)} order lines; ${n(l.returnLines)} returns of ${n(l.returnedUnits)} units: ` +
				`${n(l.matchedUnits)} matched into ${n(l.rmaLines)} refunded RMA lines, ` +
				`${n(l.unmatchedUnits)} unmatched${l.unmatchedUnits > 0 ? ' (kept in unmatched_returns)' : ''}`
		);
	}
	const groups = f.rejectGroups ?? [];
	for (const group of groups.slice(0, MAX_GROUPS)) {
		notes.push(`${name}: ${n(group.rows)} rejected: ${group.reason}`);
		for (const e of group.examples)
			notes.push(`    line ${e.line}: ${e.raw.length > 100 ? `${e.raw.slice(0, 100)}…` : e.raw}`);
	}
	if (groups.length > MAX_GROUPS) notes.push(`${name}: ${groups.length - MAX_GROUPS} more kinds of rejected rows`);
	return notes;
}

/** The load summary as a plain-text table, one row per file, for people at a terminal (`check`: of --check). */
export function formatSummary(summary: IngestSummary, check = false): string {
	const names = summary.files.map((f) => relative(process.cwd(), f.path) || f.path);
	const rows = summary.files.map((f, i) => [
		names[i],
		f.entity,
		f.status,
		...[f.read, f.loaded, f.rejected, f.orphans, f.warnings].map(n),
		(f.ms / 1000).toFixed(1)
	]);
	const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (NUMERIC.has(HEADERS[i]) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
	const out = [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
	out.push(...summary.files.flatMap((f, i) => fileNotes(f, names[i])));
	for (const error of summary.errors) out.push(`error: ${error.message}`);
	const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	const refresh = summary.refreshMs;
	const how = summary.refreshMode === 'incremental' ? 'brought up to date' : 'rebuilt';
	out.push(
		check
			? `${summary.files.length} file(s) checked against ${summary.dbPath} in ${seconds(summary.ms)}; ` +
					'nothing loaded'
			: `${summary.files.length} file(s) into ${summary.dbPath} in ${seconds(summary.ms)}` +
					(refresh
						? `; analytics tables ${how} (${Object.entries(refresh)
								.map(([stage, ms]) => `${stage} ${seconds(ms)}`)
								.join(', ')})`
						: '; nothing new, analytics tables unchanged')
	);
	return out.join('\n');
}
