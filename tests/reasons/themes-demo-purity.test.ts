import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';

/**
 * The clustering judged against the demo data's ground truth: comment-labels.csv names the theme the
 * generator wrote each comment about, and the language it wrote it in. Reason codes are not used: they
 * lie on purpose.
 */
describe('reason clusters on the demo data (30,000 lines, loaded by ingest)', () => {
	const demo = inject('demoDatabase');
	let db: Database;
	let scores: { labelled: number; unmatched: number; purity: number; clusters: number; language_accuracy: number };

	beforeAll(async () => {
		db = await openDatabase(demo.dbPath, { readOnly: true });
		const connection = await db.connect();
		try {
			const reader = await connection.runAndReadAll(
				`WITH labels AS (
				   SELECT * FROM read_csv($labels, header = true, all_varchar = true)
				 ),
				 labelled AS (
				   SELECT l.theme, l.language AS written_in, t.cluster_id, t.language
				   FROM labels l
				   JOIN rmas r USING (rma_id, line_id)
				   JOIN reason_text_clusters t USING (reason_text)
				 ),
				 majority AS (
				   SELECT cluster_id, max(n) AS n
				   FROM (SELECT cluster_id, theme, count(*) AS n FROM labelled GROUP BY ALL) GROUP BY cluster_id
				 )
				 SELECT
				   (SELECT count(*) FROM labelled)::INTEGER AS labelled,
				   (SELECT count(*) FROM labels)::INTEGER - (SELECT count(*) FROM labelled)::INTEGER AS unmatched,
				   (SELECT sum(n) FROM majority) / (SELECT count(*) FROM labelled) AS purity,
				   (SELECT count(*) FROM reason_clusters)::INTEGER AS clusters,
				   (SELECT avg(CASE WHEN language = written_in THEN 1 ELSE 0 END) FROM labelled) AS language_accuracy`,
				{ labels: join(demo.dataDir, 'comment-labels.csv') }
			);
			scores = reader.getRowObjectsJson()[0] as typeof scores;
		} finally {
			connection.closeSync();
		}
		console.log(
			`reason clusters on the demo data: purity ${scores.purity.toFixed(4)} ` +
				`over ${scores.labelled} labelled comments, ${scores.clusters} clusters, ` +
				`language detected right for ${(100 * scores.language_accuracy).toFixed(1)}%`
		);
	});
	afterAll(() => db?.close());

	it('labels almost every comment that was loaded', () => {
		expect(scores.labelled).toBeGreaterThan(2000);
		expect(scores.unmatched).toBeLessThan(scores.labelled * 0.01);
	});

	it('finds the themes: purity at least 0.85 with at most 15 clusters', () => {
		expect(scores.purity).toBeGreaterThanOrEqual(0.85);
		expect(scores.clusters).toBeGreaterThanOrEqual(6);
		expect(scores.clusters).toBeLessThanOrEqual(15);
	});

	it('detects the language a comment was written in', () => {
		expect(scores.language_accuracy).toBeGreaterThanOrEqual(0.95);
	});
});
