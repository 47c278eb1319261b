import type { Shape } from './feature-space.ts';
import { languageCount } from './languages.ts';
import type { Vocabulary } from './vocabulary.ts';

/** The cluster of comments without any recognisable reason. */
export const OTHER_CLUSTER = 0;
export const OTHER_LABEL = 'other / unclear';
const TOP_TERMS = 8;
const LABEL_TERMS = 3;
/** A word most languages share (polyester, euro) tells no reader which theme it is. */
const MAX_LABEL_TERM_LANGUAGES = 2;

export interface ClusterDescription {
	label: string;
	topTerms: string[];
}

/** Term ids by descending score, the lower id first on a tie. */
function ranked(scores: Map<number, number>): number[] {
	return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
}

/**
 * Names each cluster by the terms that are both frequent in it and typical of it (count in the
 * cluster × share of the term's uses that fall in it), as the lexicon writes them. The label takes
 * the best term of each of the first languages, so it reads "zu klein · too small · trop petit";
 * words most languages share stay in the top terms only, and a label already given gets the next
 * term, so no two clusters read the same. The other cluster's terms are the words the lexicon did
 * not know, which is where the lexicon needs extending.
 */
export function describeClusters(
	shapes: readonly Shape[],
	shapeCluster: Int32Array,
	clusterCount: number,
	vocabulary: Vocabulary,
	unknownWord: (id: number) => string
): ClusterDescription[] {
	const hits = Array.from({ length: clusterCount }, () => new Map<number, number>());
	const totals = new Map<number, number>();
	shapes.forEach((shape, s) => {
		const cluster = shapeCluster[s] as number;
		const counts = hits[cluster]!;
		if (cluster === OTHER_CLUSTER) {
			for (const u of shape.unknown) counts.set(u, (counts.get(u) ?? 0) + shape.weight);
			return;
		}
		for (const e of shape.entries) {
			counts.set(e, (counts.get(e) ?? 0) + shape.weight);
			totals.set(e, (totals.get(e) ?? 0) + shape.weight);
		}
	});

	const used = new Set<string>();
	return hits.map((counts, cluster) => {
		if (cluster === OTHER_CLUSTER)
			return { label: OTHER_LABEL, topTerms: ranked(counts).slice(0, TOP_TERMS).map(unknownWord) };
		const scores = new Map<number, number>();
		for (const [e, n] of counts) scores.set(e, (n * n) / totals.get(e)!);
		const order = ranked(scores);
		const displays = [...new Set(order.map((e) => vocabulary.entries[e]!.display))];
		const picked: string[] = [];
		let languages = 0;
		for (const e of order) {
			const entry = vocabulary.entries[e]!;
			if (picked.length === LABEL_TERMS) break;
			if (languageCount(entry.languages) > MAX_LABEL_TERM_LANGUAGES) continue;
			if ((entry.languages & ~languages) === 0 || picked.includes(entry.display)) continue;
			picked.push(entry.display);
			languages |= entry.languages;
		}
		for (const display of displays) {
			if (!used.has(picked.join(' · '))) break;
			if (!picked.includes(display)) picked.push(display);
		}
		const label = picked.join(' · ');
		used.add(label);
		return { label, topTerms: displays.slice(0, TOP_TERMS) };
	});
}
