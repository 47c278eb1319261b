/**
 * The little the generator must remember per customer, in typed arrays: how many lines they
 * bought and returned, and which suspicious signals they have already shown. It keeps ordinary
 * customers from drifting over a fraud threshold by chance.
 */

export const SIGNAL = {
	used: 1,
	switched: 2,
	unconfirmedClaim: 4,
	keepIt: 8,
	bracketed: 16
} as const;
const ALL_FRAUD_SIGNALS = SIGNAL.used | SIGNAL.switched | SIGNAL.unconfirmedClaim | SIGNAL.keepIt;

export class CustomerLedger {
	private readonly lines: Uint16Array;
	private readonly returned: Uint16Array;
	private readonly signals: Uint8Array;

	/**
	 * `maxReturnShare`: ordinary customers return at most this share of their lines (the profile's; planted serial
	 * returners return more).
	 */
	constructor(
		size: number,
		private readonly maxReturnShare: number
	) {
		this.lines = new Uint16Array(size);
		this.returned = new Uint16Array(size);
		this.signals = new Uint8Array(size);
	}

	/** Planned customers show only the signals their plan gives them. */
	reserve(index: number): void {
		this.signals[index] = ALL_FRAUD_SIGNALS;
	}

	addLines(index: number, n: number): void {
		this.lines[index] = Math.min(65535, (this.lines[index] as number) + n);
	}

	/** Whether n more returned lines (with `moreLines` still to be bought) keep the customer an ordinary returner. */
	mayReturn(index: number, n: number, moreLines = 0): boolean {
		const allowed = Math.max(2, Math.floor(this.maxReturnShare * ((this.lines[index] as number) + moreLines)));
		return (this.returned[index] as number) + n <= allowed;
	}

	addReturned(index: number, n: number): void {
		this.returned[index] = Math.min(65535, (this.returned[index] as number) + n);
	}

	/** Claims a once-per-customer signal; false if the customer already had it. */
	take(index: number, signal: number): boolean {
		const s = this.signals[index] as number;
		if (s & signal) return false;
		this.signals[index] = s | signal;
		return true;
	}
}
