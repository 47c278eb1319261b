import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyDatabase, storedTablesDiffer } from '../../pipelines/bench/compare-refresh.ts';
import { splitLastDays } from '../../pipelines/bench/delta-files.ts';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { publishedGeneration, readGeneration } from '../../src/lib/core/db/generations.ts';
import { RECLUSTER_GROWTH } from '../../src/lib/features/reasons/themes/comment-clustering.ts';
import { readRows, writeCsv } from '../support/database-rows.ts';
import { tempDir } from '../support/temp-dirs.ts';

// The comment themes under loads that follow the first: new comments are placed into the themes the
// last clustering found, the same way whether the refresh is incremental or a full rebuild that keeps
// the themes, until the comments have grown enough to cluster again.
const dir = tempDir('themes-incremental-');
const data = join(dir, 'data');
const split = join(dir, 'split');

const clustering = (dbPath: string) =>
	readRows(dbPath, 'SELECT texts, comments::INTEGER AS comments, md5(model) AS model FROM reason_clustering');

describe('comment themes after later loads', () => {
	const updated = join(dir, 'updated.duckdb');
	const rebuilt = join(dir, 'rebuilt.duckdb');
	let before: Record<string, unknown>[];

	beforeAll(async () => {
		await generateDemoData({ lines: 12_000, seed: 5, outDir: data, profile: 'kleding' });
		await splitLastDays(data, split, 3);
		expect((await ingest({ dbPath: updated, paths: [join(split, 'base')] })).refreshMode).toBe('full');
		before = await clustering(updated);
		copyDatabase(updated, rebuilt);
	}, 180_000);

	it('places the new comments alike incrementally and in a full rebuild that keeps the themes', async () => {
		const texts = async (dbPath: string) =>
			Number((await readRows(dbPath, 'SELECT count(*) AS n FROM reason_text_clusters'))[0]!.n);
		const known = await texts(updated);
		const delta = await ingest({ dbPath: updated, paths: [join(split, 'delta')] });
		expect(delta.refreshMode).toBe('incremental');
		const full = await ingest({
			dbPath: rebuilt,
			paths: [join(split, 'delta')],
			refresh: { full: true, keepThemes: true }
		});
		expect(full.refreshMode).toBe('full');
		expect(await texts(updated)).toBeGreaterThan(known);
		expect(await storedTablesDiffer(updated, rebuilt)).toEqual([]);
		// The themes are the last clustering's, their sizes the comments in them now.
		expect(await clustering(updated)).toEqual(before);
		expect(
			await readRows(
				updated,
				`SELECT c.cluster_id, c.size, n.comments FROM reason_clusters c
				 LEFT JOIN (SELECT t.cluster_id, count(*)::INTEGER AS comments
				   FROM main.rmas r JOIN reason_text_clusters t USING (reason_text) GROUP BY ALL) n USING (cluster_id)
				 WHERE c.size IS DISTINCT FROM coalesce(n.comments, 0)`
			)
		).toEqual([]);
	}, 240_000);

	it('clusters again once the comments grew by more than the set share since the last clustering', async () => {
		const [{ comments }] = (await readRows(
			updated,
			'SELECT sum(size)::INTEGER AS comments FROM reason_clusters'
		)) as [{ comments: number }];
		const db = await openDatabase(updated);
		const connection = await db.connect();
		try {
			await readGeneration(connection, await publishedGeneration(connection));
			// As if the comments had grown by just over the share since the last clustering.
			await connection.run('UPDATE reason_clustering SET comments = $comments', {
				comments: Math.floor(comments / (1 + RECLUSTER_GROWTH)) - 1
			});
		} finally {
			connection.closeSync();
			db.close();
		}
		const rmas = await readRows(
			updated,
			`SELECT * EXCLUDE (load_id) REPLACE ('cancelled' AS status) FROM main.rmas WHERE status = 'refunded'
			 ORDER BY rma_id, line_id LIMIT 1`
		);
		mkdirSync(join(dir, 'change'), { recursive: true });
		writeCsv(join(dir, 'change', 'rmas.csv'), rmas);
		const summary = await ingest({ dbPath: updated, paths: [join(dir, 'change')] });
		expect(summary.refreshMode).toBe('full');
		const [after] = await clustering(updated);
		expect(after!.comments).toBe(comments);
	}, 240_000);
});
