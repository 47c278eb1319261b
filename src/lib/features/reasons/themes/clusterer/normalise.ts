const NON_ASCII = /[\x80-\uffff]/;
const COMBINING_MARKS = /\p{M}/gu;
const NOT_A_TO_Z = /[^a-z]/g;
const DIGIT = /\d/;
const REPEATS = /(.)\1+/g;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
/** Per UTF-16 code unit above ASCII: 1 word character, 2 separator, 0 not looked at yet. */
const wordUnits = new Uint8Array(0x10000);

function isWordUnit(code: number): boolean {
	if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
	if (wordUnits[code] === 0)
		wordUnits[code] = LETTER_OR_MARK.test(String.fromCharCode(code)) || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2;
	return wordUnits[code] === 1;
}

/** Lower case without accents, ß as ss: "Größe" and "groesse" differ only by the umlaut spelling. */
export function fold(text: string): string {
	const lower = text.toLowerCase();
	if (!NON_ASCII.test(lower)) return lower;
	return lower
		.normalize('NFD')
		.replace(COMBINING_MARKS, '')
		.replaceAll('ß', 'ss')
		.replaceAll('æ', 'ae')
		.replaceAll('œ', 'oe');
}

/**
 * The words of a text as written: runs of letters and digits, split at everything else, apostrophes
 * included, so "l'article" and "don't" split alike in the lexicon and in comments.
 */
export function splitWords(text: string): string[] {
	return splitSentences(text).flat();
}

/** Ends a clause: sentence and clause punctuation, brackets, a line break, an ellipsis. */
function isClauseEnd(code: number): boolean {
	return code < 0x80 ? CLAUSE_ENDS[code] === 1 : code === 0x2026;
}
const CLAUSE_ENDS = new Uint8Array(0x80);
for (const char of '.!?;:,()[]\n\r') CLAUSE_ENDS[char.charCodeAt(0)] = 1;

function isDash(code: number): boolean {
	return code === 0x2d || code === 0x2013 || code === 0x2014;
}

/**
 * The words of a text in runs between punctuation that ends a clause (".", ",", ";", a line break, a
 * dash between words and spaces, …), each run in order. A dash inside a word ("x-small", "T-Shirt")
 * splits the word but not the clause.
 */
export function splitSentences(text: string): string[][] {
	const runs: string[][] = [];
	let words: string[] = [];
	let start = -1;
	for (let i = 0; i <= text.length; i++) {
		const code = i < text.length ? text.charCodeAt(i) : 32;
		if (isWordUnit(code)) {
			if (start < 0) start = i;
			continue;
		}
		if (start >= 0) {
			words.push(text.slice(start, i));
			start = -1;
		}
		const ends =
			isClauseEnd(code) ||
			(isDash(code) && !(isWordUnit(text.charCodeAt(i - 1)) && isWordUnit(text.charCodeAt(i + 1))));
		if (ends && words.length > 0) {
			runs.push(words);
			words = [];
		}
	}
	if (words.length > 0) runs.push(words);
	return runs;
}

/**
 * A word as matching sees it: folded, letters a–z only. Empty for anything with a digit, which is a
 * size, quantity or order number, not a reason.
 */
export function foldWord(word: string): string {
	if (DIGIT.test(word)) return '';
	return fold(word).replace(NOT_A_TO_Z, '');
}

/** The matchable words of a text, in order. */
export function tokenise(text: string): string[] {
	return splitWords(text)
		.map(foldWord)
		.filter((word) => word.length > 0);
}

/**
 * A word with every run of a letter shortened to one ("kleinnn", "tooo"): the key under which stretched
 * and doubled-by-mistake spellings find their word. Only a fallback, because it also merges real words
 * (still, Stil).
 */
export function collapseRuns(word: string): string {
	return word.replace(REPEATS, '$1');
}

/** German words as typed without umlauts: ä as ae, ö as oe, ü as ue. */
export function umlautSpelling(text: string): string {
	return text.toLowerCase().replaceAll('ä', 'ae').replaceAll('ö', 'oe').replaceAll('ü', 'ue');
}
