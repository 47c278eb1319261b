import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PhraseBank } from '../../pipelines/demo-data/comment-fragments.ts';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { Rng } from '../../pipelines/demo-data/prng.ts';
import type { DemoProfileName } from '../../pipelines/demo-data/profiles.ts';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { MAX_CLUSTERS, ReasonClusterer } from '../../src/lib/features/reasons/themes/clusterer/reason-clusterer.ts';
import { loadLabelledReviews, type LabelledSet } from '../fixtures/real-text/real-text.ts';

/**
 * The comment themes judged against the truth on three data sets:
 * - standard: the demo data as ingest loads it, whose comment-labels.csv names the theme the generator
 *   wrote each comment about, and the language it wrote it in;
 * - the standard phrase bank on a shop profile and seed the clusterer was not tuned on (kleding: a Dutch
 *   shop, sized accessories, more fit returns);
 * - independent: demo comments from the second phrase bank (comment-phrases-independent.json), written
 *   apart from the clusterer's lexicon, on that profile and seed, on the sportif profile, and on the outlet
 *   profile (the fewest comments), where the target is not met yet;
 * - real: public customer reviews labelled by theme (tests/fixtures/real-text), the held-out set the
 *   clusterer is judged on and the development set changes were tried on.
 * The clusterer gets each comment's reason code, as ingest hands it over, as evidence that is often
 * wrong (the generator makes codes contradict comments on purpose); the truth is the theme the comment
 * was written about. The real reviews have no codes. Purity is the share of comments that belong to their
 * cluster's most common theme (themes not mixed); inverse purity the share that sit in their theme's
 * biggest cluster (themes not split, languages of a theme not apart).
 *
 * The targets (purity ≥ 0.9 and inverse purity ≥ 0.75 on generated comments, purity ≥ 0.85 on real
 * reviews) hold for both phrase banks; on the real reviews they do not yet, and are written as an
 * expected failure next to a floor a little below today's figure, so that the day it is met the
 * expected failure fails and is turned into a plain test. The development set, which is harder
 * (README.md there), has a floor of its own.
 */
interface Counted {
	cluster: number;
	theme: string;
	comments: number;
}

interface Scores {
	comments: number;
	clusters: number;
	purity: number;
	inversePurity: number;
}

/** Over the groups (clusters for purity, themes for inverse purity), the comments of each one's largest cell. */
function sumOfLargest(counted: readonly Counted[], group: (c: Counted) => string): number {
	const cells = new Map<string, { group: string; comments: number }>();
	for (const c of counted) {
		const key = `${c.cluster}\t${c.theme}`;
		const cell = cells.get(key) ?? { group: group(c), comments: 0 };
		cell.comments += c.comments;
		cells.set(key, cell);
	}
	const largest = new Map<string, number>();
	for (const cell of cells.values()) largest.set(cell.group, Math.max(largest.get(cell.group) ?? 0, cell.comments));
	return [...largest.values()].reduce((a, b) => a + b, 0);
}

function score(counted: readonly Counted[], clusters: number): Scores {
	const comments = counted.reduce((n, c) => n + c.comments, 0);
	return {
		comments,
		clusters,
		purity: sumOfLargest(counted, (c) => String(c.cluster)) / comments,
		inversePurity: sumOfLargest(counted, (c) => c.theme) / comments
	};
}

interface LabelledText {
	text: string;
	theme: string;
	comments: number;
	/** The reason code the comments were filed under; null for none. */
	code: string | null;
}

function addUp(counts: Map<string, number>, key: string, comments: number): Map<string, number> {
	return counts.set(key, (counts.get(key) ?? 0) + comments);
}

/**
 * Clusters the distinct texts with the codes ingest hands them over, and scores the result: in the order
 * ingest hands them over (sorted), or with `shuffle`, in an order shuffled by that seed.
 */
