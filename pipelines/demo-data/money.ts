/** Amounts are carried as integer cents and only turned into decimals when written. */
export function formatMoney(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(Math.round(cents));
	const rest = abs % 100;
	return `${sign}${(abs - rest) / 100}.${rest < 10 ? '0' : ''}${rest}`;
}
