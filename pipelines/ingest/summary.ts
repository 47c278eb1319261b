import { relative } from 'node:path';
import type { IngestSummary } from './ingest.ts';

const HEADERS = ['file', 'entity', 'status', 'read', 'loaded', 'rejected', 'orphans', 'warnings', 'seconds'];
const NUMERIC = new Set(['read', 'loaded', 'rejected', 'orphans', 'warnings', 'seconds']);

/** The load summary as a plain-text table, one row per file, for people at a terminal. */
export function formatSummary(summary: IngestSummary): string {
	const rows = summary.files.map((f) => [
		relative(process.cwd(), f.path) || f.path,
		f.entity,
		f.status,
		...[f.read, f.loaded, f.rejected, f.orphans, f.warnings].map((n) => n.toLocaleString('en-US')),
		(f.ms / 1000).toFixed(1)
	]);
	const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (NUMERIC.has(HEADERS[i]) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
	const out = [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
	for (const error of summary.errors) out.push(`error: ${error.message}`);
	const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	const refresh = summary.refreshMs;
	out.push(
		`${summary.files.length} file(s) into ${summary.dbPath} in ${seconds(summary.ms)}` +
			(refresh
				? `; analytics tables refreshed (${Object.entries(refresh)
						.map(([stage, ms]) => `${stage} ${seconds(ms)}`)
						.join(', ')})`
				: '; nothing new, analytics tables unchanged')
	);
	return out.join('\n');
}
