import { beforeAll, describe, expect, it } from 'vitest';
import { OTHER_CLUSTER, OTHER_LABEL } from '../../src/lib/features/reasons/themes/clusterer/cluster-labels.ts';
import {
	MAX_CLUSTERS,
	ReasonClusterer,
	type TextClustering
} from '../../src/lib/features/reasons/themes/clusterer/reason-clusterer.ts';
import { LARGER, ModularityClustering, SMALLER } from '../../src/lib/features/reasons/themes/clusterer/modularity.ts';
import type { SparseRows } from '../../src/lib/features/reasons/themes/clusterer/sparse-rows.ts';
import { fixtureComments, UNCLEAR_COMMENTS, type FixtureComment } from './multilingual-fixture.ts';

/** Rows of one comment each, of weight 1, from each comment's [column, value] entries. */
function sparseRows(comments: [number, number][][], dimension: number): SparseRows {
	return {
		dimension,
		offsets: Int32Array.from([0, ...comments.map((_, r) => comments.slice(0, r + 1).flat().length)]),
		indices: Int32Array.from(comments.flat().map(([column]) => column)),
		values: Float64Array.from(comments.flat().map(([, value]) => value)),
		weights: new Float64Array(comments.length).fill(1)
	};
}

function cluster(texts: { text: string; count: number }[]): TextClustering {
	const clusterer = new ReasonClusterer();
	for (const { text, count } of texts) clusterer.add(text, count);
	return clusterer.finish();
}

describe('clustering hand-written comments in four languages', () => {
	const comments: FixtureComment[] = fixtureComments();
	const unclear = UNCLEAR_COMMENTS.map((text) => ({ text, count: 3 }));
	let result: TextClustering;
	let clusterOf: Map<string, number>;

	beforeAll(() => {
		result = cluster([...comments, ...unclear]);
		clusterOf = new Map([...comments, ...unclear].map((c, i) => [c.text, result.clusterOf[i] as number]));
	});

	it('puts every translation of a complaint, typos included, in the same cluster', () => {
		const groups = new Map<number, Set<number>>();
		for (const c of comments) groups.set(c.group, (groups.get(c.group) ?? new Set()).add(clusterOf.get(c.text)!));
		for (const [group, clusters] of groups) expect([group, [...clusters]]).toEqual([group, [expect.any(Number)]]);
	});

	it('never mixes two themes in one cluster', () => {
		const themes = new Map<number, Set<string>>();
		for (const c of comments)
			themes.set(clusterOf.get(c.text)!, (themes.get(clusterOf.get(c.text)!) ?? new Set()).add(c.theme));
		for (const [id, inCluster] of themes) expect([id, [...inCluster]]).toEqual([id, [expect.any(String)]]);
		expect(themes.size).toBeGreaterThanOrEqual(6);
		expect(result.clusters.length).toBeLessThanOrEqual(MAX_CLUSTERS);
	});

	it('sends comments without a recognisable reason to "other / unclear"', () => {
		for (const text of UNCLEAR_COMMENTS) expect(clusterOf.get(text)).toBe(OTHER_CLUSTER);
		for (const c of comments) expect(clusterOf.get(c.text)).not.toBe(OTHER_CLUSTER);
		const other = result.clusters.find((c) => c.clusterId === OTHER_CLUSTER);
		expect(other).toMatchObject({ label: OTHER_LABEL, size: 3 * UNCLEAR_COMMENTS.length });
		expect(other?.topTerms).toEqual(expect.arrayContaining(['asdf', 'qwertz']));
	});

	it('counts comments, not distinct texts, in a cluster size, and numbers clusters biggest first', () => {
		const expected = new Map<number, number>();
		[...comments, ...unclear].forEach((c) =>
			expected.set(clusterOf.get(c.text)!, (expected.get(clusterOf.get(c.text)!) ?? 0) + c.count)
		);
		for (const c of result.clusters)
			expect([c.clusterId, c.size]).toEqual([c.clusterId, expected.get(c.clusterId)]);
		const themed = result.clusters.filter((c) => c.clusterId !== OTHER_CLUSTER);
		expect(themed.map((c) => c.clusterId)).toEqual(themed.map((_, i) => i + 1));
		expect(themed.map((c) => c.size)).toEqual([...themed.map((c) => c.size)].sort((a, b) => b - a));
	});

	it('labels each cluster with distinct terms from its own comments, in several languages', () => {
		const labels = result.clusters.map((c) => c.label);
		expect(new Set(labels).size).toBe(labels.length);
		const small = result.clusters.find((c) => c.clusterId === clusterOf.get('Die Jacke ist leider zu klein'))!;
		expect(small.label.split(' · ').length).toBeGreaterThanOrEqual(2);
		expect(small.topTerms).toEqual(expect.arrayContaining(['zu klein', 'te klein', 'trop petit']));
		expect(small.topTerms.filter((t) => t === 'too small' || t === 'small')).not.toEqual([]);
		const late = result.clusters.find((c) => c.clusterId === clusterOf.get('Lieferung kam viel zu spät'))!;
		expect(late.topTerms).toEqual(expect.arrayContaining(['zu spät', 'te laat', 'trop tard']));
	});

	it('detects the language of each version', () => {
		[...comments].forEach((c, i) => expect([c.text, result.languageOf(i)]).toEqual([c.text, c.language]));
		expect(result.languageOf(comments.length + UNCLEAR_COMMENTS.indexOf('asdf qwertz'))).toBeNull();
	});

	it('gives the same clusters on every run', () => {
		const again = cluster([...comments, ...unclear]);
		expect(again.clusters).toEqual(result.clusters);
		expect([...again.clusterOf]).toEqual([...result.clusterOf]);
	});
});

