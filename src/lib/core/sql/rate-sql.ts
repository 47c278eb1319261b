const Z = 1.959963984540054;

/** 95% Wilson score interval bounds for `returned` successes out of `sold` trials. */
export function wilsonSql(returned: string, sold: string, sign: '-' | '+'): string {
	const p = `(${returned}::DOUBLE / ${sold})`;
	return `CASE WHEN ${sold} > 0 THEN greatest(0, least(1,
  (${p} + ${Z ** 2} / (2 * ${sold})
    ${sign} ${Z} * sqrt(${p} * (1 - ${p}) / ${sold} + ${Z ** 2} / (4 * ${sold} * ${sold})))
  / (1 + ${Z ** 2} / ${sold}))) END`;
}

/** A share as DOUBLE, NULL where the denominator is zero. */
export const rate = (num: string, den: string) => `CASE WHEN ${den} > 0 THEN ${num}::DOUBLE / ${den} END`;