function clusterLabelled(texts: readonly LabelledText[], shuffle = 0): Scores {
	const byText = new Map<string, Map<string, number>>();
	const codesOf = new Map<string, Map<string, number>>();
	for (const { text, theme, comments, code } of texts) {
		byText.set(text, addUp(byText.get(text) ?? new Map(), theme, comments));
		codesOf.set(
			text,
			code === null ? (codesOf.get(text) ?? new Map()) : addUp(codesOf.get(text) ?? new Map(), code, comments)
		);
	}
	const sorted = [...byText.keys()].sort();
	const distinct = shuffle === 0 ? sorted : new Rng(shuffle).shuffle(sorted);
	const clusterer = new ReasonClusterer();
	for (const text of distinct)
		clusterer.add(
			text,
			[...byText.get(text)!.values()].reduce((a, b) => a + b),
			[...codesOf.get(text)!].sort()
		);
	const result = clusterer.finish();
	const counted = distinct.flatMap((text, i) =>
		[...byText.get(text)!].map(([theme, comments]) => ({ cluster: result.clusterOf[i] as number, theme, comments }))
	);
	return score(counted, result.clusters.length);
}

/** Generates a demo data set in a temporary folder and scores the clustering of its comments. */
async function demoScores(phrases: PhraseBank, profile: DemoProfileName, seed: number): Promise<Scores> {
	const dir = await mkdtemp(join(tmpdir(), 'returnlens-themes-'));
	const db = await openDatabase(':memory:');
	const connection = await db.connect();
	try {
		await generateDemoData({ lines: 30_000, seed, outDir: dir, phrases, profile });
		const texts = (
			await connection.runAndReadAll(
				`SELECT r.reason_text AS text, l.theme, nullif(trim(r.reason_code), '') AS code,
				   count(*)::INTEGER AS comments
				 FROM read_csv($rmas, all_varchar = true) r
				 JOIN read_csv($labels, all_varchar = true) l USING (rma_id, line_id)
				 WHERE trim(r.reason_text) <> '' GROUP BY ALL`,
				{ rmas: join(dir, 'rmas.csv'), labels: join(dir, 'comment-labels.csv') }
			)
		).getRowObjectsJson() as unknown as LabelledText[];
		return clusterLabelled(texts);
	} finally {
		connection.closeSync();
		db.close();
		await rm(dir, { recursive: true, force: true });
	}
}

/** Purity and inverse purity at least these, in at most MAX_CLUSTERS clusters. */
function expectThemes(s: Scores, purity: number, inversePurity: number): void {
	expect(s.purity).toBeGreaterThanOrEqual(purity);
	expect(s.inversePurity).toBeGreaterThanOrEqual(inversePurity);
	expect(s.clusters).toBeLessThanOrEqual(MAX_CLUSTERS);
}

const printed: string[] = [];
function report(name: string, s: Scores): void {
	printed.push(
		`${name.padEnd(62)} purity ${s.purity.toFixed(4)}, inverse purity ${s.inversePurity.toFixed(4)}, ` +
			`${s.clusters} clusters, ${s.comments} comments`
	);
}
afterAll(() => console.log(`comment themes, per data set:\n  ${printed.join('\n  ')}`));

describe('themes of the standard demo comments (30,000 lines, loaded by ingest)', () => {
	const demo = inject('demoDatabase');
	let db: Database;
	let scores: Scores;
	let checks: { labelled: number; unmatched: number; language_accuracy: number };

	beforeAll(async () => {
		db = await openDatabase(demo.dbPath, { readOnly: true });
		const connection = await db.connect();
		try {
			const labelled = `WITH labels AS (SELECT * FROM read_csv($labels, header = true, all_varchar = true)),
			  labelled AS (
			    SELECT l.theme, l.language AS written_in, t.cluster_id, t.language
			    FROM labels l JOIN rmas r USING (rma_id, line_id) JOIN reason_text_clusters t USING (reason_text)
			  )`;
			const labels = { labels: join(demo.dataDir, 'comment-labels.csv') };
			const counted = (
				await connection.runAndReadAll(
					`${labelled}
					 SELECT cluster_id AS cluster, theme, count(*)::INTEGER AS comments FROM labelled GROUP BY ALL`,
					labels
				)
			).getRowObjectsJson() as unknown as Counted[];
			const reader = await connection.runAndReadAll(
				`${labelled} SELECT
				   (SELECT count(*) FROM labelled)::INTEGER AS labelled,
				   (SELECT count(*) FROM labels)::INTEGER - (SELECT count(*) FROM labelled)::INTEGER AS unmatched,
				   (SELECT avg(CASE WHEN language = written_in THEN 1 ELSE 0 END) FROM labelled) AS language_accuracy,
				   (SELECT count(*) FROM reason_clusters)::INTEGER AS clusters`,
				labels
			);
			const row = reader.getRowObjectsJson()[0] as typeof checks & { clusters: number };
			checks = row;
			scores = score(counted, row.clusters);
		} finally {
			connection.closeSync();
		}
		report('standard demo comments (seed 7)', scores);
		console.log(`language detected right for ${(100 * checks.language_accuracy).toFixed(1)}% of them`);
	});
	afterAll(() => db?.close());

	it('labels almost every comment that was loaded', () => {
		expect(checks.labelled).toBeGreaterThan(2000);
		expect(checks.unmatched).toBeLessThan(checks.labelled * 0.01);
	});

	it('finds the themes: purity at least 0.9, inverse purity at least 0.75, at most 15 clusters', () => {
		expectThemes(scores, 0.9, 0.75);
	});

	it('detects the language a comment was written in', () => {
		expect(checks.language_accuracy).toBeGreaterThanOrEqual(0.95);
	});
});

