import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Statement } from '../../../core/db/transaction.ts';
import { OTHER_CLUSTER, OTHER_LABEL } from './clusterer/cluster-labels.ts';
import { ReasonClusterer, type TextClustering } from './clusterer/reason-clusterer.ts';
import { ThemePlacer, type ThemeModel } from './clusterer/theme-model.ts';
import { LOAD_LINES } from './themes-sql.ts';

// Ordered, so the clustering (seeded, but sensitive to input order) is the same on every run. A text
// comes once per reason code its comments were filed under, with how many they are.
const DISTINCT_TEXTS = `
SELECT reason_text, nullif(trim(reason_code), '') AS code, count(*)::INTEGER AS comments
FROM rmas
WHERE trim(reason_text) <> ''
GROUP BY ALL
ORDER BY reason_text, code`;

const CREATE_TABLES = `
CREATE OR REPLACE TABLE reason_clusters (
  cluster_id INTEGER NOT NULL,
  label VARCHAR NOT NULL,
  top_terms VARCHAR[] NOT NULL,
  size INTEGER NOT NULL
);
CREATE OR REPLACE TABLE reason_text_clusters (
  reason_text VARCHAR NOT NULL,
  cluster_id INTEGER NOT NULL,
  language VARCHAR
);
CREATE OR REPLACE TABLE reason_clustering (
  texts INTEGER NOT NULL,
  comments BIGINT NOT NULL,
  model VARCHAR NOT NULL
);`;

/**
 * The RMA lines of each load per theme they are in now (NULL: without a comment), counted again for
 * the loads `loads` selects: a load's lines only change when a later load replaces some of them or
 * brings what they waited for, so counting a load again when its number of lines changed keeps every
 * theme's size without reading the other loads' comments.
 */
const countLoads = (loads: string) => `
SELECT r.load_id, t.cluster_id, count(*) AS lines
FROM (SELECT load_id, reason_text FROM main.rmas WHERE ${loads}) r
LEFT JOIN reason_text_clusters t USING (reason_text)
GROUP BY ALL`;

/** The distinct texts, in the order they were added, and how many comments they are. */
async function readTexts(
	connection: DuckDBConnection,
	clusterer: ReasonClusterer
): Promise<{ texts: string[]; total: number }> {
	const texts: string[] = [];
	let total = 0;
	let comments = 0;
	let codes: [string, number][] = [];
	const flush = (): void => {
		if (texts.length > 0) clusterer.add(texts[texts.length - 1]!, comments, codes);
	};
	const result = await connection.stream(DISTINCT_TEXTS);
	for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
		const codeOf = chunk.getColumnValues(1) as (string | null)[];
		const counts = chunk.getColumnValues(2) as number[];
		(chunk.getColumnValues(0) as string[]).forEach((text, i) => {
			if (text !== texts[texts.length - 1]) {
				flush();
				texts.push(text);
				comments = 0;
				codes = [];
			}
			comments += counts[i] as number;
			total += counts[i] as number;
			const code = codeOf[i];
			if (code !== null && code !== undefined) codes.push([code, counts[i] as number]);
		});
	}
	flush();
	return { texts, total };
}

async function writeTables(
	connection: DuckDBConnection,
	texts: readonly string[],
	comments: number,
	clustering: TextClustering
): Promise<void> {
	await connection.run(CREATE_TABLES);
	// Appenders name their schema: the generation the refresh builds, first on the search path.
	const schema = String((await connection.runAndReadAll('SELECT current_schema()')).getRows()[0][0]);
	const clusters = await connection.createAppender('reason_clusters', schema);
	for (const cluster of clustering.clusters) {
		clusters.appendInteger(cluster.clusterId);
		clusters.appendVarchar(cluster.label);
		clusters.appendList(cluster.topTerms, LIST(VARCHAR));
		clusters.appendInteger(cluster.size);
		clusters.endRow();
	}
	clusters.closeSync();
	const assignments = await connection.createAppender('reason_text_clusters', schema);
	texts.forEach((text, i) => {
		assignments.appendVarchar(text);
		assignments.appendInteger(clustering.clusterOf[i] as number);
		const language = clustering.languageOf(i);
		if (language === null) assignments.appendNull();
		else assignments.appendVarchar(language);
		assignments.endRow();
	});
	assignments.closeSync();
	await connection.run('INSERT INTO reason_clustering VALUES ($texts, $comments, $model)', {
		texts: texts.length,
		comments,
		model: JSON.stringify(clustering.model)
	});
	await connection.run(`CREATE OR REPLACE TABLE reason_comment_loads AS ${countLoads('TRUE')}`);
}

/**
 * Rebuilds reason_clusters and reason_text_clusters from the comments in rmas, in one transaction:
 * each distinct comment once, however often it was written, with the reason codes its comments were
 * filed under, offline, from the lexicon in this folder; reason_clustering, one row: how many distinct
 * comments and comments it clustered and the model that places later ones (assignNewComments); and
 * reason_comment_loads, the lines per load and theme the sizes are kept with.
 * Runs before refreshDerived, whose return_lines carry each comment's cluster.
 */
