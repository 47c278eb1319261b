import type { ByLanguage } from './languages.ts';

/**
 * Words that say which language a comment is in but nothing about why the item came back: grammar,
 * generic verbs, and the greetings, thanks and "please refund" that pad every comment. They vote on
 * the language and are then dropped. Knowing them also keeps the typo corrector from "fixing" them
 * into a concept word.
 */
export const FUNCTION_WORDS: ByLanguage = {
	en: [
		'a', 'an', 'the', 'and', 'or', 'but', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'it', "it's", 'its', 'this', 'that',
		'these', 'those', 'i', "i'm", "i've", 'me', 'my', 'mine', 'we', 'our', 'us', 'you', 'your', 'he', 'she', 'they', 'them', 'their',
		'to', 'too', 'of', 'in', 'on', 'at', 'for', 'from', 'with', 'by', 'as', 'than', 'then', 'so', 'very', 'really', 'much', 'many',
		'far', 'way', 'just', 'only', 'still', 'also', 'after', 'before', 'since', 'not', 'no', 'nothing', "don't", "doesn't", "didn't",
		"isn't", "wasn't", 'do', 'does', 'did', 'have', 'has', 'had', 'got', 'get', 'can', 'could', 'would', 'should', 'will', 'there',
		'here', 'what', 'which', 'who', 'when', 'how', 'all', 'any', 'some', 'one', 'two', 'three', 'first', 'completely', 'totally',
		'quite', 'bit', 'again', 'even', 'over', 'about', 'into', 'out', 'up', 'off', 'now', 'ever', 'expected', 'says', 'said',
		'arrived', 'arrives', 'came', 'come', 'delivered', 'sent', 'received', 'receive', 'bought', 'use', 'using', 'unfortunately',
		'instead', 'every', 'everywhere', 'hi', 'hello', 'dear', 'team', 'thanks', 'thank', 'please',
		'refund', 'regards', 'kind', 'best', 'cheers', 'sorry', 'shame', 'return', 'returning', 'returned', 'advance', 'money', 'back',
		'customer', 'service', 'sir', 'madam', 'ok', 'okay', 'day', 'days', 'hour', 'hours', 'today', 'yesterday', 'feels', 'feel', 'felt', 'found', 'find', 'think', 'seems'
	],
	de: [
		'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'eines', 'und', 'oder', 'aber', 'ist', 'sind',
		'war', 'waren', 'sein', 'es', 'sie', 'er', 'ich', 'mir', 'mich', 'mein', 'meine', 'meinem', 'meiner', 'meinen', 'wir', 'uns', 'ihr',
		'zu', 'von', 'mit', 'auf', 'für', 'bei', 'beim', 'nach', 'vor', 'aus', 'als', 'wie', 'im', 'in', 'am', 'an', 'um', 'über', 'unter',
		'auch', 'noch', 'doch', 'schon', 'nur', 'sehr', 'viel', 'ganz', 'gar', 'nicht', 'kein', 'keine', 'keinen', 'nichts', 'mehr', 'so',
		'da', 'dann', 'wenn', 'weil', 'dass', 'hat', 'habe', 'haben', 'hatte', 'wird', 'wurde', 'werden', 'kann', 'sich', 'diese', 'dieser',
		'dieses', 'jetzt', 'erst', 'leider', 'bitte', 'mal', 'etwas', 'total', 'wirklich', 'inzwischen', 'zwei', 'drei', 'ersten', 'erste',
		'überall', 'laut', 'kam', 'kommt', 'angekommen', 'geliefert', 'geschickt', 'verschickt', 'erhalten', 'bekommen', 'gekauft',
		'benutzen', 'gebrauch', 'deutlich', 'eigentlich', 'ja', 'hallo', 'guten', 'tag', 'sehr geehrte', 'damen', 'herren', 'zusammen',
		'danke', 'vielen', 'dank', 'gruß', 'grüße', 'lg', 'mfg', 'vg', 'freundlichen', 'grüßen', 'liebe', 'rücksendung', 'zurück',
		'erstattung', 'geld', 'retoure', 'schade', 'voraus', 'im voraus', 'tage', 'tagen', 'stunden', 'heute', 'gestern', 'fühlt', 'fühlen', 'anfühlen', 'gefunden', 'finde',
		'wirkt', 'scheint'
	],
	nl: [
		'de', 'het', 'een', 'en', 'of', 'maar', 'is', 'zijn', 'was', 'waren', 'ik', 'mij', 'me', 'mijn', 'we', 'wij', 'ons', 'je', 'jij',
		'u', 'ze', 'zij', 'hij', 'te', 'van', 'met', 'op', 'voor', 'bij', 'na', 'naar', 'uit', 'als', 'dan', 'dat', 'dit', 'die', 'deze',
		'er', 'in', 'aan', 'om', 'over', 'onder', 'ook', 'nog', 'toch', 'al', 'pas', 'alleen', 'heel', 'erg', 'veel', 'zeer', 'niet',
		'geen', 'niets', 'meer', 'zo', 'toen', 'omdat', 'heeft', 'heb', 'hebben', 'had', 'wordt', 'werd', 'worden', 'kan', 'zich', 'nu',
		'eerst', 'eerste', 'helaas', 'even', 'wel', 'twee', 'drie', 'inmiddels', 'overal', 'volgens', 'kwam', 'komt', 'aangekomen',
		'geleverd', 'gestuurd', 'verstuurd', 'ontvangen', 'gekregen', 'gekocht', 'gebruik', 'ging', 'gaat', 'hallo', 'beste', 'goedendag',
		'hoi', 'klantenservice', 'retour', 'bedankt', 'alvast', 'graag', 'geld', 'terug', 'terugbetaling', 'jammer', 'groetjes', 'mvg',
		'vriendelijke', 'groet', 'dank', 'dag', 'dagen', 'uur', 'vandaag', 'gisteren', 'vind', 'vinden', 'vond', 'voelt', 'voelen', 'gevonden', 'lijkt', 'zat'
	],
	fr: [
		'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'et', 'ou', 'mais', 'est', 'sont', 'était', 'être', 'c', "c'est", 'ce',
		'cet', 'cette', 'ces', 'je', 'j', 'me', 'm', 'mon', 'ma', 'mes', 'moi', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'tu',
		'te', 'à', 'a', 'au', 'aux', 'en', 'dans', 'par', 'pour', 'sur', 'sous', 'avec', 'sans', 'que', 'qu', 'qui', 'comme', 'plus',
		'moins', 'très', 'trop', 'bien', 'beaucoup', 'pas', 'ne', 'n', 'non', 'rien', 'ça', 'y', 'se', 's', 'sa', 'son', 'ses', 'leur',
		'déjà', 'encore', 'vraiment', 'tout', 'toute', 'tous', 'toutes', 'après', 'avant', 'depuis', 'ai', 'avons', 'avez',
		'ont', 'été', 'suis', 'fait', 'deux', 'trois', 'premier', 'première', 'partout', 'complètement', 'maintenant',
		'seulement', 'arrivé', 'arrivée', 'reçu', 'reçue', 'livré', 'livrée', 'envoyé', 'envoyée', 'acheté', 'utilisation', 'cas',
		'bonjour', 'bonsoir', 'madame', 'monsieur', 'salut', 'retour', 'hélas', 'merci', 'avance', "d'avance", 'rembourser',
		'remboursement', 'svp', 'dommage', 'cordialement', 'salutations', 'hier', 'jour', 'jours', 'heures', "aujourd'hui", 'chez', 'trouvé', 'trouve', 'semble'
	]
};

