import type { WaveTruth } from './waves.ts';

/**
 * truth.json: what was planted in a demo data set, so tests and benchmarks can check that the
 * analytics find it and that ingestion rejects exactly the broken rows.
 */

export const FRAUD_FLAGS = [
	'serial_returner',
	'wardrobing',
	'item_switch',
	'claim_mismatch',
	'shared_identity',
	'keep_it_abuse'
] as const;
export type FraudFlag = (typeof FRAUD_FLAGS)[number];

/**
 * The rules every planted customer meets and no other customer does, in a shop whose wardrobers wear
 * `wearable` (the shop's names of the fashion categories) and whose ordinary customers return at most
 * `maxOrdinaryReturnShare` of their lines. A "return" is an RMA line whose status is not rejected or
 * cancelled.
 */
export function fraudThresholds(wearable: readonly string[], maxOrdinaryReturnShare: number) {
	return {
		// Half way between the most an ordinary customer returns and everything, and never below 80 %.
		serial_returner: { minLines: 10, minReturnedLineShare: Math.max(0.8, (1 + maxOrdinaryReturnShare) / 2) },
		wardrobing: { minUsedInspections: 3, categories: wearable },
		item_switch: { minMismatchedInspections: 2 },
		claim_mismatch: {
			minUnconfirmedFaultClaims: 3,
			reasonCodes: ['DEFECT', 'DAMAGED'],
			conditions: ['new', 'like_new']
		},
		shared_identity: { minAccountsPerKey: 3, keys: ['address_key', 'payment_key'] },
		keep_it_abuse: { minKeepItRefunds: 3 }
	} as const;
}

/** A row in a CSV file: `line` is the record's first physical line, the header being line 1. */
export interface RowIssue {
	file: string;
	line: number;
	kind: string;
	column: string;
}

export interface IdentityRing {
	key_column: 'address_key' | 'payment_key';
	key: string;
	customers: string[];
}

export interface DemoTruth {
	seed: number;
	lines: number;
	generatedFor: string;
	orderPeriod: { from: string; to: string };
	/** Data rows per file, broken rows included. */
	counts: Record<string, number>;
	/** Rows that break the contract in a required field: ingestion must reject them. */
	badRows: RowIssue[];
	/** Rows with one invalid optional field: loaded, that field empty, with a warning. */
	invalidOptional: RowIssue[];
	/** `from` and `to` are inclusive order dates. */
	defectSpike: {
		product_id: string;
		supplier: string;
		category: string;
		from: string;
		to: string;
		defectRate: number;
	};
	smallSku: { sku: string; product_id: string; category: string; variant: string };
	/** Return waves planted for the alerts (`--waves`); empty without. */
	waves: WaveTruth[];
	fraud: Record<FraudFlag, string[]>;
	sharedIdentityRings: IdentityRing[];
	/** Ordinary customers who trip one signal of the flag once; they must not be flagged. */
	decoys: Record<FraudFlag, string[]>;
	/** Customers who ordered 2-3 sizes of one product in one order and returned all but one. */
	bracketing: string[];
	thresholds: ReturnType<typeof fraudThresholds>;
}
