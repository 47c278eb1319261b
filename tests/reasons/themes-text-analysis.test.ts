import { describe, expect, it } from 'vitest';
import { CONCEPTS } from '../../src/lib/features/reasons/themes/clusterer/concepts.ts';
import { LANGUAGES } from '../../src/lib/features/reasons/themes/clusterer/languages.ts';
import {
	collapseRuns,
	fold,
	splitSentences,
	tokenise
} from '../../src/lib/features/reasons/themes/clusterer/normalise.ts';
import { SLIP_RATIO, Slips } from '../../src/lib/features/reasons/themes/clusterer/slips.ts';
import { TextAnalyser } from '../../src/lib/features/reasons/themes/clusterer/text-analyser.ts';
import { TypoCorrector } from '../../src/lib/features/reasons/themes/clusterer/typo-corrector.ts';
import { vocabulary } from '../../src/lib/features/reasons/themes/clusterer/vocabulary.ts';

const v = vocabulary();
const analyser = new TextAnalyser(v);

/** The concept ids a comment is found to mention, sorted. */
function concepts(text: string): string[] {
	const found = new Set<string>();
	for (const e of analyser.analyse(text).entries) for (const c of v.entries[e]!.concepts) found.add(v.concepts[c]!);
	return [...found].sort();
}

describe('normalisation', () => {
	it('folds case and accents and spells ß as ss', () => {
		expect(fold('Größe FÄLLT')).toBe('grosse fallt');
		expect(fold('Défectueux, abîmé, œuvre')).toBe('defectueux, abime, oeuvre');
		expect(fold('plain ascii')).toBe('plain ascii');
	});

	it('splits at punctuation and apostrophes, typographic ones too, and drops anything with a digit', () => {
		expect(tokenise("Don't like it; l’article est arrivé cassé!")).toEqual([
			'don',
			't',
			'like',
			'it',
			'l',
			'article',
			'est',
			'arrive',
			'casse'
		]);
		expect(tokenise('Größe "42" statt 40, Bestellung #A123 – XL')).toEqual(['grosse', 'statt', 'bestellung', 'xl']);
		expect(tokenise('T-Shirt\nzu\tklein')).toEqual(['t', 'shirt', 'zu', 'klein']);
	});

	it('cuts clauses at punctuation and at a dash between words and spaces, not inside a word', () => {
		expect(splitSentences('Love it, but the x-small - way too big!\nReturned')).toEqual([
			['Love', 'it'],
			['but', 'the', 'x', 'small'],
			['way', 'too', 'big'],
			['Returned']
		]);
	});

	it('folds decomposed accents (NFD input) like composed ones', () => {
		expect(tokenise('cass\u0065\u0301')).toEqual(tokenise('cassé'));
	});

	it('collapses runs of a letter as a fallback key', () => {
		expect(collapseRuns('kleiiinnn')).toBe('klein');
		expect(collapseRuns('soooo')).toBe('so');
	});
});

describe('typo correction', () => {
	const words = ['klein', 'cheaper', 'cheap', 'kapot', 'defekt'];
	const corrector = new TypoCorrector(words, 4);
	const fixed = (token: string): string | undefined => words[corrector.correct(token)];

	it('fixes a swapped, missing, wrong or extra letter', () => {
		expect(fixed('kelin')).toBe('klein');
		expect(fixed('klen')).toBe('klein');
		expect(fixed('kapoy')).toBe('kapot');
		expect(fixed('defeckt')).toBe('defekt');
	});

	it('prefers the likelier slip: a left-out letter over an extra one', () => {
		expect(fixed('cheapr')).toBe('cheaper');
	});

	it('leaves words two edits away, and short words, alone', () => {
		expect(corrector.correct('kleinxy')).toBe(-1);
		expect(corrector.correct('kln')).toBe(-1);
		expect(corrector.correct('kapo')).toBe(words.indexOf('kapot'));
		expect(corrector.correct('kaxo')).toBe(-1);
	});
});

