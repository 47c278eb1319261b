import type { FraudFlag } from './fraud.ts';

/**
 * How unlikely a customer's pattern must be by chance before it is flagged, and the least evidence a
 * flag needs. A chance is the probability that a customer who behaves like the shop's customers do,
 * buying exactly what this one bought, shows at least what this one shows: a binomial tail over their
 * order lines for serial returning (each line coming back with its product's return rate), a Poisson
 * tail for the incidents of the other flags (each line bought carrying its category's incident rate).
 */
export interface ChanceLevel {
	/** Flag only when the chance is below this. */
	maxChance: number;
	/** At or below this chance the flag counts fully towards the score. */
	severeChance: number;
}

/**
 * The thresholds behind every fraud flag, read once per ingest (the flags are stored, not computed
 * per request): change a value here and re-run the ingest to apply it.
 *
 * Rates come from the shop's own data, so one rule holds for a shop where 5 % of lines come back and
 * one where half do. The minimums are the evidence no chance can replace: a flag goes to a person for
 * review, so one coincidence (a single worn return, one parcel with the wrong item, two accounts in one
 * household) must never be enough.
 */
export interface FraudConfig {
	serial_returner: ChanceLevel & {
		/** Order lines a customer must have bought (bracketing returns not counted) for their share to mean much. */
		minLines: number;
	};
	wardrobing: ChanceLevel & {
		/** Returns from wearable categories that inspection found worn (condition `used`). */
		minWornItems: number;
		/**
		 * Wearable categories, matched case-insensitively; `null` finds them in the data: a category is wearable when
		 * fit is the reason for at least `minFitShare` of its returned lines (things that fit are things worn). In a
		 * shop whose returns give no fit reason at all, every category counts.
		 */
		categories: readonly string[] | null;
		minFitShare: number;
	};
	item_switch: ChanceLevel & {
		/**
		 * Return parcels (RMAs) that held a different item than sold or nothing (`item_matches` false,
		 * condition `wrong_item` or `empty`).
		 */
		minParcels: number;
	};
	claim_mismatch: ChanceLevel & {
		/** Defect or damage claims whose inspection found the item new or like new and did not confirm a fault. */
		minUnconfirmedClaims: number;
		/**
		 * …as a share of the customer's inspected defect and damage claims, so a large buyer's occasional miss
		 * is not enough.
		 */
		minUnconfirmedShare: number;
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
	keep_it_abuse: ChanceLevel & {
		/** Refunds granted without a return (RMA resolution `keep_it`, refunded, never inspected). */
		minRefunds: number;
	};
	/**
	 * What the chances are measured against. A product's return rate leans on its category's as if its
	 * category had sold it `priorLines` more times (a product sold twice says little on its own); an
	 * incident rate per line of a category leans the same way on the shop's. Incident rates count the
	 * incidents of customers below the flag's minimum only, so the customers looked for never raise their
	 * own bar.
	 */
	rates: { priorLines: number };
	/**
	 * The score (0–100) of a flagged customer: every flag adds `flagPoints` at its threshold plus up
	 * to `severityPoints` in proportion to how far the customer is between threshold and severe
	 * level (for a chance: in orders of magnitude); the sum is capped at 100. With the defaults one
	 * flag scores 40–60, two flags at least 80, three or more 100.
	 */
	score: {
		flagPoints: number;
		severityPoints: number;
	};
}

export const FRAUD_CONFIG = {
	serial_returner: { minLines: 10, maxChance: 1e-5, severeChance: 1e-10 },
	wardrobing: {
		minWornItems: 3,
		maxChance: 1e-3,
		severeChance: 1e-8,
		categories: null as readonly string[] | null,
		minFitShare: 0.02
	},
	item_switch: { minParcels: 2, maxChance: 1e-3, severeChance: 1e-8 },
	claim_mismatch: { minUnconfirmedClaims: 3, minUnconfirmedShare: 0.5, maxChance: 1e-3, severeChance: 1e-8 },
	shared_identity: { minAccounts: 3, severeAccounts: 5, maxAccounts: 20, keys: ['address_key', 'payment_key'] },
	keep_it_abuse: { minRefunds: 3, maxChance: 1e-3, severeChance: 1e-8 },
	rates: { priorLines: 20 },
	score: { flagPoints: 40, severityPoints: 20 }
} as const satisfies FraudConfig & Record<FraudFlag, unknown>;
