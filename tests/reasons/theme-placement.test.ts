import { beforeAll, describe, expect, it } from 'vitest';
import { OTHER_CLUSTER } from '../../src/lib/features/reasons/themes/clusterer/cluster-labels.ts';
import {
	ReasonClusterer,
	type TextClustering
} from '../../src/lib/features/reasons/themes/clusterer/reason-clusterer.ts';
import { LANGUAGES } from '../../src/lib/features/reasons/themes/clusterer/languages.ts';
import { ThemePlacer, type ThemeModel } from '../../src/lib/features/reasons/themes/clusterer/theme-model.ts';
import { fixtureComments, UNCLEAR_COMMENTS, type FixtureComment } from './multilingual-fixture.ts';

/** The model as it comes back from the database: through JSON. */
const stored = (model: ThemeModel): ThemeModel => JSON.parse(JSON.stringify(model)) as ThemeModel;

describe('placing comments into the themes of a clustering', () => {
	const comments = fixtureComments();
	const unclear = UNCLEAR_COMMENTS.map((text) => ({ text, count: 3 }));
	// Every fourth version of a complaint is held out of the clustering, as if it came with a later load.
	const heldOut = comments.filter((_, i) => i % 4 === 1);
	const seen = comments.filter((_, i) => i % 4 !== 1);
	let result: TextClustering;
	let placer: ThemePlacer;
	/** The theme most of a translation group's seen versions are in. */
	let groupTheme: Map<number, number>;

	beforeAll(() => {
		const clusterer = new ReasonClusterer();
		for (const { text, count } of [...seen, ...unclear]) clusterer.add(text, count);
		result = clusterer.finish();
		placer = new ThemePlacer(stored(result.model));
		const votes = new Map<number, Map<number, number>>();
		seen.forEach((c, i) => {
			const counts = votes.get(c.group) ?? new Map<number, number>();
			counts.set(result.clusterOf[i] as number, (counts.get(result.clusterOf[i] as number) ?? 0) + c.count);
			votes.set(c.group, counts);
		});
		groupTheme = new Map(
			[...votes].map(([group, counts]) => [group, [...counts].sort((a, b) => b[1] - a[1])[0]![0]])
		);
	});

	it('gives a comment the clustering saw its theme and language', () => {
		[...seen, ...unclear].forEach((c, i) => {
			expect([c.text, placer.place(c.text)]).toEqual([
				c.text,
				{ clusterId: result.clusterOf[i], language: result.languageOf(i) }
			]);
		});
	});

	it('puts a comment the clustering never saw with its translations', () => {
		const placed = (c: FixtureComment) => placer.place(c.text).clusterId === groupTheme.get(c.group);
		const share = heldOut.filter(placed).length / heldOut.length;
		expect(share).toBeGreaterThanOrEqual(0.9);
	});

	it('places the same without the rows it saw, by the links of its themes alone', () => {
		const linksOnly = new ThemePlacer({ ...stored(result.model), rows: {} });
		const agree = seen.filter((c) => linksOnly.place(c.text).clusterId === placer.place(c.text).clusterId);
		expect(agree.length / seen.length).toBeGreaterThanOrEqual(0.9);
	});

	it('places comments differing only in case and punctuation alike, and nonsense in "other / unclear"', () => {
		for (const c of comments) {
			expect(placer.place(`${c.text.toUpperCase()} !!`)).toEqual(placer.place(c.text.toLowerCase()));
		}
		expect(placer.place('zxqv plorf')).toEqual({ clusterId: OTHER_CLUSTER, language: null });
	});

	it('places into nothing but "other / unclear" after a clustering without comments', () => {
		const empty = new ThemePlacer(stored(new ReasonClusterer().finish().model));
		expect(empty.place('Die Jacke ist leider zu klein').clusterId).toBe(OTHER_CLUSTER);
	});
});

describe('placing a comment between themes that say opposite fit directions', () => {
	// Terms: 0 the concept "order", 1 "small" (smaller), 2 "large" (larger), 3 the word "usual". Theme 1 is
	// too large ("ordered my usual, huge"), theme 2 too small, with as many comments. "Ordered my usual, too
	// small" has two terms of three in theme 1: by links alone it gains 2/3 − 1/2 there and 1/3 − 1/2 in
	// theme 2.
	const english = LANGUAGES.indexOf('en');
	const comments = (n: number) => Array.from({ length: LANGUAGES.length + 1 }, (_, g) => (g === english ? n : 0));
	const model: ThemeModel = {
		concepts: { order: 0, small: 1, large: 2 },
		words: { usual: 3 },
		parts: [0, 1, 2, 3].map((t) => [[t, 1]]),
		terms: 4,
		codes: 0,
		totals: [10, 3, 10, 10],
		shares: [[], [10, 0, 10, 10], [0, 3, 0, 0]],
		groups: [comments(0), comments(10), comments(10)],
		groupTotals: comments(20),
		rows: {}
	};
	const placer = new ThemePlacer(model);

	it('places a comment that says too small into the too-small theme, not the too-large one it is nearer', () => {
		expect(placer.place('I ordered my usual and it is too small').clusterId).toBe(2);
	});

	it('places a comment without a fit direction by its links', () => {
		expect(placer.place('I ordered my usual').clusterId).toBe(1);
	});
});
