/**
 * Writes a customer's return comment for a theme: greeting, one or two phrases of the theme,
 * sign-off, with the typos, quotes and stray line breaks that real comments have.
 */
import type { Category } from './catalogue.ts';
import {
	FRAGMENTS,
	LANGUAGES,
	PHRASE_BANKS,
	type Language,
	type LanguageFragments,
	type PhraseBank
} from './comment-fragments.ts';
import type { Country } from './customers.ts';
import type { Rng } from './prng.ts';
import { THEMES, type Theme } from './reasons.ts';

/** The language a customer from `country` writes in. */
export function languageFor(country: Country, rng: Rng): Language {
	const r = rng.next();
	switch (country) {
		case 'DE':
		case 'AT':
			return r < 0.92 ? 'de' : 'en';
		case 'CH':
			return r < 0.7 ? 'de' : r < 0.85 ? 'fr' : 'en';
		case 'NL':
			return r < 0.88 ? 'nl' : 'en';
		case 'BE':
			return r < 0.5 ? 'nl' : r < 0.94 ? 'fr' : 'en';
		case 'FR':
			return r < 0.93 ? 'fr' : 'en';
		default:
			return 'en';
	}
}

const STOPS = ['.', '.', '!', '...'];
// People often leave the last full stop out.
const LAST_STOPS = ['.', '.', '!', '', '...'];

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One typing slip in one longer word: swapped, dropped or doubled letter. */
function typo(text: string, rng: Rng): string {
	const words = text.split(' ');
	const candidates = words.map((w, i) => (/^\p{L}{5,}$/u.test(w) ? i : -1)).filter((i) => i >= 0);
	if (candidates.length === 0) return text;
	const wi = rng.pick(candidates);
	const w = words[wi] as string;
	const at = rng.range(1, w.length - 2);
	const kind = rng.next();
	words[wi] =
		kind < 0.5
			? w.slice(0, at) + w.charAt(at + 1) + w.charAt(at) + w.slice(at + 2)
			: kind < 0.8
				? w.slice(0, at) + w.slice(at + 1)
				: w.slice(0, at) + w.charAt(at) + w.slice(at);
	return words.join(' ');
}

// Phrases that need a size only make sense for sized categories.
function withoutSize({ themes }: LanguageFragments): Record<Theme, readonly string[]> {
	const out = {} as Record<Theme, readonly string[]>;
	for (const t of THEMES) out[t] = themes[t].filter((p) => !p.includes('{size}'));
	return out;
}
const WITHOUT_SIZE = Object.fromEntries(
	PHRASE_BANKS.map((bank) => [
		bank,
		Object.fromEntries(LANGUAGES.map((language) => [language, withoutSize(FRAGMENTS[bank][language])]))
	])
) as Record<PhraseBank, Record<Language, Record<Theme, readonly string[]>>>;

function fill(phrase: string, items: readonly string[], variant: string, rng: Rng): string {
	return phrase.replace('{item}', rng.pick(items)).replace('{size}', variant);
}

export function writeComment(
	theme: Theme,
	category: Category,
	variant: string,
	sized: boolean,
	language: Language,
	rng: Rng,
	bank: PhraseBank = 'standard'
): string {
	const f = FRAGMENTS[bank][language];
	const usable = sized ? f.themes[theme] : WITHOUT_SIZE[bank][language][theme];
	const items = f.items[category];

	const first = rng.pick(usable);
	const sentences = [fill(first, items, variant, rng)];
	if (rng.chance(0.3)) {
		const second = rng.pick(usable);
		if (second !== first) sentences.push(fill(second, items, variant, rng));
	}
	const body = sentences
		.map((s, i) => capitalise(s) + rng.pick(i === sentences.length - 1 ? LAST_STOPS : STOPS))
		.join(' ');
	const parts: string[] = [];
	if (rng.chance(0.45)) parts.push(rng.pick(f.openers));
	parts.push(body);
	if (rng.chance(0.45)) parts.push(rng.pick(f.closers));

	const separator = rng.chance(0.04) ? '\n' : ' ';
	let text = parts.join(separator);
	if (rng.chance(0.12)) text = typo(text, rng);
	const caseStyle = rng.next();
	if (caseStyle < 0.06) text = text.toLowerCase();
	else if (caseStyle < 0.07) text = text.toUpperCase();
	return text;
}
