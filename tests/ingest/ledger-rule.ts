/**
 * The ledger rule recomputed in plain JS over a ledger's rows, for tests to hold the pipeline to: lines with a
 * quantity of 1 or more are order lines; a negative quantity returns units of the same customer's order lines
 * of the same product that have units left and were ordered at or before it, the most recent first (ties: the
 * later line in the file). Rows without a customer, with a negative price or a quantity of 0 count for nothing.
 */
export interface LedgerRow {
	customer: string;
	product: string;
	/** Comparable time: ISO 8601 text or milliseconds. */
	at: string | number;
	quantity: number;
	price: number;
}

export interface ProductFigures {
	sold: number;
	returned: number;
}

export function recomputeLedger(rows: LedgerRow[]): Map<string, ProductFigures> {
	const valid = rows
		.map((row, position) => ({ ...row, position }))
		.filter((r) => r.customer !== '' && r.price >= 0 && Number.isInteger(r.quantity) && r.quantity !== 0);
	const lines = valid.filter((r) => r.quantity > 0).map((r) => ({ ...r, left: r.quantity }));
	const returns = valid.filter((r) => r.quantity < 0).sort((a, b) => compare(a.at, b.at) || a.position - b.position);
	const figures = new Map<string, ProductFigures>();
	const of = (product: string) =>
		figures.get(product) ?? figures.set(product, { sold: 0, returned: 0 }).get(product)!;
	for (const line of lines) of(line.product).sold += line.quantity;
	for (const ret of returns) {
		let units = -ret.quantity;
		const candidates = lines
			.filter((l) => l.customer === ret.customer && l.product === ret.product && compare(l.at, ret.at) <= 0)
			.sort((a, b) => compare(b.at, a.at) || b.position - a.position);
		for (const line of candidates) {
			const take = Math.min(units, line.left);
			line.left -= take;
			units -= take;
			of(line.product).returned += take;
			if (units === 0) break;
		}
	}
	return figures;
}

function compare(a: string | number, b: string | number): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