describe('clustering edge cases', () => {
	it('handles no comments at all', () => {
		expect(cluster([])).toMatchObject({ clusters: [], clusterOf: new Int32Array(0) });
	});

	it('handles comments that are all unclear', () => {
		const result = cluster([
			{ text: 'asdf', count: 2 },
			{ text: 'hallo', count: 1 }
		]);
		expect(result.clusters).toEqual([
			{ clusterId: OTHER_CLUSTER, label: OTHER_LABEL, topTerms: ['asdf'], size: 3 }
		]);
	});

	it('handles fewer distinct reasons than the smallest k', () => {
		const result = cluster([
			{ text: 'zu klein', count: 5 },
			{ text: 'too small', count: 2 },
			{ text: 'kaputt', count: 1 }
		]);
		expect([...result.clusterOf].slice(0, 2)).toEqual([1, 1]);
		expect(result.clusterOf[2]).toBe(2);
		expect(result.clusters.map((c) => c.size)).toEqual([7, 1]);
	});
});

describe('merging clusters that say opposite fit directions', () => {
	// Columns: 0 "size" (no direction), 1 "too small" and 2 "too tight" (smaller), 3 "too big" (larger).
	const directions = Uint8Array.from([0, SMALLER, SMALLER, LARGER]);
	const kinds = [1, 3, 2];
	const rows: SparseRows = {
		dimension: 4,
		offsets: Int32Array.from({ length: 31 }, (_, r) => 2 * r),
		indices: Int32Array.from(Array.from({ length: 30 }, (_, r) => [0, kinds[Math.floor(r / 10)]!]).flat()),
		values: new Float64Array(60).fill(Math.SQRT1_2),
		weights: new Float64Array(30).fill(1)
	};
	const start = Int32Array.from({ length: 30 }, (_, r) => Math.floor(r / 10));
	const clustersOf = (clustering: ModularityClustering): number[][] =>
		[0, 10, 20].map((from) => [...new Set(clustering.assignment.slice(from, from + 10))]);

	it('merges two clusters of one direction before a small and a large one that share as much', () => {
		const clustering = new ModularityClustering(rows, new Int32Array(30), 1, start, 3, directions);
		clustering.optimise(2);
		const [tooSmall, tooLarge, tooTight] = clustersOf(clustering);
		expect(tooSmall).toEqual(tooTight);
		expect(tooLarge).not.toEqual(tooSmall);
	});

	it('without directions, takes the first of two equal mergers: too small with too big', () => {
		const clustering = new ModularityClustering(rows, new Int32Array(30), 1, start, 3);
		clustering.optimise(2);
		const [tooSmall, tooLarge] = clustersOf(clustering);
		expect(tooLarge).toEqual(tooSmall);
	});

	it('still merges opposite directions when clusters must go and no other two can', () => {
		const clustering = new ModularityClustering(rows, new Int32Array(30), 1, start, 3, directions);
		clustering.optimise(1);
		expect(clustering.clusters).toBe(1);
	});
});

