import { LIST, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { ReasonClusterer, type TextClustering } from './clusterer/reason-clusterer.ts';

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
);`;

async function readTexts(connection: DuckDBConnection, clusterer: ReasonClusterer): Promise<string[]> {
	const texts: string[] = [];
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
			const code = codeOf[i];
			if (code !== null && code !== undefined) codes.push([code, counts[i] as number]);
		});
	}
	flush();
	return texts;
}

async function writeTables(
	connection: DuckDBConnection,
	texts: readonly string[],
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
}

/**
 * Rebuilds reason_clusters and reason_text_clusters from the comments in rmas, in one transaction:
 * each distinct comment once, however often it was written, with the reason codes its comments were
 * filed under, offline, from the lexicon in this folder.
 * Runs before refreshDerived, whose return_lines carry each comment's cluster.
 */
export async function refreshReasonClusters(connection: DuckDBConnection): Promise<void> {
	await connection.run('BEGIN TRANSACTION');
	try {
		const clusterer = new ReasonClusterer();
		const texts = await readTexts(connection, clusterer);
		await writeTables(connection, texts, clusterer.finish());
		await connection.run('COMMIT');
	} catch (error) {
		await connection.run('ROLLBACK');
		throw error;
	}
}

/**
 * Assigns the comments not yet in a theme to the theme of a comment worded the same (case and
 * punctuation aside), else to "other / unclear", without re-clustering. Runs in the refresh's transaction.
 */
export async function assignNewComments(connection: DuckDBConnection): Promise<void> {
	await connection.run(`
INSERT INTO reason_text_clusters
WITH known AS (
  SELECT trim(lower(regexp_replace(reason_text, '[\\s\\p{P}]+', ' ', 'g'))) AS wording, min(cluster_id) AS cluster_id,
    any_value(language) AS language
  FROM reason_text_clusters GROUP BY ALL
),
new_texts AS (
  SELECT DISTINCT reason_text FROM main.rmas
  WHERE trim(reason_text) <> '' AND reason_text NOT IN (SELECT reason_text FROM reason_text_clusters)
)
SELECT n.reason_text, coalesce(k.cluster_id, 0), k.language
FROM new_texts n LEFT JOIN known k
  ON k.wording = trim(lower(regexp_replace(n.reason_text, '[\\s\\p{P}]+', ' ', 'g')))`);
}
