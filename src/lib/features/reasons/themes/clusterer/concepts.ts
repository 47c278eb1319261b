import type { ByLanguage } from './languages.ts';

/**
 * The shared concept vocabulary of return reasons: what customers say, in four languages, mapped onto
 * one meaning, so "zu klein", "te klein" and "trop petit" weigh as the same feature. A concept is one
 * idea, not a theme: themes emerge from which concepts occur together. Terms may be phrases; the longest
 * phrase wins over its words, which is how "mauvaise qualité" escapes "mauvais" (wrong) and "anders
 * überlegt" escapes "anders" (different). A term listed under two concepts carries both, as compounds
 * such as "Transportschaden" do.
 */
export interface Concept {
	id: string;
	terms: ByLanguage;
}

export const CONCEPTS: readonly Concept[] = [
	{
		id: 'small',
		terms: {
			en: ['too small', 'small', 'smaller', 'runs small', 'tiny'],
			de: ['zu klein', 'klein', 'kleiner', 'fällt klein aus'],
			nl: ['te klein', 'klein', 'kleiner', 'valt klein'],
			fr: ['trop petit', 'trop petite', 'petit', 'petite', 'plus petit', 'taille petit']
		}
	},
	{
		id: 'tight',
		terms: {
			en: ['too tight', 'tight', 'tighter', 'snug', 'narrow', 'pinches', 'squeezes'],
			de: ['zu eng', 'eng', 'enger', 'drückt', 'knapp', 'schmal', 'kneift'],
			nl: ['te krap', 'te strak', 'krap', 'strak', 'knelt', 'smal', 'nauw'],
			fr: ['trop serré', 'serré', 'serrée', 'serre', 'étroit', 'étroite', 'trop étroit']
		}
	},
	{
		id: 'short',
		terms: {
			en: ['too short', 'short', 'shorter'],
			de: ['zu kurz', 'kurz', 'kürzer'],
			nl: ['te kort', 'kort', 'korter'],
			fr: ['trop court', 'court', 'courte', 'plus court']
		}
	},
	{
		id: 'large',
		terms: {
			en: ['too big', 'too large', 'big', 'bigger', 'large', 'larger', 'huge', 'runs large', 'oversized'],
			de: ['zu groß', 'groß', 'größer', 'fällt groß aus', 'riesig'],
			nl: ['te groot', 'groot', 'groter', 'valt groot'],
			fr: ['trop grand', 'trop grande', 'grand', 'grande', 'plus grand', 'taille grand', 'large', 'trop large']
		}
	},
	{
		id: 'loose',
		terms: {
			en: ['too loose', 'loose', 'baggy', 'baggier', 'looser', 'wide', 'too wide', 'slips off', 'falls off'],
			de: ['zu weit', 'weit', 'weiter', 'zu locker', 'locker', 'rutscht', 'weit geschnitten'],
			nl: ['te wijd', 'wijd', 'te ruim', 'ruim', 'zakt af', 'slobbert'],
			fr: ['trop ample', 'ample', 'glisse', 'flotte']
		}
	},
	{
		id: 'long',
		terms: {
			en: ['too long', 'long', 'longer'],
			de: ['zu lang', 'lang', 'länger', 'lange'],
			nl: ['te lang', 'lang', 'langer'],
			fr: ['trop long', 'trop longue', 'long', 'longue']
		}
	},
	{
		id: 'fit',
		terms: {
			en: ['fit', 'fits', 'fitting', 'does not fit', "doesn't fit", "didn't fit"],
			de: ['passt', 'passt nicht', 'passform', 'sitzt', 'passen'],
			nl: ['past', 'past niet', 'pasvorm', 'zit'],
			fr: ['ne me va pas', 'me va pas', 'va pas', 'coupe', 'tombe mal']
		}
	},
	{
		id: 'size',
		terms: {
			en: ['size', 'sizes', 'sizing', 'size chart', 'runs', 'runs small', 'runs large'],
			de: ['größe', 'größen', 'größentabelle', 'nummer', 'fällt', 'fällt aus', 'konfektionsgröße', 'fällt klein aus', 'fällt groß aus'],
			nl: ['maat', 'maten', 'maattabel', 'valt', 'valt klein', 'valt groot'],
			fr: ['taille', 'tailles', 'guide des tailles', 'pointure', 'taille petit', 'taille grand']
		}
	},
	{
		id: 'defective',
		terms: {
			en: ['defective', 'defect', 'faulty', 'fault', 'malfunction', 'malfunctions', 'manufacturing defect', 'flaw'],
			de: ['defekt', 'defekte', 'fehlerhaft', 'fehler', 'mangel', 'verarbeitungsfehler', 'materialfehler', 'herstellungsfehler'],
			nl: ['defect', 'defecte', 'gebrek', 'fabricagefout', 'fout', 'mankement'],
			fr: ['défectueux', 'défectueuse', 'défaut', 'défaut de fabrication', 'en panne', 'panne', 'vice']
		}
	},
	{
		id: 'not_working',
		terms: {
			en: ['stopped working', 'not working', 'does not work', "doesn't work", 'works', 'working', 'dead', "won't turn on", 'does not charge'],
			de: ['funktioniert', 'funktioniert nicht', 'geht nicht', 'geht nicht mehr', 'lädt nicht', 'geht nicht an'],
			nl: ['werkt', 'werkt niet', 'doet het niet', 'laadt niet', 'gaat niet aan'],
			fr: ['fonctionne', 'ne fonctionne pas', 'ne fonctionne plus', 'marche pas', 'ne marche plus', 'ne charge pas', "s'allume pas"]
		}
	},
	{
		id: 'broken',
		terms: {
			en: ['broken', 'broke', 'breaks', 'cracked', 'shattered', 'snapped'],
			de: ['kaputt', 'kaputt gegangen', 'zerbrochen', 'gebrochen', 'gesprungen', 'zersplittert'],
			nl: ['kapot', 'kapotgegaan', 'stuk', 'gebroken', 'gebarsten'],
			fr: ['cassé', 'cassée', 'brisé', 'brisée', 'fendu', 'fêlé']
		}
	},
	{
		id: 'came_apart',
		terms: {
			en: ['came apart', 'came off', 'fell off', 'fell apart', 'peeling', 'peeling off', 'ripped', 'unravelled', 'frayed'],
			de: ['aufgegangen', 'löst sich', 'löst sich ab', 'abgerissen', 'abgefallen', 'ausgefranst', 'aufgeplatzt'],
			nl: ['losgegaan', 'laat los', 'eraf', 'afgescheurd', 'gerafeld', 'uit elkaar'],
			fr: ['défaite', 'décolle', 'se décolle', 'arraché', 'arrachée', 'décousu', 'effiloché']
		}
	},
	{
		id: 'component',
		terms: {
			en: ['seam', 'stitching', 'zip', 'zipper', 'button', 'sole', 'strap', 'buckle', 'battery', 'screen', 'cable'],
			de: ['naht', 'nähte', 'reißverschluss', 'knopf', 'sohle', 'riemen', 'schnalle', 'akku', 'display'],
			nl: ['naad', 'naden', 'rits', 'knoop', 'zool', 'gesp', 'batterij', 'scherm'],
			fr: ['couture', 'coutures', 'fermeture éclair', 'bouton', 'semelle', 'boucle', 'batterie', 'écran']
		}
	},
	{
		id: 'workmanship',
		terms: {
			en: ['workmanship', 'poor workmanship', 'badly made', 'poorly made', 'finish'],
			de: ['verarbeitung', 'schlechte verarbeitung', 'schlecht verarbeitet'],
			nl: ['afwerking', 'slechte afwerking', 'slecht afgewerkt'],
			fr: ['finition', 'finitions', 'mauvaise finition', 'mal fini']
		}
	},
	{
		id: 'poor_quality',
		terms: {
			en: ['quality', 'poor quality', 'bad quality', 'low quality', 'cheap', 'cheaply made', 'flimsy', 'bad', 'poor'],
			de: ['qualität', 'schlechte qualität', 'minderwertig', 'billig', 'billige', 'schlecht', 'schlechte', 'mies'],
			nl: ['kwaliteit', 'slechte kwaliteit', 'goedkoop', 'prullerig', 'slecht', 'slechte'],
			fr: ['qualité', 'mauvaise qualité', 'bon marché', 'camelote', 'médiocre']
		}
	},
	{
		id: 'material',
		terms: {
			en: ['material', 'fabric', 'polyester', 'cotton', 'wool', 'leather', 'plastic', 'synthetic'],
			de: ['material', 'stoff', 'polyester', 'baumwolle', 'wolle', 'leder', 'plastik', 'kunststoff'],
			nl: ['materiaal', 'stof', 'polyester', 'katoen', 'wol', 'plastic', 'kunststof'],
			fr: ['matière', 'matériau', 'tissu', 'polyester', 'coton', 'laine', 'cuir', 'plastique', 'synthétique']
		}
	},
	{
		id: 'damaged',
		terms: {
			en: ['damaged', 'damage', 'damages', 'arrived broken', 'came broken'],
			de: ['beschädigt', 'beschädigte', 'beschädigung', 'transportschaden', 'kam zerbrochen', 'kam kaputt'],
			nl: ['beschadigd', 'beschadigde', 'beschadiging', 'transportschade', 'kwam gebroken', 'kwam kapot'],
			fr: ['endommagé', 'endommagée', 'abîmé', 'abîmée', 'dommage de transport', 'dégât', 'dégâts', 'arrivé cassé']
		}
	},
	{
		id: 'scratched',
		terms: {
			en: ['scratched', 'scratch', 'scratches', 'scuffed', 'stained', 'stain'],
			de: ['zerkratzt', 'kratzer', 'verkratzt', 'fleck', 'flecken'],
			nl: ['bekrast', 'kras', 'krassen', 'vlek', 'vlekken'],
			fr: ['rayé', 'rayée', 'rayure', 'rayures', 'tache', 'taché']
		}
	},
	{
		id: 'crushed',
		terms: {
			en: ['crushed', 'dented', 'dent', 'squashed', 'torn', 'torn open', 'wet', 'soaked'],
			de: ['eingedrückt', 'zerdrückt', 'zerquetscht', 'delle', 'aufgerissen', 'zerrissen', 'nass', 'durchnässt'],
			nl: ['ingedeukt', 'geplet', 'deuk', 'opengescheurd', 'gescheurd', 'nat', 'doorweekt'],
			fr: ['écrasé', 'écrasée', 'cabossé', 'cabossée', 'déchiré', 'déchirée', 'mouillé', 'mouillée', 'trempé']
		}
	},
	{
		id: 'packaging',
		terms: {
			en: ['parcel', 'package', 'box', 'packaging', 'packing', 'carton', 'unpacked', 'unboxing'],
			de: ['paket', 'karton', 'verpackung', 'päckchen', 'schachtel', 'auspacken', 'ausgepackt'],
			nl: ['pakket', 'pakketje', 'doos', 'verpakking', 'pakje', 'uitpakken', 'uitgepakt'],
			fr: ['colis', 'carton', 'emballage', 'boîte', 'paquet', 'déballage', 'déballé']
		}
	},
	{
		id: 'transit',
		terms: {
			en: ['transit', 'in transit', 'shipping damage', 'courier', 'carrier', 'delivery driver', 'postman'],
			de: ['transport', 'transportschaden', 'versand', 'beim versand', 'paketdienst', 'zusteller', 'paketbote', 'spedition'],
			nl: ['transport', 'transportschade', 'verzending', 'tijdens verzending', 'bezorger', 'koerier', 'pakketbezorger'],
			fr: ['transport', 'pendant le transport', 'dommage de transport', 'livreur', 'transporteur', 'expédition', 'facteur']
		}
	},
	{
		id: 'not_as_described',
		terms: {
			en: ['described', 'description', 'not as described', 'advertised', 'listing', 'misleading'],
			de: ['beschreibung', 'beschrieben', 'wie beschrieben', 'artikelbeschreibung', 'irreführend'],
			nl: ['beschrijving', 'beschreven', 'zoals beschreven', 'omschrijving', 'omschreven', 'misleidend'],
			fr: ['description', 'décrit', 'décrite', 'comme décrit', 'conforme', 'pas conforme', 'trompeur', 'annonce']
		}
	},
	{
		id: 'picture',
		terms: {
			en: ['photo', 'photos', 'picture', 'pictures', 'image', 'images', 'shown', 'pictured', 'website'],
			de: ['foto', 'fotos', 'bild', 'bildern', 'bilder', 'abgebildet', 'abbildung', 'shop'],
			nl: ['foto', "foto's", 'fotos', 'afbeelding', 'afbeeldingen', 'afgebeeld', 'website'],
			fr: ['photo', 'photos', 'image', 'images', 'site', 'illustration']
		}
	},
	{
		id: 'looks',
		terms: {
			en: ['looks', 'look', 'looks nothing like', 'appearance', 'looked'],
			de: ['sieht', 'sieht aus', 'aussehen', 'optik', 'sieht anders aus'],
			nl: ['ziet', 'ziet eruit', 'ziet er anders uit', 'uiterlijk', 'eruit'],
			fr: ['ressemble', 'ressemble pas', 'aspect', 'apparence']
		}
	},
	{
		id: 'colour',
		terms: {
			// A colour named is nearly always a colour other than the one expected.
			en: ['colour', 'color', 'colours', 'colors', 'shade', 'darker', 'lighter', 'faded', 'black', 'white', 'blue', 'red', 'green',
				'grey', 'gray', 'pink', 'beige', 'brown'],
			de: ['farbe', 'farben', 'farbton', 'dunkler', 'heller', 'verblasst', 'schwarz', 'weiß', 'blau', 'rot', 'grün', 'grau', 'rosa', 'braun'],
			nl: ['kleur', 'kleuren', 'tint', 'donkerder', 'lichter', 'verbleekt', 'zwart', 'wit', 'blauw', 'rood', 'groen', 'grijs', 'roze', 'bruin'],
			fr: ['couleur', 'couleurs', 'teinte', 'foncée', 'foncé', 'plus foncé', 'plus clair', 'délavé', 'noir', 'blanc', 'bleu', 'rouge',
				'vert', 'gris', 'marron']
		}
	},
	{
		id: 'different',
		terms: {
			en: ['different', 'completely different', 'differs', 'other', 'instead of', 'looks nothing like'],
			de: ['anders', 'anderer', 'andere', 'anderes', 'ganz anders', 'statt', 'anstatt', 'sieht anders aus'],
			nl: ['anders', 'ander', 'andere', 'in plaats van', 'ziet er anders uit'],
			fr: ['différent', 'différente', 'autre', 'au lieu de', 'ressemble pas']
		}
	},
	{
		id: 'mismatch',
		terms: {
			en: ['match', 'does not match', "doesn't match", 'not match'],
			de: ['entspricht', 'entspricht nicht', 'stimmt nicht', 'stimmt nicht überein', 'überein'],
			nl: ['klopt niet', 'klopt', 'komt niet overeen', 'overeen'],
			fr: ['correspond', 'ne correspond pas', 'correspond pas']
		}
	},
	{
		id: 'wrong',
		terms: {
			en: ['wrong', 'incorrect', 'mixed up'],
			de: ['falsch', 'falsche', 'falscher', 'falschen', 'falsches', 'verwechselt'],
			nl: ['verkeerd', 'verkeerde', 'fout geleverd', 'verwisseld'],
			fr: ['mauvais', 'mauvaise', 'erroné', 'erronée', 'pas le bon', 'pas la bonne']
		}
	},
	{
		id: 'item',
		terms: {
			en: ['item', 'items', 'article', 'product', 'model', 'item number', 'goods'],
			de: ['artikel', 'produkt', 'modell', 'artikelnummer', 'ware'],
			nl: ['artikel', 'product', 'model', 'artikelnummer'],
			fr: ['article', 'produit', 'modèle', 'référence']
		}
	},
	{
		id: 'order',
		terms: {
			en: ['ordered', 'order', 'my order'],
			de: ['bestellt', 'bestellung', 'bestellte', 'meiner bestellung'],
			nl: ['besteld', 'bestelling', 'bestelde'],
			fr: ['commandé', 'commandée', 'commande', 'ma commande']
		}
	},
	{
		id: 'missing',
		terms: {
			en: ['missing', 'incomplete', 'empty', 'parts missing'],
			de: ['fehlt', 'fehlen', 'fehlend', 'unvollständig'],
			nl: ['ontbreekt', 'ontbreken', 'onvolledig', 'leeg'],
			fr: ['manque', 'manquant', 'manquante', 'incomplet', 'vide']
		}
	},
	{
		id: 'late',
		terms: {
			en: ['too late', 'late', 'delayed', 'delay', 'overdue', 'slow'],
			de: ['zu spät', 'spät', 'verspätet', 'verspätung', 'verzögert'],
			nl: ['te laat', 'laat', 'vertraagd', 'vertraging'],
			fr: ['trop tard', 'tard', 'retard', 'en retard']
		}
	},
	{
		id: 'delivery',
		terms: {
			en: ['delivery', 'delivery time', 'shipping time', 'shipping'],
			de: ['lieferung', 'lieferzeit', 'zustellung', 'lieferdauer'],
			nl: ['levering', 'levertijd', 'bezorging', 'bezorgtijd'],
			fr: ['livraison', 'délai de livraison', 'délai']
		}
	},
	{
		id: 'took_time',
		terms: {
			en: ['took', 'weeks', 'took ages', 'waited', 'waiting'],
			de: ['gedauert', 'dauerte', 'dauert', 'wochen', 'gewartet'],
			nl: ['duurde', 'geduurd', 'duurt', 'weken', 'gewacht'],
			fr: ['a pris', 'semaines', 'attendu', 'attente']
		}
	},
	{
		id: 'occasion',
		terms: {
			en: ['birthday', 'gift', 'present', 'holiday', 'vacation', 'christmas', 'wedding', 'event', 'trip'],
			de: ['geburtstag', 'geschenk', 'urlaub', 'weihnachten', 'hochzeit', 'feier', 'reise'],
			nl: ['verjaardag', 'cadeau', 'vakantie', 'kerst', 'bruiloft', 'feest', 'reis'],
			fr: ['anniversaire', 'cadeau', 'vacances', 'noël', 'mariage', 'fête', 'voyage']
		}
	},
	{
		id: 'no_longer_needed',
		terms: {
			en: ['no longer needed', 'no longer need', 'not needed', "don't need", 'need'],
			de: ['brauche', 'brauche ich nicht', 'nicht mehr nötig', 'benötige', 'nicht benötigt'],
			nl: ['nodig', 'niet meer nodig', 'niet nodig', 'hoef'],
			fr: ['besoin', 'plus besoin', "n'en ai plus besoin", 'pas besoin']
		}
	},
	{
		id: 'changed_mind',
		terms: {
			en: ['changed my mind', 'change of mind', 'changed mind', 'mind', 'decided against', 'reconsidered', 'after all'],
			de: ['anders überlegt', 'es mir anders überlegt', 'umentschieden', 'umentscheiden', 'meinung geändert', 'überlegt', 'doch nicht'],
			nl: ['bedacht', 'me bedacht', 'van gedachten veranderd', 'bedenken', 'toch niet'],
			fr: ["changé d'avis", "change d'avis", 'avis', 'ravisé', 'ravisée', 'changement', 'finalement']
		}
	},
	{
		id: 'dislike',
		terms: {
			en: ["don't like", 'do not like', "didn't like", 'not for me', 'dislike', 'ugly', 'not my taste'],
			de: ['gefällt', 'gefällt mir nicht', 'gefällt nicht', 'nicht meins', 'nicht mein geschmack', 'hässlich'],
			nl: ['niet mooi', 'mooi', 'niet mijn ding', 'bevalt niet', 'bevalt', 'lelijk'],
			fr: ['plaît', 'ne me plaît pas', 'pas pour moi', 'moche', 'pas à mon goût']
		}
	},
	{
		id: 'style',
		terms: {
			en: ['style', 'not my style', 'taste'],
			de: ['stil', 'passt nicht zu', 'geschmack'],
			nl: ['stijl', 'past niet bij', 'smaak'],
			fr: ['style', 'pas mon style', 'goût']
		}
	},
	{
		id: 'mistaken_purchase',
		terms: {
			en: ['by mistake', 'mistake', 'accidentally', 'ordered twice', 'duplicate', 'impulse buy'],
			de: ['fehlkauf', 'versehentlich', 'aus versehen', 'doppelt bestellt', 'falsch bestellt'],
			nl: ['verkeerde aankoop', 'miskoop', 'per ongeluk', 'dubbel besteld'],
			fr: ['par erreur', 'erreur', 'commandé deux fois', 'en double']
		}
	},
	{
		id: 'cheaper',
		terms: {
			en: ['cheaper', 'better price', 'lower price', 'better deal'],
			de: ['günstiger', 'günstigeres', 'günstigere', 'billiger', 'billigere', 'preiswerter'],
			nl: ['goedkoper', 'goedkopere', 'voordeliger'],
			fr: ['moins cher', 'moins chère', 'meilleur prix', 'moins coûteux']
		}
	},
	{
		id: 'price',
		terms: {
			en: ['price', 'prices', 'priced', 'euro', 'euros', 'cost', 'expensive', 'overpriced'],
			de: ['preis', 'preise', 'euro', 'teuer', 'zu teuer'],
			nl: ['prijs', 'prijzen', 'euro', 'duur', 'te duur'],
			fr: ['prix', 'euro', 'euros', 'cher', 'trop cher']
		}
	},
	{
		id: 'price_drop',
		terms: {
			en: ['price drop', 'dropped', 'reduced', 'discount', 'discounted', 'sale', 'on sale', 'deal', 'offer', 'voucher'],
			de: ['gesunken', 'reduziert', 'rabatt', 'sale', 'im sale', 'angebot', 'gutschein', 'preissenkung'],
			nl: ['gedaald', 'afgeprijsd', 'korting', 'uitverkoop', 'aanbieding', 'sale'],
			fr: ['baissé', 'réduit', 'remise', 'soldes', 'promo', 'promotion', 'offre']
		}
	},
	{
		id: 'elsewhere',
		terms: {
			en: ['elsewhere', 'another shop', 'other shop', 'another store', 'competitor', 'amazon'],
			de: ['woanders', 'anderswo', 'anderen shop', 'anderer shop', 'konkurrenz', 'anderen händler'],
			nl: ['elders', 'andere winkel', 'andere webshop', 'concurrent'],
			fr: ['ailleurs', 'autre boutique', 'autre magasin', 'concurrent', 'un concurrent']
		}
	},
	{
		id: 'uncomfortable',
		terms: {
			en: ['uncomfortable', 'itchy', 'itches', 'scratchy', 'hurts', 'blisters', 'rubs'],
			de: ['unbequem', 'kratzt', 'juckt', 'scheuert', 'tut weh', 'blasen'],
			nl: ['oncomfortabel', 'jeukt', 'kriebelt', 'schuurt', 'doet pijn', 'blaren'],
			fr: ['inconfortable', 'gratte', 'pique', 'fait mal', 'ampoules', 'irrite']
		}
	},
	{
		id: 'smell',
		terms: {
			en: ['smell', 'smells', 'odour', 'odor', 'stinks'],
			de: ['geruch', 'riecht', 'stinkt', 'chemisch'],
			nl: ['geur', 'ruikt', 'stinkt', 'stank'],
			fr: ['odeur', 'sent mauvais', 'pue', 'puant']
		}
	},
	{
		id: 'used_or_fake',
		terms: {
			en: ['used', 'worn', 'second hand', 'fake', 'counterfeit', 'not original'],
			de: ['gebraucht', 'getragen', 'fälschung', 'gefälscht', 'nicht original'],
			nl: ['gebruikt', 'gedragen', 'nep', 'namaak', 'vervalst'],
			fr: ['usagé', 'porté', 'contrefaçon', 'faux', "pas d'origine"]
		}
	}
];