export async function refreshReasonClusters(connection: DuckDBConnection): Promise<void> {
	await connection.run('BEGIN TRANSACTION');
	try {
		const clusterer = new ReasonClusterer();
		const { texts, total } = await readTexts(connection, clusterer);
		await writeTables(connection, texts, total, clusterer.finish());
		await connection.run('COMMIT');
	} catch (error) {
		await connection.run('ROLLBACK');
		throw error;
	}
}

/**
 * Past this growth of the comments (RMA lines with one) or of the distinct comments since the last
 * clustering, a refresh clusters again instead of placing new comments into the themes it found: by then
 * the themes, their terms and their weights were drawn from too small a part of what customers say.
 */
export const RECLUSTER_GROWTH = 0.2;

/**
 * True when the comments grew past RECLUSTER_GROWTH since the last clustering: those in the themes at
 * the last refresh and those of the loads since, or the distinct comments at the last refresh. Strictly
 * past: a shop without comments does not cluster again on every load.
 */
export const RECLUSTER_WHEN: Statement = {
	sql: `SELECT (SELECT count(*) FROM reason_text_clusters) > (1 + $growth) * c.texts
	   OR (SELECT coalesce(sum(size), 0) FROM reason_clusters)
	      + (SELECT count(*) FROM main.rmas
	         WHERE load_id > (SELECT coalesce(max(load_id), -1) FROM reason_comment_loads)
	           AND trim(reason_text) <> '')
	      > (1 + $growth) * c.comments
	 FROM reason_clustering c`,
	params: { growth: RECLUSTER_GROWTH }
};

const CHANGED_LOADS = `
CREATE OR REPLACE TEMP TABLE changed_comment_loads AS
SELECT load_id, lines > counted AS grew FROM (${LOAD_LINES}) WHERE lines <> counted`;

/**
 * The distinct comments of the loads that grew (new loads, and RMA lines that waited for their order)
 * that no theme holds yet: only the few new texts are looked up among the known ones.
 */
const NEW_TEXTS = `
WITH loaded AS (
  SELECT DISTINCT reason_text FROM main.rmas
  WHERE load_id IN (SELECT load_id FROM changed_comment_loads WHERE grew) AND trim(reason_text) <> ''
)
SELECT reason_text FROM loaded
EXCEPT
SELECT reason_text FROM reason_text_clusters WHERE reason_text IN (SELECT reason_text FROM loaded)`;

const LOADS_COUNTED_AGAIN = [
	'DELETE FROM reason_comment_loads WHERE load_id IN (SELECT load_id FROM changed_comment_loads)',
	`INSERT INTO reason_comment_loads ${countLoads('load_id IN (SELECT load_id FROM changed_comment_loads)')}`,
	'DROP TABLE changed_comment_loads'
];

/** Every theme's size: its comments over the loads. */
const SIZES = `
UPDATE reason_clusters c SET size = n.size
FROM (
  SELECT k.cluster_id, coalesce(sum(l.lines), 0)::INTEGER AS size
  FROM reason_clusters k LEFT JOIN reason_comment_loads l USING (cluster_id)
  GROUP BY k.cluster_id
) n
WHERE c.cluster_id = n.cluster_id AND c.size <> n.size`;

/**
 * Places the comments of the lines loaded since the last refresh that no theme holds yet into the
 * themes of the last clustering, each on its own (ThemePlacer: the theme of the clustering's comments
 * with the same language and terms, else the theme the clustering's own moves would take it to, else
 * "other / unclear"), without clustering again; then counts the lines of the loads that changed again
 * and sets every theme's size, "other / unclear" included once a comment is in it. Runs in the
 * refresh's transaction, and in a full rebuild that keeps the themes on a copy of the published
 * generation's tables: a comment lands where it would either way.
 */
export async function assignNewComments(connection: DuckDBConnection): Promise<void> {
	await connection.run(CHANGED_LOADS);
	const texts = (await connection.runAndReadAll(NEW_TEXTS)).getRows().map(([text]) => String(text));
	if (texts.length > 0) {
		const [[model]] = (await connection.runAndReadAll('SELECT model FROM reason_clustering')).getRows();
		const placer = new ThemePlacer(JSON.parse(String(model)) as ThemeModel);
		const placed = texts.map((text) => placer.place(text));
		await connection.run(
			`INSERT INTO reason_text_clusters
			 SELECT unnest($texts::VARCHAR[]), unnest($clusters::INTEGER[]), unnest($languages::VARCHAR[])`,
			{
				texts: listValue(texts),
				clusters: listValue(placed.map((p) => p.clusterId)),
				languages: listValue(placed.map((p) => p.language))
			}
		);
	}
	for (const sql of LOADS_COUNTED_AGAIN) await connection.run(sql);
	await connection.run(
		`INSERT INTO reason_clusters
		 SELECT $other, $label, []::VARCHAR[], 0
		 WHERE NOT EXISTS (SELECT 1 FROM reason_clusters WHERE cluster_id = $other)
		   AND EXISTS (SELECT 1 FROM reason_text_clusters WHERE cluster_id = $other)`,
		{ other: OTHER_CLUSTER, label: OTHER_LABEL }
	);
	await connection.run(SIZES);
}
