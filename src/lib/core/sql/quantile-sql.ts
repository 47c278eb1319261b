import type { Statement } from '../db/transaction.ts';

/**
 * Exact quantile_cont of INTEGER values (seconds) per group without sorting every value: a histogram
 * of the values per bucket, kept up to date by a delta, names the bucket that holds each quantile's
 * ranks, and only the values in those buckets are read and ranked. The buckets are an hour wide;
 * integer division keeps them in the order of their values (negative ones included).
 */
export const bucketOf = (value: string) => `${value} // 3600`;

/**
 * A histogram's columns: the group columns, then `bucket` and `n`, the count of values in it. The buckets
 * are bucketOf's hours unless `bucket` places a value otherwise.
 */
export function histogramSql(
	groups: readonly string[],
	rows: string,
	value: string,
	sign = '1',
	bucket: (value: string) => string = bucketOf
): string {
	return `SELECT ${[...groups, `${bucket(value)} AS bucket`].join(', ')}, sum(${sign})::BIGINT AS n
FROM ${rows} WHERE ${value} IS NOT NULL GROUP BY ALL`;
}

/**
 * Brings a histogram table up to date for `changes` (its columns, `n` counting the values put in less
 * those taken out): the buckets changed are summed again, and a bucket left empty is dropped, as a
 * full build would not have it.
 */
export function histogramDeltaSql(table: string, groups: readonly string[], changes: string): Statement[] {
	const key = [...groups, 'bucket'];
	return [
		`CREATE OR REPLACE TEMP TABLE histogram_sums AS
		 SELECT ${key.join(', ')}, sum(n)::BIGINT AS n
		 FROM (SELECT * FROM ${table} SEMI JOIN ${changes} USING (${key.join(', ')})
		       UNION ALL BY NAME SELECT ${key.join(', ')}, n FROM ${changes})
		 GROUP BY ALL HAVING sum(n) <> 0`,
		`DELETE FROM ${table} t USING ${changes} c WHERE ${key.map((k) => `t.${k} = c.${k}`).join(' AND ')}`,
		`INSERT INTO ${table} SELECT * FROM histogram_sums`,
		'DROP TABLE histogram_sums'
	].map((sql) => ({ sql }));
}

/**
 * The buckets that hold the ranks of each quantile of each group, as quantile_cont places them: rank
 * RN = (n - 1) · q, interpolated between the values at floor(RN) and ceil(RN) (0-based). Columns: the
 * group columns, q, bucket, `rn` and `before`, the rank of the bucket's first value.
 */
export function quantileBucketsSql(histogram: string, groups: readonly string[], quantiles: readonly number[]): string {
	const group = groups.join(', ');
	return `SELECT ${group}, q, bucket, before, rn FROM (
  SELECT ${group}, q, bucket, n,
    (sum(n) OVER (PARTITION BY ${group}, q ORDER BY bucket ROWS UNBOUNDED PRECEDING) - n)::BIGINT AS before,
    (sum(n) OVER (PARTITION BY ${group}, q) - 1)::DOUBLE * q AS rn
  FROM ${histogram}, (SELECT unnest([${quantiles.map((q) => `CAST(${q} AS DOUBLE)`).join(', ')}]) AS q)
) WHERE floor(rn) < before + n AND ceil(rn) >= before`;
}

/**
 * Each group's quantiles (`value`, one row per group and q) from its quantile buckets and `values`, the
 * group columns, bucket and `value` of at least every value in those buckets: each bucket's values are
 * sorted, the values at the ranks read from them and interpolated as quantile_cont does in DuckDB
 * (lo · (1 - d) + hi · d in DOUBLE, d = RN - floor(RN)), so the result is the same number to the last bit.
 */
export function quantilesSql(buckets: string, values: string, groups: readonly string[]): string {
	const group = groups.join(', ');
	const at = (rank: string) =>
		`any_value(sorted[${rank}::BIGINT - before + 1])
      FILTER (WHERE ${rank} >= before AND ${rank} < before + len(sorted))`;
	return `SELECT ${group}, q, lo::DOUBLE * (1::DOUBLE - (rn - floor(rn))) + hi::DOUBLE * (rn - floor(rn)) AS value
FROM (
  SELECT ${group}, q, any_value(rn) AS rn, ${at('floor(rn)')} AS lo, ${at('ceil(rn)')} AS hi
  FROM (
    SELECT ${groups.map((g) => `b.${g}`).join(', ')}, b.q, b.bucket, any_value(b.before) AS before,
      any_value(b.rn) AS rn, list_sort(list(v.value)) AS sorted
    FROM ${buckets} b JOIN ${values} v USING (${group}, bucket)
    GROUP BY ALL
  )
  GROUP BY ${group}, q
)`;
}