/**
 * Generated shops the clusterer was not tuned on: standard comments in a Dutch shop (kleding: sized
 * accessories, more fit returns), comments from the independent phrase bank there and in a French sports
 * shop (sportif: big baskets, a third returned), and independent comments in the outlet, the profile with
 * the fewest comments, where the target is not met yet: its floor is a little below today's figure and the
 * target an expected failure.
 */
const GENERATED: { bank: PhraseBank; profile: DemoProfileName; seed: number; comments: number; floor?: number }[] = [
	{ bank: 'standard', profile: 'kleding', seed: 2027, comments: 2000 },
	{ bank: 'independent', profile: 'kleding', seed: 2027, comments: 2000 },
	{ bank: 'independent', profile: 'sportif', seed: 2027, comments: 2000 },
	{ bank: 'independent', profile: 'outlet', seed: 5, comments: 1000, floor: 0.87 }
];

describe.each(GENERATED)('themes of $bank comments in a shop not tuned on ($profile, seed $seed)', (set) => {
	let scores: Scores;

	beforeAll(async () => {
		scores = await demoScores(set.bank, set.profile, set.seed);
		report(`${set.bank} phrase bank, ${set.profile} (seed ${set.seed})`, scores);
	}, 60_000);

	const purity = set.floor ?? 0.9;
	it(`finds the themes: purity at least ${purity}, inverse purity at least 0.75, at most 15 clusters`, () => {
		expect(scores.comments).toBeGreaterThan(set.comments);
		expectThemes(scores, purity, 0.75);
	});

	if (set.floor !== undefined)
		it.fails('reaches the target: purity at least 0.9 (not yet)', () => {
			expectThemes(scores, 0.9, 0.75);
		});
});

describe('themes of real customer reviews, labelled', () => {
	/**
	 * With a few hundred texts the themes depend on the order the texts come in (purity moves by up to
	 * 0.1), so a set is scored in ORDERS orders, the sorted one and shuffles, and judged by the median.
	 */
	const ORDERS = 11;
	const scoresOf = (set: LabelledSet): Scores => {
		const { texts } = loadLabelledReviews(set);
		const labelled = texts.map(({ text, theme }) => ({ text, theme, comments: 1, code: null }));
		const runs = Array.from({ length: ORDERS }, (_, seed) => clusterLabelled(labelled, seed)).sort(
			(a, b) => a.purity - b.purity
		);
		const median = runs[(ORDERS - 1) / 2]!;
		report(`real reviews, ${set} (${texts.length}), median of ${ORDERS} orders`, median);
		printed.push(
			`${''.padEnd(62)} purity from ${runs[0]!.purity.toFixed(4)} to ${runs[ORDERS - 1]!.purity.toFixed(4)}`
		);
		return median;
	};
	let heldOut: Scores;
	let development: Scores;

	beforeAll(() => {
		heldOut = scoresOf('held-out');
		development = scoresOf('development');
	});

	it('keeps purity at least 0.82 on the held-out set, at most 15 clusters', () => {
		expectThemes(heldOut, 0.82, 0);
	});

	it.fails('reaches the target on the held-out set: purity at least 0.85 (not yet)', () => {
		expectThemes(heldOut, 0.85, 0);
	});

	it('keeps purity at least 0.64 on the development set, at most 15 clusters', () => {
		expectThemes(development, 0.64, 0);
	});
});
