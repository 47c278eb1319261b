/** How a misspelling differs from its word, most likely first: letters swapped, one left out, one wrong, one extra. */
const enum Edit {
	Swap,
	Omission,
	Substitution,
	Insertion
}

function deletions(word: string): Set<string> {
	const out = new Set<string>();
	for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
	return out;
}

function sameLengthEdit(a: string, b: string): Edit | undefined {
	let first = -1;
	let second = -1;
	for (let i = 0; i < a.length; i++) {
		if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
		if (first < 0) first = i;
		else if (second < 0) second = i;
		else return undefined;
	}
	if (first < 0) return undefined;
	if (second < 0) return Edit.Substitution;
	return second === first + 1 && a[first] === b[second] && a[second] === b[first] ? Edit.Swap : undefined;
}

/**
 * Finds the known word one typing slip away from an unknown one (Damerau distance 1), by the
 * symmetric-deletion trick: two words one edit apart share a one-letter deletion, so candidates are
 * found by lookups rather than by comparing against every word. Of several candidates the likeliest
 * slip wins, then the word listed first, so the result never depends on hash order.
 */
export class TypoCorrector {
	readonly #ids = new Map<string, number>();
	readonly #byDeletion = new Map<string, number[]>();
	readonly #words: readonly string[];
	readonly #minLength: number;

	constructor(words: readonly string[], minLength: number) {
		this.#words = words;
		this.#minLength = minLength;
		words.forEach((word, id) => {
			if (word.length < minLength || this.#ids.has(word)) return;
			this.#ids.set(word, id);
			for (const deleted of deletions(word)) {
				const list = this.#byDeletion.get(deleted);
				if (list) list.push(id);
				else this.#byDeletion.set(deleted, [id]);
			}
		});
	}

	/**
	 * The id of the word `token` most likely misspells, or -1. At the minimum length only a swap or a
	 * left-out letter counts: a wrong or extra letter turns too many short words into other words.
	 */
	correct(token: string): number {
		if (token.length < this.#minLength) return -1;
		const worst = token.length > this.#minLength ? Edit.Insertion : Edit.Omission;
		let best = -1;
		let bestEdit = worst + 1;
		const consider = (id: number, edit: Edit): void => {
			if (edit > worst) return;
			if (edit < bestEdit || (edit === bestEdit && id < best)) {
				best = id;
				bestEdit = edit;
			}
		};
		for (const id of this.#byDeletion.get(token) ?? []) consider(id, Edit.Omission);
		for (const deleted of deletions(token)) {
			const shorter = this.#ids.get(deleted);
			if (shorter !== undefined) consider(shorter, Edit.Insertion);
			for (const id of this.#byDeletion.get(deleted) ?? []) {
				const word = this.#words[id] as string;
				if (word.length !== token.length) continue;
				const edit = sameLengthEdit(token, word);
				if (edit !== undefined) consider(id, edit);
			}
		}
		return best;
	}
}