/**
 * Things customers return, in the four languages. Knowing them keeps them from being "corrected" into
 * a concept (Kleid is not a typo of klein) and lets them vote on the language; they say what came
 * back, not why, so they are no features.
 */
export const PRODUCT_NOUNS: ByLanguage = {
	en: [
		'jacket', 'dress', 'shirt', 't-shirt', 'trousers', 'jeans', 'pants', 'jumper', 'sweater', 'blouse', 'coat', 'skirt', 'shorts',
		'socks', 'shoe', 'shoes', 'sneaker', 'sneakers', 'boot', 'boots', 'sandal', 'sandals', 'bag', 'belt', 'scarf', 'beanie',
		'cap', 'sunglasses', 'wallet', 'lamp', 'cushion', 'pillow', 'vase', 'throw', 'blanket', 'pan', 'mirror', 'headphones', 'earbuds',
		'charger', 'speaker', 'smartwatch', 'watch', 'power bank', 'powerbank', 'phone', 'keyboard', 'cream', 'perfume', 'serum',
		'lipstick', 'shampoo'
	],
	de: [
		'jacke', 'kleid', 'shirt', 'hose', 'jeans', 'pullover', 'pulli', 'bluse', 'mantel', 'rock', 'socken', 'schuh', 'schuhe', 'sneaker',
		'stiefel', 'sandale', 'sandalen', 'tasche', 'gürtel', 'schal', 'mütze', 'sonnenbrille', 'geldbörse', 'lampe', 'kissen', 'vase',
		'decke', 'pfanne', 'spiegel', 'kopfhörer', 'ladegerät', 'lautsprecher', 'smartwatch', 'uhr', 'powerbank', 'handy', 'tastatur',
		'creme', 'parfum', 'serum', 'lippenstift'
	],
	nl: [
		'jas', 'jurk', 'shirt', 'broek', 'trui', 'blouse', 'rok', 'sokken', 'schoen', 'schoenen', 'sneaker', 'sneakers', 'laars', 'laarzen',
		'sandaal', 'sandalen', 'tas', 'riem', 'sjaal', 'muts', 'zonnebril', 'portemonnee', 'lamp', 'kussen', 'vaas', 'plaid', 'deken',
		'koekenpan', 'pan', 'spiegel', 'koptelefoon', 'oplader', 'speaker', 'smartwatch', 'horloge', 'powerbank', 'telefoon',
		'toetsenbord', 'crème', 'parfum', 'serum', 'lippenstift'
	],
	fr: [
		'pull', 'manteau', 'pantalon', 't-shirt', 'jean', 'chemise', 'chemisier', 'robe', 'jupe', 'veste', 'chaussettes', 'chaussure',
		'chaussures', 'soulier', 'mocassin', 'botte', 'bottes', 'boot', 'sac', 'foulard', 'écharpe', 'bonnet', 'portefeuille', 'ceinture',
		'ceinturon', 'lunettes', 'coussin', 'vase', 'plaid', 'luminaire', 'lampe', 'miroir', 'poêle', 'casque', 'chargeur', 'haut-parleur',
		'écouteur', 'écouteurs', 'clavier', 'montre', 'téléphone', 'parfum', 'sérum', 'rouge à lèvres', 'crème', 'soin'
	]
};
