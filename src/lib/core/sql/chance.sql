-- The chances fraud flags and alerts weigh what they saw by, as temporary macros of the connection. The
-- tests hold them to exact binomial and Poisson tails computed apart (tests/fraud/chance.test.ts).

-- Upper bounds of tail chances, as natural logarithms (never below ln(1e-300), so a chance too small for a
-- DOUBLE stays a number). Each is the tail's first term times the geometric series of the ratio between
-- consecutive terms at its start, which only falls further along the tail: never below the exact tail,
-- and above it by at most 1 / (1 − ratio). 0 (a chance of 1) where k is not above what is expected.
-- P(X ≥ k) for X ~ Binomial(n, p): first term C(n, k) p^k (1 − p)^(n − k), ratio (n − k) p / ((k + 1)(1 − p)).
CREATE OR REPLACE TEMP MACRO binomial_log_tail(n, k, p) AS CASE
  WHEN k <= 0 OR p >= 1 THEN 0
  WHEN p <= 0 OR k > n THEN ln(1e-300)
  WHEN (n - k) * p >= (k + 1) * (1 - p) THEN 0
  ELSE greatest(ln(1e-300), least(0, lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * ln(p)
    + (n - k) * ln(1 - p) - ln(1 - (n - k) * p / ((k + 1) * (1 - p)))))
END;
-- P(X ≥ k) for X ~ Poisson(mu): first term e^−mu mu^k / k!, ratio mu / (k + 1).
CREATE OR REPLACE TEMP MACRO poisson_log_tail(mu, k) AS CASE
  WHEN k <= 0 THEN 0
  WHEN mu <= 0 THEN ln(1e-300)
  WHEN mu >= k + 1 THEN 0
  ELSE greatest(ln(1e-300), least(0, -mu + k * ln(mu) - lgamma(k + 1) - ln(1 - mu / (k + 1))))
END;
-- A chance in words, by its power of ten: "below 1 in a million" for 10^-7 ≤ chance < 10^-6.
CREATE OR REPLACE TEMP MACRO chance_words(log_chance) AS 'below 1 in ' || ['10', '100', '1,000', '10,000',
  '100,000', 'a million', '10 million', '100 million', 'a billion', '10 billion', '100 billion',
  'a trillion'][greatest(1, least(12, floor(-log_chance / ln(10))))::INTEGER];
-- An expected count: one decimal from 1 up, two significant digits below.
CREATE OR REPLACE TEMP MACRO expected_words(x) AS CASE
  WHEN x >= 0.995 THEN printf('%.1f', x)
  WHEN x >= 0.001 THEN printf('%.2g', x)
  ELSE 'under 0.001'
END;
