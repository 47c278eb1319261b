/** Calendar arithmetic of the digest, on days written YYYY-MM-DD (UTC). */

export interface Period {
	from: string;
	to: string;
}

export function addDays(day: string, days: number): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted. */
export const periodDays = ({ from, to }: Period) =>
	Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * The last full ISO week (Monday to Sunday) of data whose newest order is on `lastDay`: its own week
 * when that is a Sunday, else the week before, whose days are all in the data.
 */
export function lastFullWeek(lastDay: string): Period {
	const weekday = (new Date(`${lastDay}T00:00:00Z`).getUTCDay() + 6) % 7;
	const sunday = weekday === 6 ? lastDay : addDays(lastDay, -weekday - 1);
	return { from: addDays(sunday, -6), to: sunday };
}

/** `count` periods of the same length as `period`, ending with it, oldest first. */
export function periodsUpTo(period: Period, count: number): Period[] {
	const days = periodDays(period);
	return Array.from({ length: count }, (_, i) => {
		const back = (count - 1 - i) * days;
		return { from: addDays(period.from, -back), to: addDays(period.to, -back) };
	});
}

/** Exact money: decimal strings added as whole cents, never as floats. */
export function addMoney(...amounts: (string | null | undefined)[]): string {
	let cents = 0n;
	for (const amount of amounts) {
		if (!amount) continue;
		const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
		if (!match) throw new Error(`not an amount of money: ${amount}`);
		const value = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
		cents += match[1] ? -value : value;
	}
	const sign = cents < 0n ? '-' : '';
	const abs = cents < 0n ? -cents : cents;
	return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
