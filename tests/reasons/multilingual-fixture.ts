/**
 * Hand-written return comments: each row is one complaint said in English, German, Dutch and French
 * (some with typos), under the theme it belongs to, with how many customers wrote each version.
 */
export interface FixtureComment {
	theme: string;
	/** Which translation group the text belongs to: its four versions must share a cluster. */
	group: number;
	language: 'en' | 'de' | 'nl' | 'fr';
	text: string;
	count: number;
}

const GROUPS: [theme: string, en: string, de: string, nl: string, fr: string][] = [
	[
		'too_small',
		'The jacket is too small',
		'Die Jacke ist leider zu klein',
		'De jas is te klein',
		'Le manteau est trop petit'
	],
	[
		'too_small',
		'Runs a size small, too tight',
		'Fällt eine Nummer zu klein aus, zu eng',
		'Valt een maat te klein, te krap',
		'Taille petit, trop serré'
	],
	['too_large', 'The dress is too big', 'Das Kleid ist zu groß', 'De jurk is te groot', 'La robe est trop grande'],
	[
		'too_large',
		'Way too loose and baggy',
		'Viel zu weit und zu locker',
		'Veel te wijd en te ruim',
		'Beaucoup trop ample'
	],
	[
		'defect',
		'The zipper broke after one day',
		'Der Reißverschluss ist nach einem Tag kaputt',
		'De rits is na een dag kapot',
		'La fermeture éclair est cassée après un jour'
	],
	[
		'defect',
		'Stopped working, defective',
		'Funktioniert nicht mehr, defekt',
		'Werkt niet meer, defect',
		'Ne fonctionne plus, défectueux'
	],
	[
		'transit_damage',
		'Parcel arrived damaged, box crushed',
		'Paket kam beschädigt an, Karton zerdrückt',
		'Pakket kwam beschadigd aan, doos geplet',
		'Colis arrivé endommagé, carton écrasé'
	],
	[
		'wrong_item',
		'Wrong item delivered',
		'Falscher Artikel geliefert',
		'Verkeerd artikel geleverd',
		'Mauvais article livré'
	],
	[
		'wrong_item',
		'This is not the item I ordered',
		'Das ist nicht der Artikel, den ich bestellt habe',
		'Dit is niet het artikel dat ik besteld heb',
		"Ce n'est pas l'article que j'ai commandé"
	],
	[
		'late_delivery',
		'Delivery came far too late',
		'Lieferung kam viel zu spät',
		'Levering kwam veel te laat',
		'Livraison beaucoup trop tard'
	],
	['changed_mind', 'Changed my mind', 'Habe es mir anders überlegt', 'Ik heb me bedacht', "J'ai changé d'avis"],
	[
		'better_price',
		'Found it cheaper elsewhere',
		'Woanders günstiger gefunden',
		'Elders goedkoper gevonden',
		'Trouvé moins cher ailleurs'
	],
	[
		'not_as_described',
		'Colour looks different from the photo',
		'Farbe sieht anders aus als auf dem Foto',
		'Kleur ziet er anders uit dan op de foto',
		'La couleur ne ressemble pas à la photo'
	]
];

/**
 * Typing slips on some versions: the typo'd text counts as a version of its own, written once, as slips
 * are one writing among many of their word (slips.ts).
 */
const TYPOS: [from: string, to: string][] = [
	['klein', 'kliein'],
	['cheaper', 'cheapr'],
	['beschädigt', 'beschädgit'],
	['Livraison', 'Livriason'],
	['defective', 'defectvie']
];

const GREETINGS = { en: 'Hi,', de: 'Hallo,', nl: 'Hoi,', fr: 'Bonjour,' } as const;

export const UNCLEAR_COMMENTS = ['Hallo, danke!', 'asdf qwertz', 'Bonjour, merci.', 'see attached'];

export function fixtureComments(): FixtureComment[] {
	const comments: FixtureComment[] = [];
	GROUPS.forEach(([theme, ...texts], group) => {
		(['en', 'de', 'nl', 'fr'] as const).forEach((language, i) => {
			const text = texts[i] as string;
			comments.push({ theme, group, language, text, count: 10 * (1 + ((group * 7 + i * 3) % 11)) });
			for (const [from, to] of TYPOS) {
				if (text.includes(from))
					comments.push({ theme, group, language, text: text.replace(from, to), count: 1 });
			}
			const greeted = `${GREETINGS[language]} ${text.toLowerCase()}!!`;
			comments.push({ theme, group, language, text: greeted, count: 20 });
		});
	});
	return comments;
}
