-- Physical line numbers for the rows that need one (rejected, warned about, kept), for CSV. The stage keeps
-- file order, so a row's record index is its position in the stage plus the malformed records DuckDB
-- skipped before it; its line adds the newlines inside the quoted fields of the records before it.
CREATE OR REPLACE TEMP TABLE row_lines AS
WITH skipped AS (
  SELECT line - 2 AS rec, line - 2 - (row_number() OVER (ORDER BY line) - 1) AS good_before FROM (SELECT DISTINCT
      line FROM csv_rejects)
),
interesting AS (
  SELECT rowid AS rid, rowid - (SELECT min(rowid) FROM _stage) AS position, _nl FROM _stage
  WHERE _nl > 0 OR _reason IS NOT NULL OR _warn IS NOT NULL OR _keep
),
placed AS (
  SELECT rid, _nl, position + (SELECT count(*) FROM skipped WHERE skipped.good_before <= interesting.position) AS
      rec FROM interesting
  UNION ALL
  SELECT NULL, 0, rec FROM skipped
)
SELECT rid, rec, 2 + rec + coalesce(sum(_nl) OVER (ORDER BY rec ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
    0) AS line
FROM placed;
