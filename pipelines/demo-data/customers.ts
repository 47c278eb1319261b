/**
 * Customers are an index into a pool; their id, email, country, keys and habits are hashed from
 * the index and the seed, so millions of customers cost no memory beyond a few counters each.
 */
import { cumulative, hash32, hashHex, hashUnit, Rng } from './prng.ts';

export const COUNTRIES = ['DE', 'NL', 'FR', 'BE', 'AT', 'GB', 'CH', 'IT', 'ES', 'PL', 'DK', 'SE'] as const;
export type Country = (typeof COUNTRIES)[number];
const COUNTRY_CUMULATIVE = cumulative([34, 15, 14, 8, 7, 9, 3, 3, 3, 2, 1, 1]);
/** Germans and Swiss send more back, as retailers there report. */
const COUNTRY_RETURN_FACTOR: Record<Country, number> = {
	DE: 1.12,
	NL: 1.0,
	FR: 0.9,
	BE: 0.95,
	AT: 1.08,
	GB: 0.92,
	CH: 1.1,
	IT: 0.8,
	ES: 0.85,
	PL: 0.85,
	DK: 1.0,
	SE: 1.0
};

export const CHANNELS = ['web', 'app', 'marketplace', 'store'] as const;
export type Channel = (typeof CHANNELS)[number];
const CHANNEL_CUMULATIVE = cumulative([45, 30, 15, 10]);

const FIRST_NAMES = [
	'anna',
	'lukas',
	'sophie',
	'jonas',
	'emma',
	'max',
	'lea',
	'finn',
	'mia',
	'paul',
	'lena',
	'noah',
	'julia',
	'tim',
	'sanne',
	'daan',
	'fleur',
	'bram',
	'lotte',
	'ruben',
	'camille',
	'lucas',
	'chloe',
	'hugo',
	'manon',
	'louis',
	'ines',
	'oliver',
	'amelia',
	'george',
	'isla',
	'harry',
	'freya',
	'marco',
	'giulia',
	'pablo',
	'lucia',
	'kasia',
	'piotr',
	'freja'
];
const LAST_NAMES = [
	'mueller',
	'schmidt',
	'schneider',
	'fischer',
	'weber',
	'meyer',
	'wagner',
	'becker',
	'hoffmann',
	'koch',
	'jansen',
	'de.vries',
	'van.dijk',
	'bakker',
	'visser',
	'smit',
	'martin',
	'bernard',
	'dubois',
	'thomas',
	'robert',
	'petit',
	'smith',
	'jones',
	'taylor',
	'brown',
	'wilson',
	'rossi',
	'garcia',
	'nowak',
	'jensen',
	'peeters',
	'maes',
	'gruber'
];
const MAIL_DOMAINS = [
	'gmail.com',
	'web.de',
	'gmx.de',
	'outlook.com',
	'hotmail.com',
	'yahoo.com',
	'icloud.com',
	'orange.fr',
	'ziggo.nl',
	'proton.me',
	't-online.de',
	'live.nl'
];

// Salts so each derived attribute uses an independent hash.
const enum Salt {
	Country = 1,
	Email = 2,
	Address = 3,
	Payment = 4,
	Propensity = 5,
	Channel = 6,
	Wallets = 7,
	Movers = 8
}

function gcd(a: number, b: number): number {
	while (b) [a, b] = [b, a % b];
	return a;
}

/** Shared keys of a planned identity ring (address or payment instrument used by several accounts). */
export interface IdentityOverride {
	address?: string;
	payment?: string;
	/** Accounts shipping to one address ship to one country. */
	country?: Country;
}

export class CustomerPool {
	readonly size: number;
	/** Indices below this are planned customers (fraud, decoys) and never drawn at random. */
	readonly planned: number;
	private readonly seed: number;
	private readonly multiplier: number;
	private readonly offset: number;
	private readonly overrides = new Map<number, IdentityOverride>();