describe('moving a comment between clusters that say opposite fit directions', () => {
	// Columns: 0 "ordered" and 3 "size" (no direction), 1 "too small" (smaller), 2 "huge" (larger). Five
	// comments "ordered · size · huge" make a too-large cluster, four "too small" a too-small one; the last
	// comment, "ordered · size · too small", shares more with the too-large cluster.
	const directions = Uint8Array.from([0, SMALLER, LARGER, 0]);
	const comments: [number, number][][] = [
		...Array.from({ length: 5 }, (): [number, number][] => [
			[0, 0.5],
			[2, 0.5],
			[3, Math.SQRT1_2]
		]),
		...Array.from({ length: 4 }, (): [number, number][] => [[1, 1]]),
		[
			[0, 0.5],
			[1, Math.SQRT1_2],
			[3, 0.5]
		]
	];
	const rows = sparseRows(comments, 4);
	const start = Int32Array.from(comments, (_, r) => (r < 5 ? 0 : 1));
	const last = comments.length - 1;

	it('keeps a comment that says too small out of a cluster that says too large', () => {
		const clustering = new ModularityClustering(rows, new Int32Array(comments.length), 1, start, 2, directions);
		clustering.optimise(2);
		expect(clustering.assignment[last]).toBe(clustering.assignment[5]);
		expect(clustering.assignment[last]).not.toBe(clustering.assignment[0]);
	});

	it('without directions, moves it to the cluster it shares most with', () => {
		const clustering = new ModularityClustering(rows, new Int32Array(comments.length), 1, start, 2);
		clustering.optimise(2);
		expect(clustering.assignment[last]).toBe(clustering.assignment[0]);
	});
});

describe('merging clusters whose comments came with other reason codes', () => {
	// Columns: 0 "parcel", 1 "week", 2 "seam", 3 "late", 4 "torn", then the codes 5 DEFECT and 6 LATE. Ten
	// comments each of "parcel · week · seam" (DEFECT), "parcel · week · late" (LATE) and "seam · torn"
	// (DEFECT): the first two share the most words, the first and the last their code.
	const kinds: [number, number][][] = [
		[
			[0, 0.5],
			[1, 0.5],
			[2, 0.3],
			[5, 0.5]
		],
		[
			[0, 0.5],
			[1, 0.5],
			[3, 0.3],
			[6, 0.5]
		],
		[
			[2, 0.3],
			[4, 0.8],
			[5, 0.3]
		]
	];
	const comments = Array.from({ length: 30 }, (_, r) => kinds[Math.floor(r / 10)]!);
	const rows = sparseRows(comments, 7);
	const start = Int32Array.from({ length: 30 }, (_, r) => Math.floor(r / 10));
	const firstOf = (clustering: ModularityClustering) => [0, 10, 20].map((from) => clustering.assignment[from]);

	it('merges the two of one code, however many words the other two share', () => {
		const clustering = new ModularityClustering(rows, new Int32Array(30), 1, start, 3, undefined, 2);
		clustering.optimise(2);
		const [seams, late, torn] = firstOf(clustering);
		expect(seams).toBe(torn);
		expect(late).not.toBe(seams);
	});

	it('without codes, merges the two that share the most words', () => {
		const clustering = new ModularityClustering(rows, new Int32Array(30), 1, start, 3);
		clustering.optimise(2);
		const [seams, late, torn] = firstOf(clustering);
		expect(seams).toBe(late);
		expect(torn).not.toBe(seams);
	});

	it('still merges codes that disagree when clusters must go and no other two can', () => {
		const clustering = new ModularityClustering(rows, new Int32Array(30), 1, start, 3, undefined, 2);
		clustering.optimise(1);
		expect(clustering.clusters).toBe(1);
	});
});
