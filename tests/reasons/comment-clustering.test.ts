import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_CLUSTER } from '../../src/lib/features/reasons/themes/clusterer/cluster-labels.ts';
import { refreshReasonClusters } from '../../src/lib/features/reasons/themes/comment-clustering.ts';
import { ensureSchema } from '../../pipelines/ingest/schema.ts';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { tempDir } from '../ingest/fixtures.ts';
import { fixtureComments, UNCLEAR_COMMENTS } from './multilingual-fixture.ts';

/** One RMA line per comment written, so each distinct text occurs `count` times; plus lines without any text. */
async function writeRmas(
	connection: DuckDBConnection,
	texts: { text: string | null; count: number }[]
): Promise<number> {
	const appender = await connection.createAppender('rmas');
	let line = 0;
	for (const { text, count } of texts) {
		for (let i = 0; i < count; i++) {
			line++;
			appender.appendVarchar(`R${line}`);
			appender.appendVarchar(`L${line}`);
			appender.appendNull();
			appender.appendNull();
			appender.appendVarchar('2025-03-01 10:00:00');
			appender.appendInteger(1);
			appender.appendVarchar('OTHER');
			if (text === null) appender.appendNull();
			else appender.appendVarchar(text);
			appender.appendNull();
			appender.appendVarchar('received');
			appender.appendNull();
			appender.appendNull();
			appender.appendInteger(1);
			appender.endRow();
		}
	}
	appender.closeSync();
	return line;
}

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
	return (await connection.runAndReadAll(sql)).getRowObjectsJson();
}

describe('refreshReasonClusters', () => {
	const dir = tempDir('returnlens-clusters-');
	let db: Database;
	let connection: DuckDBConnection;
	const comments = [...fixtureComments(), ...UNCLEAR_COMMENTS.map((text) => ({ text, count: 2 }))];

	beforeAll(async () => {
		db = await openDatabase(join(dir, 'returns.duckdb'));
		connection = await db.connect();
		await ensureSchema(connection);
		await writeRmas(connection, [...comments, { text: null, count: 3 }, { text: '   ', count: 2 }]);
		await refreshReasonClusters(connection);
	});
	afterAll(() => {
		connection?.closeSync();
		db?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('writes one row per distinct non-empty text, with its cluster and language', async () => {
		const written = await rows(
			connection,
			'SELECT reason_text, cluster_id, language FROM reason_text_clusters ORDER BY reason_text'
		);
		expect(written.map((r) => r.reason_text)).toEqual([...new Set(comments.map((c) => c.text))].sort());
		const byText = new Map(written.map((r) => [r.reason_text, r]));
		expect(byText.get('De jas is te klein')).toMatchObject({ language: 'nl' });
		expect(byText.get('Le manteau est trop petit')?.cluster_id).toBe(
			byText.get('Die Jacke ist leider zu klein')?.cluster_id
		);
		expect(byText.get('asdf qwertz')).toEqual({
			reason_text: 'asdf qwertz',
			cluster_id: OTHER_CLUSTER,
			language: null
		});
	});

	it('writes the clusters with labels, top terms and sizes that add up to the comments', async () => {
		const clusters = await rows(connection, 'SELECT * FROM reason_clusters ORDER BY cluster_id');
		expect(clusters.length).toBeGreaterThanOrEqual(7);
		expect(clusters.length).toBeLessThanOrEqual(15);
		for (const c of clusters) {
			expect(typeof c.label).toBe('string');
			expect((c.top_terms as string[]).length).toBeGreaterThan(0);
		}
		const total = comments.reduce((n, c) => n + c.count, 0);
		expect(clusters.reduce((n, c) => n + Number(c.size), 0)).toBe(total);
		const recount = await rows(
			connection,
			`SELECT t.cluster_id, count(*)::INTEGER AS size FROM rmas r JOIN reason_text_clusters t USING (reason_text)
			 GROUP BY ALL ORDER BY 1`
		);
		expect(clusters.map((c) => ({ cluster_id: c.cluster_id, size: c.size }))).toEqual(recount);
	});

	it('replaces both tables on the next run and follows the comments that changed', async () => {
		await connection.run(
			`UPDATE rmas SET reason_text = 'Paket beschädigt angekommen, Karton zerdrückt'
			 WHERE reason_text = 'asdf qwertz'`
		);
		await refreshReasonClusters(connection);
		const [moved] = await rows(
			connection,
			`SELECT cluster_id FROM reason_text_clusters
			 WHERE reason_text = 'Paket beschädigt angekommen, Karton zerdrückt'`
		);
		const [damaged] = await rows(
			connection,
			`SELECT cluster_id FROM reason_text_clusters
			 WHERE reason_text = 'Paket kam beschädigt an, Karton zerdrückt'`
		);
		expect(moved?.cluster_id).toBe(damaged?.cluster_id);
		expect(await rows(connection, `SELECT * FROM reason_text_clusters WHERE reason_text = 'asdf qwertz'`)).toEqual(
			[]
		);
	});

	it('rolls back and keeps the previous tables when the refresh fails half-way', async () => {
		const before = await rows(connection, 'SELECT * FROM reason_clusters ORDER BY cluster_id');
		// reason_clusters is replaced first; a view in the way of the second table makes the run fail after that.
		await connection.run('DROP TABLE reason_text_clusters');
		await connection.run('CREATE VIEW reason_text_clusters AS SELECT 1 AS x');
		try {
			await expect(refreshReasonClusters(connection)).rejects.toThrow(/reason_text_clusters/);
		} finally {
			await connection.run('DROP VIEW reason_text_clusters');
		}
		expect(await rows(connection, 'SELECT * FROM reason_clusters ORDER BY cluster_id')).toEqual(before);
	});

	it('writes empty tables when no RMA has a comment', async () => {
		await connection.run('DELETE FROM rmas');
		await refreshReasonClusters(connection);
		expect(await rows(connection, 'SELECT count(*)::INTEGER AS n FROM reason_clusters')).toEqual([{ n: 0 }]);
		expect(await rows(connection, 'SELECT count(*)::INTEGER AS n FROM reason_text_clusters')).toEqual([{ n: 0 }]);
	});
});