	constructor(seed: number, size: number, planned: number) {
		this.seed = seed;
		this.size = size;
		this.planned = planned;
		// An affine permutation scatters ids, so planned customers don't sit in one id range.
		let m = Math.floor(size * 0.6180339887) | 1;
		while (gcd(m, size) !== 1) m += 2;
		this.multiplier = m;
		this.offset = hash32(seed, 11) % size;
	}

	id(index: number): string {
		const external = (index * this.multiplier + this.offset) % this.size;
		return `C${String(external + 1).padStart(7, '0')}`;
	}

	/** A random ordinary customer; the low indices of the ordinary range buy more often. */
	pickOrdinary(rng: Rng): number {
		const span = this.size - this.planned;
		const u = rng.next();
		const x = rng.chance(0.25) ? u ** 1.5 : u;
		return this.planned + Math.floor(x * span);
	}

	override(index: number, keys: IdentityOverride): void {
		this.overrides.set(index, { ...this.overrides.get(index), ...keys });
	}

	country(index: number): Country {
		const shared = this.overrides.get(index)?.country;
		if (shared) return shared;
		const x = hashUnit(this.seed, index, Salt.Country) * 100;
		let i = 0;
		while (x >= (COUNTRY_CUMULATIVE[i] as number)) i++;
		return COUNTRIES[i] as Country;
	}

	countryReturnFactor(country: Country): number {
		return COUNTRY_RETURN_FACTOR[country];
	}

	/** How much more or less than average this customer returns (about 0.45 to 1.75). */
	propensity(index: number): number {
		return 0.45 + 1.3 * hashUnit(this.seed, index, Salt.Propensity) ** 1.5;
	}

	email(index: number): string {
		const h = hash32(this.seed, index, Salt.Email);
		const first = FIRST_NAMES[h % FIRST_NAMES.length] as string;
		const last = LAST_NAMES[(h >>> 8) % LAST_NAMES.length] as string;
		const domain = MAIL_DOMAINS[(h >>> 16) % MAIL_DOMAINS.length] as string;
		const style = (h >>> 24) & 3;
		// The index in the local part keeps emails unique, like the numbers real users append.
		if (style === 0) return `${first}.${last}${index}@${domain}`;
		if (style === 1) return `${first[0]}${last.replace('.', '')}${index}@${domain}`;
		if (style === 2) return `${first}_${last.replace('.', '_')}.${index}@${domain}`;
		return `${last.replace('.', '')}.${first}.${index}@${domain}`;
	}

	/** Most customers ship to one address; some now and then to a second one (work, parents). */
	addressKey(index: number, rng: Rng): string {
		const ring = this.overrides.get(index)?.address;
		if (ring) return ring;
		const second = hashUnit(this.seed, index, Salt.Movers) < 0.1 && rng.chance(0.25) ? 1 : 0;
		return `ad_${hashHex(this.seed, index, Salt.Address * 16 + second)}`;
	}

	paymentKey(index: number, rng: Rng): string {
		const ring = this.overrides.get(index)?.payment;
		if (ring) return ring;
		const wallets = 1 + (hash32(this.seed, index, Salt.Wallets) % 2);
		return `pm_${hashHex(this.seed, index, Salt.Payment * 16 + rng.int(wallets))}`;
	}

	/** The channel this order came through: mostly the customer's habitual one. */
	channel(index: number, rng: Rng): Channel {
		if (rng.chance(0.2)) return CHANNELS[rng.weighted(CHANNEL_CUMULATIVE)] as Channel;
		const x = hashUnit(this.seed, index, Salt.Channel) * 100;
		let i = 0;
		while (x >= (CHANNEL_CUMULATIVE[i] as number)) i++;
		return CHANNELS[i] as Channel;
	}
}

/** A key that several planned accounts share. */
export function ringKey(seed: number, ring: number, kind: 'address' | 'payment'): string {
	return kind === 'address' ? `ad_${hashHex(seed, ring, 0x7a11)}` : `pm_${hashHex(seed, ring, 0x7a12)}`;
}
