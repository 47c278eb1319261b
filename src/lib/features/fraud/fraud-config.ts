import type { FraudFlag } from './fraud.ts';

/**
 * The thresholds behind every fraud flag, read once per ingest (the flags are stored, not computed
 * per request): change a value here and re-run the ingest to apply it.
 *
 * Each flag has a threshold a customer must reach to be flagged at all and a "severe" level at
 * which the flag counts fully. The defaults are deliberately conservative: a flag goes to a person
 * for review, so one coincidence (a single worn return, one parcel with the wrong item, two
 * accounts in one household) must never be enough.
 */
export interface FraudConfig {
	serial_returner: {
		/** Order lines a customer must have bought before their return share means anything. */
		minLines: number;
		/** Share of those lines returned; stores typically see 15–30% of lines come back. */
		minReturnedShare: number;
		/** The share at which the flag counts fully. */
		severeReturnedShare: number;
	};
	wardrobing: {
		/** Returns from `categories` that inspection found worn (condition `used`). */
		minWornItems: number;
		severeWornItems: number;
		/** Categories where "worn once, sent back" is the pattern (matched case-insensitively). */
		categories: readonly string[];
	};
	item_switch: {
		/**
		 * Return parcels (RMAs) that held a different item than sold or nothing (`item_matches` false,
		 * condition `wrong_item` or `empty`).
		 */
		minParcels: number;
		severeParcels: number;
	};
	claim_mismatch: {
		/** Defect or damage claims whose inspection found the item new or like new and did not confirm a fault. */
		minUnconfirmedClaims: number;
		/**
		 * …as a share of the customer's inspected defect and damage claims, so a large buyer's occasional miss
		 * is not enough.
		 */
		minUnconfirmedShare: number;
		severeUnconfirmedClaims: number;
	};
	shared_identity: {
		/** Accounts (customer ids) using one shipping address or payment instrument; two is an ordinary household. */
		minAccounts: number;
		severeAccounts: number;
		/** Keys shared by more accounts than this are pickup points, lockers or placeholder values, not one person. */
		maxAccounts: number;
		/** Which keys are compared. */
		keys: readonly ('address_key' | 'payment_key')[];
	};
	keep_it_abuse: {
		/** Refunds granted without a return (RMA resolution `keep_it`, refunded, never inspected). */
		minRefunds: number;
		severeRefunds: number;
	};
	/**
	 * The score (0–100) of a flagged customer: every flag adds `flagPoints` at its threshold plus up
	 * to `severityPoints` in proportion to how far the customer is between threshold and severe
	 * level; the sum is capped at 100. With the defaults one flag scores 40–60, two flags at least
	 * 80, three or more 100.
	 */
	score: {
		flagPoints: number;
		severityPoints: number;
	};
}

export const FRAUD_CONFIG = {
	serial_returner: { minLines: 10, minReturnedShare: 0.8, severeReturnedShare: 1 },
	wardrobing: { minWornItems: 3, severeWornItems: 6, categories: ['apparel', 'shoes', 'accessories'] },
	item_switch: { minParcels: 2, severeParcels: 4 },
	claim_mismatch: { minUnconfirmedClaims: 3, minUnconfirmedShare: 0.5, severeUnconfirmedClaims: 6 },
	shared_identity: { minAccounts: 3, severeAccounts: 5, maxAccounts: 20, keys: ['address_key', 'payment_key'] },
	keep_it_abuse: { minRefunds: 3, severeRefunds: 6 },
	score: { flagPoints: 40, severityPoints: 20 }
} as const satisfies FraudConfig & Record<FraudFlag, unknown>;
