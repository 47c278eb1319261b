/**
 * Building blocks of customers' return comments in four languages. Each theme has its own
 * phrases carrying the words that give its meaning away (zu klein, te groot, défectueux ...);
 * greetings and sign-offs are shared noise. `{item}` is a noun phrase that fits every phrase's
 * grammar in that language, `{size}` the size ordered.
 */
import type { Category } from './catalogue.ts';
import type { Theme } from './reasons.ts';

export const LANGUAGES = ['de', 'en', 'nl', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface LanguageFragments {
	openers: readonly string[];
	closers: readonly string[];
	themes: Record<Theme, readonly string[]>;
	items: Record<Category, readonly string[]>;
}

const de: LanguageFragments = {
	openers: ['Hallo,', 'Guten Tag,', 'Hallo zusammen,', 'Hi,', 'Sehr geehrte Damen und Herren,', 'Rücksendung:', 'Leider zurück:'],
	closers: ['Danke.', 'Vielen Dank!', 'Bitte um Erstattung.', 'Bitte Geld zurück.', 'Schade.', 'LG', 'Mfg', 'Danke im Voraus'],
	themes: {
		too_small: [
			'{item} ist zu klein',
			'fällt eine Nummer zu klein aus',
			'viel zu eng, passt leider nicht',
			'Größe {size} ist mir zu klein',
			'{item} ist leider zu klein, sitzt zu eng',
			'sitzt viel zu eng',
			'kleiner als in der Größentabelle, zu klein',
			'die Größe "{size}" fällt sehr klein aus',
			'zu klein und zu kurz',
			'drückt überall, zu eng'
		],
		too_large: [
			'{item} ist zu groß',
			'fällt eine Nummer zu groß aus',
			'viel zu weit, passt leider nicht',
			'Größe {size} ist mir zu groß',
			'{item} ist leider zu groß, sitzt zu locker',
			'sitzt viel zu locker',
			'weiter als in der Größentabelle, zu groß',
			'die Größe "{size}" fällt sehr groß aus',
			'zu groß und zu lang',
			'rutscht, viel zu weit geschnitten'
		],
		defect: [
			'{item} ist defekt',
			'funktioniert nach zwei Tagen nicht mehr, defekt',
			'die Naht ist aufgegangen',
			'der Reißverschluss ist kaputt',
			'ist nach dem ersten Benutzen kaputt gegangen',
			'Verarbeitungsfehler, Material löst sich ab',
			'{item} hat einen Defekt',
			'Knopf abgerissen, schlechte Verarbeitung, defekt'
		],
		transit_damage: [
			'Paket kam beschädigt an',
			'beim Versand beschädigt',
			'Karton war aufgerissen und {item} zerkratzt',
			'Transportschaden, die Verpackung war eingedrückt',
			'kam zerbrochen bei mir an',
			'der Paketdienst hat das Paket zerdrückt, Ware beschädigt',
			'schon beim Auspacken beschädigt, Karton nass'
		],
		not_as_described: [
			'sieht ganz anders aus als auf dem Foto',
			'die Farbe entspricht nicht der Beschreibung',
			'Material fühlt sich billig an, nicht wie beschrieben',
			'laut Beschreibung "wasserdicht", ist es aber nicht',
			'entspricht nicht den Bildern im Shop',
			'Farbe ist viel dunkler als abgebildet',
			'anders als beschrieben, Polyester statt Baumwolle'
		],
		wrong_item: [
			'falscher Artikel geliefert',
			'{item} kam in der falschen Farbe',
			'bestellt war Größe {size}, geliefert wurde ein falscher Artikel',
			'im Paket war ein ganz anderer Artikel',
			'das ist nicht der Artikel, den ich bestellt habe',
			'falsches Modell geliefert',
			'Artikelnummer stimmt nicht mit meiner Bestellung überein, falscher Artikel'
		],
		late_delivery: [
			'Lieferung kam viel zu spät',
			'zu spät geliefert, brauche es nicht mehr',
			'die Lieferung hat über zwei Wochen gedauert',
			'Lieferung verspätet, das Geschenk kam nach dem Geburtstag',
			'Lieferzeit viel zu lang',
			'kam erst nach dem Urlaub an, zu spät'
		],
		changed_mind: [
			'gefällt mir doch nicht',
			'habe es mir anders überlegt',
			'brauche ich doch nicht mehr',
			'Fehlkauf, gefällt mir nicht',
			'passt nicht zu meinem Stil',
			'doch nicht meins',
			'habe mich umentschieden'
		],
		better_price: [
			'woanders günstiger gefunden',
			'der Preis ist inzwischen gesunken',
			'bei einem anderen Shop billiger',
			'habe ein günstigeres Angebot gefunden',
			'jetzt im Sale 20 Euro günstiger',
			'bei der Konkurrenz deutlich günstiger'
		]
	},
	items: {
		apparel: ['die Jacke', 'das Kleid', 'das Shirt', 'die Hose', 'der Pullover', 'die Bluse'],
		shoes: ['der Schuh', 'der Sneaker', 'der Stiefel', 'die Sandale'],
		accessories: ['die Tasche', 'der Gürtel', 'der Schal', 'die Mütze', 'die Sonnenbrille'],
		home: ['die Lampe', 'das Kissen', 'die Vase', 'die Decke', 'die Pfanne'],
		electronics: ['der Kopfhörer', 'das Ladegerät', 'der Lautsprecher', 'die Smartwatch', 'die Powerbank'],
		beauty: ['die Creme', 'das Parfum', 'das Serum', 'der Lippenstift']
	}
};

const en: LanguageFragments = {
	openers: ['Hi,', 'Hello,', 'Dear team,', 'Hi there,', 'Return:', 'Sorry,', 'Hello there,'],
	closers: ['Thanks.', 'Thank you!', 'Please refund.', 'Refund please.', 'Shame.', 'Cheers', 'Kind regards', 'Thanks in advance'],
	themes: {
		too_small: [
			'{item} is too small',
			'runs a size small',
			'way too tight, does not fit',
			'size {size} is too small for me',
			'{item} is too small and tight',
			'much tighter than expected',
			'smaller than the size chart says, too small',
			'the "{size}" runs really small',
			'too small and too short',
			'pinches everywhere, too tight'
		],
		too_large: [
			'{item} is too big',
			'runs a size large',
			'way too loose, does not fit',
			'size {size} is too large for me',
			'{item} is too big and baggy',
			'much baggier than expected',
			'bigger than the size chart says, too large',
			'the "{size}" runs really large',
			'too big and too long',
			'slips off, far too loose'
		],
		defect: [
			'{item} is defective',
			'stopped working after two days, faulty',
			'the seam came apart',
			'the zip is broken',
			'broke after the first use',
			'faulty, the material is peeling off',
			'{item} has a fault',
			'button fell off, poor workmanship, defective'
		],
		transit_damage: [
			'parcel arrived damaged',
			'damaged in transit',
			'box was torn open and {item} scratched',
			'shipping damage, packaging was crushed',
			'arrived broken',
			'courier crushed the parcel, item damaged',
			'damaged when I unpacked it, box was wet'
		],
		not_as_described: [
			'looks nothing like the photo',
			'colour is not as described',
			'material feels cheap, not as described',
			'description says "waterproof" but it is not',
			'does not match the pictures on the website',
			'colour is much darker than shown',
			'not as described, polyester instead of cotton'
		],
		wrong_item: [
			'wrong item delivered',
			'{item} came in the wrong colour',
			'ordered size {size} but got the wrong item',
			'a completely different item was in the parcel',
			'this is not the item I ordered',
			'wrong model sent',
			'item number does not match my order, wrong item'
		],
		late_delivery: [
			'delivery took far too long',
			'arrived too late, no longer needed',
			'delivery took over two weeks',
			'delivery was late, the gift arrived after the birthday',
			'shipping time far too long',
			'only arrived after my holiday, too late'
		],
		changed_mind: [
			'changed my mind',
			"don't like it after all",
			'no longer need it',
			'bought it by mistake, changed my mind',
			'not my style',
			'decided against it',
			'not for me after all'
		],
		better_price: [
			'found it cheaper elsewhere',
			'price has dropped since I ordered',
			'cheaper at another shop',
			'found a cheaper deal',
			'now 20 euros cheaper in the sale',
			'much cheaper at a competitor'
		]
	},
	items: {
		apparel: ['the jacket', 'the dress', 'the shirt', 'the trousers', 'the jumper', 'the blouse'],
		shoes: ['the shoe', 'the sneaker', 'the boot', 'the sandal'],
		accessories: ['the bag', 'the belt', 'the scarf', 'the beanie', 'the sunglasses'],
		home: ['the lamp', 'the cushion', 'the vase', 'the throw', 'the pan'],
		electronics: ['the headphones', 'the charger', 'the speaker', 'the smartwatch', 'the power bank'],
		beauty: ['the cream', 'the perfume', 'the serum', 'the lipstick']
	}
};

const nl: LanguageFragments = {
	openers: ['Hallo,', 'Beste,', 'Goedendag,', 'Hoi,', 'Beste klantenservice,', 'Retour:', 'Helaas retour:'],
	closers: ['Bedankt.', 'Alvast bedankt!', 'Graag geld terug.', 'Graag terugbetaling.', 'Jammer.', 'Groetjes', 'Mvg', 'Met vriendelijke groet'],
	themes: {
		too_small: [
			'{item} is te klein',
			'valt een maat te klein',
			'veel te strak, past niet',
			'maat {size} is te klein voor mij',
			'{item} is helaas te klein, zit te krap',
			'zit veel te krap',
			'kleiner dan de maattabel, te klein',
			'de "{size}" valt erg klein',
			'te klein en te kort',
			'knelt overal, te krap'
		],
		too_large: [
			'{item} is te groot',
			'valt een maat te groot',
			'veel te wijd, past niet',
			'maat {size} is te groot voor mij',
			'{item} is helaas te groot, zit te ruim',
			'zit veel te ruim',
			'groter dan de maattabel, te groot',
			'de "{size}" valt erg groot',
			'te groot en te lang',
			'zakt af, veel te ruim'
		],
		defect: [
			'{item} is kapot',
			'werkt na twee dagen niet meer, defect',
			'de naad is losgegaan',
			'de rits is stuk',
			'ging na het eerste gebruik kapot',
			'fabricagefout, het materiaal laat los',
			'{item} is defect',
			'knoop eraf, slechte afwerking, defect'
		],
		transit_damage: [
			'pakket kwam beschadigd aan',
			'beschadigd tijdens verzending',
			'doos was opengescheurd en {item} bekrast',
			'transportschade, verpakking was ingedeukt',
			'kwam gebroken aan',
			'de bezorger heeft het pakket geplet, artikel beschadigd',
			'al beschadigd bij het uitpakken, doos was nat'
		],
		not_as_described: [
			'ziet er heel anders uit dan op de foto',
			'kleur klopt niet met de beschrijving',
			'materiaal voelt goedkoop, niet zoals beschreven',
			'volgens de beschrijving "waterdicht", maar dat is het niet',
			'komt niet overeen met de afbeeldingen',
			'kleur is veel donkerder dan afgebeeld',
			'anders dan beschreven, polyester in plaats van katoen'
		],
		wrong_item: [
			'verkeerd artikel geleverd',
			'{item} kwam in de verkeerde kleur',
			'maat {size} besteld maar een verkeerd artikel gekregen',
			'er zat een heel ander artikel in het pakket',
			'dit is niet het artikel dat ik besteld heb',
			'verkeerd model gestuurd',
			'artikelnummer klopt niet met mijn bestelling, verkeerd artikel'
		],
		late_delivery: [
			'levering duurde veel te lang',
			'te laat geleverd, niet meer nodig',
			'de levering duurde meer dan twee weken',
			'levering te laat, het cadeau kwam na de verjaardag',
			'levertijd veel te lang',
			'kwam pas na mijn vakantie, te laat'
		],
		changed_mind: [
			'bedacht me',
			'vind het toch niet mooi',
			'niet meer nodig, toch niet',
			'verkeerde aankoop, bedacht me',
			'past niet bij mijn stijl',
			'toch niet mijn ding',
			'heb me bedacht'
		],
		better_price: [
			'elders goedkoper gevonden',
			'de prijs is inmiddels gedaald',
			'bij een andere winkel goedkoper',
			'goedkopere aanbieding gevonden',
			'nu 20 euro goedkoper in de uitverkoop',
			'veel goedkoper bij de concurrent'
		]
	},
	items: {
		apparel: ['de jas', 'de jurk', 'het shirt', 'de broek', 'de trui', 'de blouse'],
		shoes: ['de schoen', 'de sneaker', 'de laars', 'de sandaal'],
		accessories: ['de tas', 'de riem', 'de sjaal', 'de muts', 'de zonnebril'],
		home: ['de lamp', 'het kussen', 'de vaas', 'het plaid', 'de koekenpan'],
		electronics: ['de koptelefoon', 'de oplader', 'de speaker', 'de smartwatch', 'de powerbank'],
		beauty: ['de crème', 'het parfum', 'het serum', 'de lippenstift']
	}
};

// French adjectives agree with the noun, so every {item} here is masculine singular.
const fr: LanguageFragments = {
	openers: ['Bonjour,', 'Bonsoir,', 'Madame, Monsieur,', 'Salut,', 'Retour :', 'Bonjour à tous,', 'Hélas,'],
	closers: ['Merci.', "Merci d'avance !", 'Merci de me rembourser.', 'Remboursement svp.', 'Dommage.', 'Cordialement', 'Bien à vous', 'Merci beaucoup'],
	themes: {
		too_small: [
			'{item} est trop petit',
			'ça taille petit, trop petit',
			'beaucoup trop serré, ne me va pas',
			'la taille {size} est trop petite pour moi',
			'{item} est trop petit et trop serré',
			'bien trop serré',
			'plus petit que le guide des tailles, trop petit',
			'le "{size}" taille vraiment petit',
			'trop petit et trop court',
			'serre partout, trop étroit'
		],
		too_large: [
			'{item} est trop grand',
			'ça taille grand, trop grand',
			'beaucoup trop large, ne me va pas',
			'la taille {size} est trop grande pour moi',
			'{item} est trop grand et trop ample',
			'bien trop ample',
			'plus grand que le guide des tailles, trop grand',
			'le "{size}" taille vraiment grand',
			'trop grand et trop long',
			'glisse, beaucoup trop large'
		],
		defect: [
			'{item} est défectueux',
			'ne fonctionne plus après deux jours, défectueux',
			"la couture s'est défaite",
			'la fermeture éclair est cassée',
			'cassé après la première utilisation',
			'défaut de fabrication, la matière se décolle',
			'{item} a un défaut',
			'bouton arraché, mauvaise finition, défectueux'
		],
		transit_damage: [
			'colis arrivé endommagé',
			'abîmé pendant le transport',
			'carton déchiré et {item} rayé',
			'dommage de transport, emballage écrasé',
			'arrivé cassé',
			'le livreur a écrasé le colis, article abîmé',
			'déjà abîmé au déballage, carton mouillé'
		],
		not_as_described: [
			'ne ressemble pas du tout à la photo',
			'la couleur ne correspond pas à la description',
			'la matière fait bon marché, pas comme décrit',
			'décrit comme "imperméable" mais ce n\'est pas le cas',
			'ne correspond pas aux photos du site',
			'couleur beaucoup plus foncée que sur la photo',
			'pas conforme à la description, polyester au lieu de coton'
		],
		wrong_item: [
			'mauvais article livré',
			'{item} est arrivé dans la mauvaise couleur',
			'commandé en taille {size} mais reçu le mauvais article',
			'un article complètement différent dans le colis',
			"ce n'est pas l'article que j'ai commandé",
			'mauvais modèle envoyé',
			'la référence ne correspond pas à ma commande, mauvais article'
		],
		late_delivery: [
			'livraison beaucoup trop longue',
			'livré trop tard, plus besoin',
			'la livraison a pris plus de deux semaines',
			"livraison en retard, le cadeau est arrivé après l'anniversaire",
			'délai de livraison beaucoup trop long',
			'arrivé seulement après mes vacances, trop tard'
		],
		changed_mind: [
			"j'ai changé d'avis",
			'finalement ça ne me plaît pas',
			"finalement je n'en ai plus besoin",
			"acheté par erreur, j'ai changé d'avis",
			'pas mon style',
			'finalement pas pour moi',
			'je me suis ravisé'
		],
		better_price: [
			'trouvé moins cher ailleurs',
			'le prix a baissé depuis',
			'moins cher dans une autre boutique',
			'trouvé une offre moins chère',
			'maintenant 20 euros moins cher en soldes',
			'beaucoup moins cher chez un concurrent'
		]
	},
	items: {
		apparel: ['le pull', 'le manteau', 'le pantalon', 'le t-shirt', 'le jean', 'le chemisier'],
		shoes: ['le soulier', 'le mocassin', 'le modèle', 'le boot'],
		accessories: ['le sac', 'le foulard', 'le bonnet', 'le portefeuille', 'le ceinturon'],
		home: ['le coussin', 'le vase', 'le plaid', 'le luminaire', 'le miroir'],
		electronics: ['le casque', 'le chargeur', 'le haut-parleur', "l'écouteur", 'le clavier'],
		beauty: ['le parfum', 'le sérum', 'le rouge à lèvres', 'le soin']
	}
};

export const FRAGMENTS: Record<Language, LanguageFragments> = { de, en, nl, fr };
