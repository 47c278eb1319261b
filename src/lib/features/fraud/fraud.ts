import { z } from 'zod';
import { FRAUD_CONFIG } from './fraud-config.ts';
import { filterShape, listShape, querySchema } from '../../core/filters/filters.ts';

/** The fixed vocabulary of fraud flags, in the order the dashboard lists them. */
export const FRAUD_FLAGS = [
	'serial_returner',
	'wardrobing',
	'item_switch',
	'claim_mismatch',
	'shared_identity',
	'keep_it_abuse'
] as const;
export type FraudFlag = (typeof FRAUD_FLAGS)[number];

export const FRAUD_SORT_COLUMNS = ['score', 'returns', 'refunded', 'lines', 'customer_id'] as const;

/**
 * Flagged customers. Flags are computed over the whole history at ingest; the period and dimension
 * filters keep the customers with at least one order line in scope.
 */
export const fraudCustomersQuery = querySchema({
	...filterShape,
	...listShape(FRAUD_SORT_COLUMNS),
	flag: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(z.enum(FRAUD_FLAGS)).optional()),
	minScore: z.coerce.number().int().min(0).max(100).default(0)
});

export const fraudCustomerQuery = querySchema({});

export const BRACKETING_ORDER_SORT_COLUMNS = [
	'ordered_at',
	'returned_value',
	'returned_lines',
	'lines',
	'customer_id',
	'order_id'
] as const;
export const BRACKETING_CUSTOMER_SORT_COLUMNS = [
	'orders',
	'returned_lines',
	'returned_value',
	'last_ordered_at',
	'customer_id'
] as const;

/** Bracketing takes the common filters, the period on ordered_at; a bracketed group spans SKUs, so not `sku`. */
const { from, to, category, product, supplier, channel, country } = filterShape;
const bracketingFilterShape = { from, to, category, product, supplier, channel, country };

export const bracketingOrdersQuery = querySchema({
	...bracketingFilterShape,
	...listShape(BRACKETING_ORDER_SORT_COLUMNS)
});
export const bracketingCustomersQuery = querySchema({
	...bracketingFilterShape,
	...listShape(BRACKETING_CUSTOMER_SORT_COLUMNS)
});

const pct = (share: number) => `${Math.round(share * 100)}%`;
const c = FRAUD_CONFIG;

const ONE_IN = [
	'10',
	'100',
	'1,000',
	'10,000',
	'100,000',
	'a million',
	'10 million',
	'100 million',
	'a billion',
	'10 billion',
	'100 billion',
	'a trillion'
];

/** "1 in a million" for power 6: one in 10^power, 1 ≤ power ≤ 12. */
const oneIn = (power: number) => `1 in ${ONE_IN[Math.min(ONE_IN.length, Math.max(1, power)) - 1]}`;

/** A level such as 1e-6 in words: "1 in a million". */
export const levelWords = (level: number): string => oneIn(Math.round(-Math.log10(level)));

/** A chance in words as fraud.sql's evidence writes it: "below 1 in a million" for 10^-7 ≤ chance < 10^-6. */
export const chanceWords = (chance: number): string => `below ${oneIn(Math.floor(-Math.log10(chance)))}`;

const chanceRule = (what: string, level: { maxChance: number }) =>
	`${what}; chance below ${levelWords(level.maxChance)} for what they bought, at this shop's rates`;

