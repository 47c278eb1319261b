import { OTHER_CLUSTER } from './cluster-labels.ts';
import { rowSignature, unitRow, type FeatureSpace, type TermPart } from './feature-space.ts';
import { LANGUAGES, type Language } from './languages.ts';
import { conceptDirections, fitDirection, opposed, type ClusterLinks } from './modularity.ts';
import { Slips, type SlipModel } from './slips.ts';
import { TextAnalyser } from './text-analyser.ts';
import { vocabulary, type Vocabulary } from './vocabulary.ts';

/**
 * What a clustering leaves behind to place comments it never saw into its themes without clustering
 * again, as plain JSON: the terms it knew, what each adds to a comment's row (feature-space.ts), the
 * rows it had with their theme, and the links its themes were judged by (modularity.ts). Themes are
 * numbered by cluster id; "other / unclear" has no links. Terms no comment had are left out: a term no
 * theme has says nothing about where a comment belongs.
 */
export interface ThemeModel {
	/** The term each concept of the lexicon is, by the concept's id. */
	concepts: Record<string, number>;
	/** The term each word the lexicon lacks is, as matching sees it, when enough comments used it. */
	words: Record<string, number>;
	/** Each term's part of a row, by term; null for a term no comment had. */
	parts: (TermPart | null)[];
	/** Columns that are terms; the codes' columns follow them. */
	terms: number;
	codes: number;
	/** Per column, the shares every comment lends it. */
	totals: number[];
	/** Per theme: the shares its comments lend each column (empty for a theme without links). */
	shares: number[][];
	/** Per theme: its comments per language group (LANGUAGES, then undetected). */
	groups: number[][];
	/** Comments per language group. */
	groupTotals: number[];
	/** The theme of each row the clustering had, by rowSignature. */
	rows: Record<string, number>;
	/** Which spellings were read as slips of a lexicon word; absent from models stored before. */
	slips?: SlipModel;
}

/** The group of a comment's language, as the clustering groups rows: undetected after LANGUAGES. */
const languageGroup = (language: Language | null): number =>
	language === null ? LANGUAGES.length : LANGUAGES.indexOf(language);

/**
 * The model of a finished clustering: `space` its rows, `links` its final links, `theme` the cluster id
 * each of its clusters became, `rowTheme` the cluster id of each row.
 */
export function buildThemeModel(
	space: FeatureSpace,
	links: ClusterLinks,
	theme: Int32Array,
	rowTheme: ArrayLike<number>,
	vocabulary: Vocabulary,
	unknownWord: (id: number) => string,
	slips: SlipModel
): ThemeModel {
	const columns = space.rows.dimension;
	const groupCount = LANGUAGES.length + 1;
	const used = (t: number) => (links.termTotal[t] as number) > 0;
	const concepts: Record<string, number> = {};
	vocabulary.concepts.forEach((id, t) => {
		if (used(t)) concepts[id] = t;
	});
	const words: Record<string, number> = {};
	space.termWords.forEach((word, i) => {
		const t = vocabulary.concepts.length + i;
		if (used(t)) words[unknownWord(word)] = t;
	});
	const themes = theme.length + 1;
	const shares: number[][] = Array.from({ length: themes }, () => []);
	const groups: number[][] = Array.from({ length: themes }, () => new Array<number>(groupCount).fill(0));
	theme.forEach((id, c) => {
		shares[id] = Array.from(links.inCluster.subarray(c * columns, (c + 1) * columns));
		groups[id] = Array.from(links.clusterGroup.subarray(c * groupCount, (c + 1) * groupCount));
	});
	const rows: Record<string, number> = {};
	space.rowSignatures.forEach((signature, r) => (rows[signature] = rowTheme[r] as number));
	return {
		concepts,
		words,
		parts: space.termParts.map((part, t) => (used(t) ? part : null)),
		terms: space.terms,
		codes: columns - space.terms,
		totals: Array.from(links.termTotal),
		shares,
		groups,
		groupTotals: Array.from(links.groupTotal),
		rows,
		slips
	};
}

/** A theme for a comment, and the language it is in. */
export interface Placement {
	clusterId: number;
	language: Language | null;
}

/**
 * Places comments into the themes of a clustering (ThemeModel) without clustering again, each on its
 * own, so where a comment goes does not depend on which others came with it or in which load: the
 * theme of the clustering's row with the same language and terms, else the theme a comment moves to
 * in the clustering's own local moves (its links into the theme less what chance links it to the
 * theme's comments of its language), else, without a term any theme has, "other / unclear".
 */
export class ThemePlacer {
	readonly #model: ThemeModel;
	readonly #vocabulary: Vocabulary = vocabulary();
	readonly #analyser: TextAnalyser;
	/** Per column, the fit direction its concept says, as the clustering had it (modularity.ts). */
	readonly #directions: Uint8Array;
	/** Per theme, its fit direction. */
	readonly #themeDirections: number[];

	constructor(model: ThemeModel) {
		this.#model = model;
		this.#analyser = new TextAnalyser(this.#vocabulary, new Slips(model.slips ?? { targets: [], kept: [] }));
		this.#directions = conceptDirections(model.terms + model.codes, (id) => model.concepts[id]);
		this.#themeDirections = model.shares.map((shares) =>
			fitDirection(
				shares.map((share, column): [number, number] => [column, share]),
				this.#directions,
				'cluster'
			)
		);
	}

	place(text: string): Placement {
		const model = this.#model;
		const { entries, unknown, language } = this.#analyser.analyse(text);
		const found = new Set<number>();
		for (const e of entries) {
			for (const c of this.#vocabulary.entries[e]!.concepts) {
				const t = model.concepts[this.#vocabulary.concepts[c]!];
				if (t !== undefined) found.add(t);
			}
		}
		for (const u of unknown) {
			const t = model.words[this.#analyser.unknownWord(u)];
			if (t !== undefined) found.add(t);
		}
		if (found.size === 0) return { clusterId: OTHER_CLUSTER, language };
		const terms = [...found].sort((a, b) => a - b);
		const group = languageGroup(language);
		const known = model.rows[rowSignature(group, terms)];
		if (known !== undefined) return { clusterId: known, language };
		return { clusterId: this.#nearest(terms, group), language };
	}

	/**
	 * The theme a new row with these terms gains most by joining (ModularityClustering's local moves, per
	 * comment), among those whose fit direction is not the opposite of the comment's.
	 */
	#nearest(terms: readonly number[], group: number): number {
		const model = this.#model;
		const row = unitRow(
			terms.map((t) => model.parts[t]!),
			model.terms,
			model.codes
		);
		const direction = fitDirection(row, this.#directions, 'comment');
		let lent = 0;
		for (const [, value] of row) lent += Math.sqrt(value);
		const groupTotal = model.groupTotals[group] ?? 0;
		let best = OTHER_CLUSTER;
		let bestGain = -Infinity;
		model.shares.forEach((shares, theme) => {
			if (shares.length === 0 || opposed(direction, this.#themeDirections[theme]!)) return;
			let links = 0;
			for (const [column, value] of row) {
				const total = model.totals[column] as number;
				if (total > 0) links += ((Math.sqrt(value) / lent) * (shares[column] as number)) / total;
			}
			if (links === 0) return;
			const chance = groupTotal > 0 ? (model.groups[theme]![group] as number) / groupTotal : 0;
			if (links - chance > bestGain) {
				best = theme;
				bestGain = links - chance;
			}
		});
		return best;
	}
}