describe('slips: typos told from real words by how often each is written', () => {
	/** An analyser that has read these texts, each written in that many comments. */
	function reading(corpus: [text: string, comments: number][]): TextAnalyser {
		const reader = new TextAnalyser(v);
		for (const [text, comments] of corpus) reader.read(text, comments);
		return reader;
	}
	const found = (reader: TextAnalyser, text: string): string[] => {
		const ids = new Set<string>();
		for (const e of reader.analyse(text).entries) for (const c of v.entries[e]!.concepts) ids.add(v.concepts[c]!);
		return [...ids].sort();
	};
	const fits = (): TextAnalyser =>
		reading([
			['too tight', 100],
			['it fits right', 10],
			['too tihgt', 1]
		]);

	it('reads a spelling one edit from a word written SLIP_RATIO times as often as that word', () => {
		const reader = reading([
			['Der Reißverschluss ist kaputt', SLIP_RATIO],
			['Der Reißverschlus ist kaptut', 1],
			['la couleur ne correspond pas', 2 * SLIP_RATIO],
			['la coulueur ne correspond pas', 2]
		]);
		expect(found(reader, 'Der Reißverschlus ist kaptut')).toEqual(['broken', 'component']);
		expect(found(reader, 'la coulueur ne correspond pas')).toEqual(['colour', 'mismatch']);
	});

	it('keeps a real word one letter from a known word as itself ("right" is not "tight")', () => {
		const reader = fits();
		expect(found(reader, 'it fits right')).toEqual(['fit']);
		expect(found(reader, 'too tihgt')).toEqual(['tight']);
		expect(found(reader, 'fits tigt')).toEqual(['fit', 'tight']);
	});

	it('counts a word once per comment, however often the comment writes it', () => {
		const reader = reading([
			['too tight', SLIP_RATIO],
			['right right right, so right', 1]
		]);
		expect(found(reader, 'it fits right')).toEqual(['fit', 'tight']);
	});

	it('hands its decisions to the model, which places later comments alike', () => {
		const reader = fits();
		for (const text of ['it fits right', 'too tihgt', 'fits tigt']) reader.analyse(text);
		const model = reader.slipModel();
		expect(model.targets).toContain('tight');
		expect(model.kept).toContain('right');
		const placing = new TextAnalyser(v, new Slips(model));
		const ids = (text: string) => placing.analyse(text).entries.flatMap((e) => v.entries[e]!.concepts);
		expect(ids('it fits right')).toEqual(ids('it fits'));
		expect(ids('too tigth')).toEqual(ids('too tight'));
		const withoutModel = new TextAnalyser(v, new Slips({ targets: [], kept: [] }));
		expect(withoutModel.analyse('too tigth').entries).toEqual([]);
	});
});

describe('the lexicon', () => {
	it('says every concept in all four languages', () => {
		const missing = CONCEPTS.flatMap((c) =>
			LANGUAGES.filter((l) => !c.terms[l]?.length).map((l) => `${c.id}/${l}`)
		);
		expect(missing).toEqual([]);
		expect(new Set(CONCEPTS.map((c) => c.id)).size).toBe(CONCEPTS.length);
	});

	it('gives the fit concepts a direction, smaller or larger, and no other concept one', () => {
		const directions = Object.fromEntries(CONCEPTS.filter((c) => c.direction).map((c) => [c.id, c.direction]));
		expect(directions).toEqual({
			small: 'smaller',
			tight: 'smaller',
			short: 'smaller',
			large: 'larger',
			loose: 'larger',
			long: 'larger'
		});
	});
});

describe('comment analysis', () => {
	it('maps the same complaint in four languages onto the same concept', () => {
		expect(concepts('Die Jacke ist leider zu klein')).toContain('small');
		expect(concepts('The jacket is too small')).toContain('small');
		expect(concepts('De jas is te klein')).toContain('small');
		expect(concepts('Le manteau est trop petit')).toContain('small');
	});

	it('reads through stretched letters and missing umlauts', () => {
		expect(concepts('viiiel zu kleiiin!!!')).toEqual(['small']);
		expect(concepts('Groesse passt nicht, faellt zu gross aus')).toEqual(['fit', 'large', 'size']);
	});

	it('takes no spelling for a typo without knowing how often the words are written', () => {
		expect(concepts('Der Reißverschlus ist kaptut')).toEqual([]);
	});

	it('lets a phrase win over its words', () => {
		expect(concepts('mauvaise qualité')).toEqual(['poor_quality']);
		expect(concepts('mauvais article')).toEqual(['item', 'wrong']);
		expect(concepts('habe es mir anders überlegt')).toEqual(['changed_mind']);
		expect(concepts('sieht ganz anders aus')).toContain('different');
	});

	it('keeps "cheap" (quality) apart from "cheaper" (price)', () => {
		expect(concepts('feels cheap')).toEqual(['poor_quality']);
		expect(concepts('found it cheaper elsewhere')).toEqual(['cheaper', 'elsewhere']);
		expect(concepts('billig verarbeitet')).toContain('poor_quality');
		expect(concepts('woanders billiger')).toEqual(['cheaper', 'elsewhere']);
	});

	it('does not "correct" a product noun into a concept (Kleid is not klein)', () => {
		expect(concepts('Das Kleid ist zu groß')).toEqual(['large']);
	});

	it('finds nothing in greetings and thanks alone', () => {
		expect(concepts('Hallo, vielen Dank! LG')).toEqual([]);
		expect(concepts('Bonjour, merci beaucoup. Cordialement')).toEqual([]);
	});

	it('keeps words it does not know for the leftover features', () => {
		const analysis = analyser.analyse('Die Jacke ist nicht wasserdicht');
		expect(analysis.unknown.map((u) => analyser.unknownWord(u))).toEqual(['wasserdicht']);
	});
});

