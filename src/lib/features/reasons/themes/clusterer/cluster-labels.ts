import type { Shape } from './feature-space.ts';
import { languageCount, LANGUAGES } from './languages.ts';
import type { Vocabulary } from './vocabulary.ts';

/** The cluster of comments without any recognisable reason. */
export const OTHER_CLUSTER = 0;
export const OTHER_LABEL = 'other / unclear';
const TOP_TERMS = 8;
const LABEL_TERMS = 3;
/** A word most languages share (polyester, euro) tells no reader which theme it is. */
const MAX_LABEL_TERM_LANGUAGES = 2;
const ENGLISH = 1 << LANGUAGES.indexOf('en');

export interface ClusterDescription {
	label: string;
	topTerms: string[];
}

/** The words the lexicon does not know, as the comments spell them and in the languages they are written in. */
export interface UnknownWords {
	display(id: number): string;
	/** Bit i set: most comments with the word are in LANGUAGES[i]; 0 when none was recognised. */
	languages(id: number): number;
}

/** Term keys by descending score, the lower key first on a tie. */
function ranked(scores: Map<number, number>): number[] {
	return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([key]) => key);
}

/**
 * Names each cluster by the words of its comments that are both frequent in it and typical of it
 * (count in the cluster × share of the word's uses that fall in it): lexicon terms as the lexicon
 * spells them, other words as the comments do. The label takes the best three of those written in the
 * shop's main language (the language most comments are in), or if there are none in English, or else
 * in any language, so a product manager reads "zu klein · zu eng · spannt" in a German shop and a
 * theme only French customers write about still gets a name; words most languages share stay in the top
 * terms only, and a label already given gets the next term, so no two clusters read the same. The
 * other cluster's terms are the words the lexicon did not know that no theme took up.
 */
export function describeClusters(
	shapes: readonly Shape[],
	shapeCluster: Int32Array,
	clusterCount: number,
	vocabulary: Vocabulary,
	unknown: UnknownWords,
	mainLanguage: number
): ClusterDescription[] {
	// Keys: a lexicon entry e as e, an unknown word u as -1 - u.
	const hits = Array.from({ length: clusterCount }, () => new Map<number, number>());
	const totals = new Map<number, number>();
	shapes.forEach((shape, s) => {
		const cluster = shapeCluster[s] as number;
		const counts = hits[cluster]!;
		const keys =
			cluster === OTHER_CLUSTER
				? shape.unknown.map((u) => -1 - u)
				: [...shape.entries, ...shape.unknown.map((u) => -1 - u)];
		for (const key of keys) {
			counts.set(key, (counts.get(key) ?? 0) + shape.weight);
			totals.set(key, (totals.get(key) ?? 0) + shape.weight);
		}
	});
	const display = (key: number): string => (key >= 0 ? vocabulary.entries[key]!.display : unknown.display(-1 - key));
	const languages = (key: number): number =>
		key >= 0 ? vocabulary.entries[key]!.languages : unknown.languages(-1 - key);

	const used = new Set<string>();
	return hits.map((counts, cluster) => {
		if (cluster === OTHER_CLUSTER)
			return { label: OTHER_LABEL, topTerms: ranked(counts).slice(0, TOP_TERMS).map(display) };
		const scores = new Map<number, number>();
		for (const [key, n] of counts) scores.set(key, (n * n) / totals.get(key)!);
		const order = ranked(scores);
		const displays = [...new Set(order.map(display))];
		const labelled = order.filter((key) => languageCount(languages(key)) <= MAX_LABEL_TERM_LANGUAGES);
		const picked: string[] = [];
		for (const wanted of [mainLanguage, ENGLISH, -1]) {
			for (const key of labelled) {
				if (picked.length === LABEL_TERMS) break;
				if (wanted >= 0 && (languages(key) & wanted) === 0) continue;
				if (!picked.includes(display(key))) picked.push(display(key));
			}
			if (picked.length > 0) break;
		}
		for (const term of displays) {
			if (!used.has(picked.join(' · '))) break;
			if (!picked.includes(term)) picked.push(term);
		}
		const label = picked.join(' · ');
		used.add(label);
		return { label, topTerms: displays.slice(0, TOP_TERMS) };
	});
}
