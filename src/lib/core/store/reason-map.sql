-- Every reason code in use or in the catalogue, with its group. Without a catalogue group, common
-- code and label words decide; the rest is `other`.
CREATE OR REPLACE TABLE reason_map AS
WITH codes AS (
  SELECT reason_code, label, reason_group FROM reasons
  UNION ALL
  SELECT DISTINCT reason_code, NULL, NULL FROM rmas
  WHERE reason_code IS NOT NULL AND reason_code NOT IN (SELECT reason_code FROM reasons)
),
guessed AS (
  SELECT reason_code, coalesce(label, reason_code) AS label, reason_group,
    lower(reason_code || ' ' || coalesce(label, '')) AS words
  FROM codes
)
SELECT reason_code, label, coalesce(reason_group, CASE
  WHEN regexp_matches(words, 'size|small|large|big|fit|tight|loose|short|long|gr(o|ö|oe)(ss|ß)e|taille|maat') THEN 'fit'
  WHEN regexp_matches(words, 'defect|defekt|broken|faulty|not.?working|kaputt|cass|stuk') THEN 'defect'
  WHEN regexp_matches(words, 'damage|transit|besch(a|ä)digt|endommag|beschadigd') THEN 'damage'
  WHEN regexp_matches(words, 'described|description|colou?r|looks|different|quality|nad') THEN 'not_as_described'
  WHEN regexp_matches(words, 'wrong|incorrect|falsch|verkeerd|erron') THEN 'wrong_item'
  WHEN regexp_matches(words, 'late|delay|slow|versp(a|ä)t|retard|te laat') THEN 'late_delivery'
  WHEN regexp_matches(words, 'price|cheaper|preis|prix|prijs') THEN 'better_price'
  WHEN regexp_matches(words, 'mind|unwanted|no.?longer|not.?needed|changed|gefällt|gefaellt') THEN 'changed_mind'
  ELSE 'other' END) AS reason_group
FROM guessed;