describe('reviews: praise, sizes named and the direction of a size change', () => {
	it('drops the clauses that only praise, and keeps the complaint', () => {
		expect(concepts('Love the colour, great fabric, but it runs small')).toEqual(['size', 'small']);
		expect(concepts('Beautiful colour. Unfortunately the fabric feels cheap')).toEqual([
			'material',
			'poor_quality'
		]);
		expect(concepts('Schöne Farbe, aber leider zu eng')).toEqual(['tight']);
		expect(concepts('Mooie kleur, maar te groot')).toEqual(['large']);
		expect(concepts('Jolie couleur mais trop petit')).toEqual(['small']);
	});

	it('keeps praise that is negated, excessive or wished for: that is the complaint', () => {
		expect(concepts('the colour is not as nice as the picture')).toEqual(['colour', 'picture']);
		expect(concepts('would be nice if the zipper worked')).toContain('component');
	});

	it('keeps everything when the comment only praises', () => {
		expect(concepts('Great quality, lovely colour')).toEqual(['colour', 'poor_quality']);
	});

	it('reads a size named as a size as no complaint about it', () => {
		expect(concepts('I ordered a small and it was huge')).toEqual(['large', 'order']);
		expect(concepts('usually an extra small, this one is too big')).toEqual(['large']);
		expect(concepts('it is a little small')).toEqual(['small']);
	});

	// Sizing up and down, in four languages; a size step is the item's size unless its clause asks for or
	// advises a size.
	const sizeDirections: [string, 'small' | 'large'][] = [
		['had to size up', 'small'],
		['I would need a smaller size', 'large'],
		['go down a size', 'large'],
		['Brauche eine Nummer größer', 'small'],
		['Ik heb een maat kleiner nodig', 'large'],
		['il me faut une taille au-dessus', 'small'],
		['runs a size smaller than my usual', 'small'],
		['Die Hose fällt eine Größe kleiner aus', 'small'],
		['valt een maat kleiner', 'small'],
		['ça correspond à une taille en dessous', 'small'],
		['order a size smaller', 'large'],
		['lieber eine Nummer kleiner nehmen', 'large'],
		['neem een maat groter', 'small'],
		['prenez une taille en dessous', 'large']
	];
	it.each(sizeDirections)('reads "%s" as too %s', (text, direction) => {
		expect(concepts(text).filter((c) => c === 'small' || c === 'large')).toEqual([direction]);
	});

	it('takes words of praise for no reason, even where they are not praise', () => {
		const words = (text: string): string[] => analyser.analyse(text).unknown.map((u) => analyser.unknownWord(u));
		expect(words('not flattering, the neckline gapes')).toEqual(['neckline', 'gapes']);
	});
});

describe('language detection', () => {
	const examples: [string, string | null][] = [
		['Hallo, die Hose ist leider zu klein und sitzt zu eng. Danke', 'de'],
		['Paket kam beschädigt an, Karton war nass', 'de'],
		['Farbe enspricht nicht der Beschreibung', 'de'],
		['Hi, the zip is broken. Please refund', 'en'],
		['delivery took far to long, no longer needed', 'en'],
		["don't like it after all", 'en'],
		['Hoi, de broek is helaas te groot. Groetjes', 'nl'],
		['verkeerd artikel geleverd, klopt niet met mijn bestelling', 'nl'],
		['levering duurde veel te lang', 'nl'],
		['Bonjour, le colis est arrivé endommagé. Merci', 'fr'],
		["j'ai changé d'avis", 'fr'],
		['trouvé moins cher ailleurs', 'fr'],
		['!!!', null]
	];
	for (const [text, language] of examples) {
		it(`reads "${text}" as ${language}`, () => {
			expect(analyser.analyse(text).language).toBe(language);
		});
	}
});
