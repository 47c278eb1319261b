-- Each wording of a comment with its example: the comment as it is most often written in the returns.
-- wording_rank numbers the wordings from the most written, and the table is sorted by it: the examples
-- a view shows are nearly always among the first, so looking them up by rank reads one small block.
CREATE OR REPLACE TABLE comment_wordings AS
SELECT wording_id, (row_number() OVER (ORDER BY sum(n) DESC, wording_id))::INTEGER AS wording_rank,
  first(reason_text ORDER BY n DESC, reason_text) AS example
FROM (SELECT wording_id, reason_text, count(*) AS n FROM return_lines WHERE wording_id IS NOT NULL GROUP BY ALL)
GROUP BY wording_id
ORDER BY wording_rank;