/** What each flag means, in the words of the thresholds in force (fraud-config.ts). */
export const FRAUD_FLAG_DEFINITIONS: Record<FraudFlag, string> = {
	serial_returner: chanceRule(
		`at least ${c.serial_returner.minLines} order lines and more of them returned than their products' ` +
			`return rates predict (lines returned in bracketing not counted)`,
		c.serial_returner
	),
	wardrobing: chanceRule(
		`at least ${c.wardrobing.minWornItems} returns inspected as worn (condition used) in wearable categories ` +
			(c.wardrobing.categories
				? `(${c.wardrobing.categories.join(', ')})`
				: `(those where fit is the reason for ${pct(c.wardrobing.minFitShare)} or more of the returns)`),
		c.wardrobing
	),
	item_switch: chanceRule(
		`at least ${c.item_switch.minParcels} return parcels holding a different item than sold or nothing ` +
			`(item_matches false, condition wrong_item or empty)`,
		c.item_switch
	),
	claim_mismatch: chanceRule(
		`at least ${c.claim_mismatch.minUnconfirmedClaims} defect or damage claims, and ` +
			`${pct(c.claim_mismatch.minUnconfirmedShare)} or more of the inspected ones, where inspection found the ` +
			`item new or like new and confirmed no fault`,
		c.claim_mismatch
	),
	shared_identity:
		`one ${c.shared_identity.keys.join(' or ')} used by ${c.shared_identity.minAccounts} to ` +
		`${c.shared_identity.maxAccounts} customer accounts (more is a pickup point or placeholder)`,
	keep_it_abuse: chanceRule(
		`at least ${c.keep_it_abuse.minRefunds} refunds without a return (resolution keep_it, refunded, never ` +
			`inspected)`,
		c.keep_it_abuse
	)
};

export const FRAUD_DEFINITIONS = {
	score:
		`0–100: each flag adds ${c.score.flagPoints} points at its threshold plus up to ${c.score.severityPoints} ` +
		`as it approaches its severe level; capped at 100`,
	flags: 'the flags reached, strongest first; computed over the whole history at every ingest',
	evidence:
		'per flag, what the customer did, what the shop’s rates lead one to expect of what they bought, and the ' +
		'chance of at least as much',
	observed: 'what the customer did: lines returned, worn items, parcels, claims or keep-it refunds; accounts',
	expected: 'what a customer who behaves like the shop’s customers would do, buying what this one bought',
	chance: 'an upper bound of the chance of at least the observed, for such a customer',
	lines: 'order lines the customer bought',
	returns: 'RMA lines that are returns (not rejected or cancelled)',
	refunded: 'Σ refunds to the customer, all methods',
	...FRAUD_FLAG_DEFINITIONS
} as const;

export const BRACKETING_DEFINITIONS = {
	bracketing:
		'one order holding several variants (SKUs) of one product, all returned but one: a way of shopping, not fraud',
	variants: 'the variants ordered (or SKUs where no variant is given)',
	kept_variant: 'the variant kept',
	returned_value: 'Σ returned units × unit_price of the group'
} as const;

export interface FraudEvidence {
	flag: FraudFlag;
	text: string;
}

export interface FraudCustomerRow {
	customer_id: string;
	score: number;
	flags: FraudFlag[];
	evidence: FraudEvidence[];
	lines: number;
	returns: number;
	refunded: string;
}

export interface FraudFlagRow extends FraudEvidence {
	observed: number;
	/** Null for shared identity, which counts accounts rather than weighing a chance. */
	expected: number | null;
	chance: number | null;
	/** −log10 of the chance (for shared identity: accounts), and the same of the flag's level. */
	value: number;
	threshold: number;
	severity: number;
	points: number;
}

/** One customer in full, for whoever reviews a flag: what they bought, returned and got back. */
export interface FraudCustomerDetail {
	customer: FraudCustomerRow;
	flags: FraudFlagRow[];
	orders: Record<string, unknown>[];
	returns: Record<string, unknown>[];
	inspections: Record<string, unknown>[];
	refunds: Record<string, unknown>[];
	meta: { definitions: typeof FRAUD_DEFINITIONS };
}

export interface BracketingOrderRow {
	order_id: string;
	product_id: string;
	customer_id: string;
	ordered_at: string;
	product_name: string | null;
	category: string | null;
	variants: string[];
	kept_variant: string;
	lines: number;
	returned_lines: number;
	returned_value: string;
}

export interface BracketingCustomerRow {
	customer_id: string;
	orders: number;
	returned_lines: number;
	returned_value: string;
	last_ordered_at: string;
	categories: string[];
}
