import {
	FIT_SEGMENT,
	FIXED_SEGMENTS,
	FIXED_SEGMENT_IDS,
	HIGH_VALUE_QUANTILE,
	type FixedSegmentId
} from './segments.ts';
import type { SqlParams } from '../../core/db/sql-params.ts';

/** A category as it appears in a fit-issue segment id: lower case, runs of other characters as one dash. */
const CATEGORY_SLUG = `trim(regexp_replace(lower(category), '[^a-z0-9]+', '-', 'g'), '-')`;

/**
 * Each fixed segment's members: one row per customer and line behind the membership, with its
 * category and reason group (what the export's categories and reason_theme summarise).
 */
const FIXED_MEMBERS: Record<FixedSegmentId, (params: SqlParams) => string> = {
	'defect-affected': () => `
    SELECT customer_id, category, reason_group FROM return_lines
    WHERE (reason_group = 'defect' AND defect_confirmed IS NOT FALSE) OR condition = 'defective'`,
	'transit-damage': () => `
    SELECT customer_id, category, reason_group FROM return_lines
    WHERE reason_group = 'damage' AND (condition IS NULL OR condition NOT IN ('new', 'like_new'))`,
	'late-delivery': () => `
    SELECT customer_id, category, reason_group FROM return_lines WHERE reason_group = 'late_delivery'`,
	exchangers: () => `
    SELECT customer_id, category, reason_group FROM return_lines WHERE resolution = 'exchange'`,
	'high-value-no-returns': (params) => `
    WITH spend AS MATERIALIZED (SELECT customer_id, sum(sold_value) AS spend FROM line_facts GROUP BY customer_id),
    chosen AS (
      SELECT customer_id FROM spend
      WHERE spend >= (SELECT quantile_cont(spend, ${params.add(HIGH_VALUE_QUANTILE)}) FROM spend)
        AND customer_id NOT IN (SELECT o.customer_id FROM rmas r JOIN orders o ON o.line_id = r.line_id)
    )
    SELECT DISTINCT customer_id, category, NULL::VARCHAR AS reason_group FROM line_facts
    WHERE customer_id IN (SELECT customer_id FROM chosen)`,
	bracketers: () => `
    SELECT b.customer_id, b.category, r.reason_group
    FROM bracketing_orders b JOIN return_lines r ON r.order_id = b.order_id AND r.product_id = b.product_id`
};

/** Every segment: the fixed ones, and a fit-issue one per category with fit returns. */
export function buildSegmentCatalogueSql(params: SqlParams): string {
	const fixed = FIXED_SEGMENT_IDS.map((id) => {
		const { name, kind, definition } = FIXED_SEGMENTS[id];
		return `(${params.add(id)}, ${params.add(name)}, ${params.add(kind)}, ${params.add(definition)})`;
	});
	return `
CREATE OR REPLACE TABLE segment_catalogue AS
SELECT * FROM (VALUES ${fixed.join(', ')}) v(id, name, kind, definition)
UNION ALL
SELECT ${params.add(FIT_SEGMENT.idPrefix)} || ${CATEGORY_SLUG},
  ${params.add(FIT_SEGMENT.namePrefix)} || string_agg(DISTINCT category, ', ' ORDER BY category),
  'reason', ${params.add(FIT_SEGMENT.definitionPrefix)} || string_agg(DISTINCT category, ', ' ORDER BY category)
FROM return_lines WHERE reason_group = 'fit' AND category IS NOT NULL GROUP BY ${CATEGORY_SLUG}`;
}

/**
 * One row per segment and customer who is not fraud-flagged, with the export's columns: contact
 * details from the customer's most recent order, the categories and the most frequent reason group
 * behind the membership, and the last return.
 */
export function buildSegmentCustomersSql(params: SqlParams): string {
	const fixed = FIXED_SEGMENT_IDS.map(
		(id) => `SELECT ${params.add(id)} AS segment_id, * FROM (${FIXED_MEMBERS[id](params)})`
	);
	const fit = `SELECT ${params.add(FIT_SEGMENT.idPrefix)} || ${CATEGORY_SLUG} AS segment_id, customer_id, category,
      reason_group
    FROM return_lines WHERE reason_group = 'fit' AND category IS NOT NULL`;
	return `
CREATE OR REPLACE TABLE segment_customers AS
WITH members AS MATERIALIZED (
  SELECT * FROM (${[...fixed, fit].join('\n    UNION ALL\n')})
  WHERE customer_id NOT IN (SELECT customer_id FROM fraud_customers)
),
contacts AS (
  SELECT customer_id,
    arg_max(customer_email, ordered_at) FILTER (WHERE customer_email IS NOT NULL) AS email,
    arg_max(country, ordered_at) FILTER (WHERE country IS NOT NULL) AS country
  FROM orders WHERE customer_id IN (SELECT customer_id FROM members) GROUP BY customer_id
),
themes AS (
  SELECT segment_id, customer_id, reason_group FROM members WHERE reason_group IS NOT NULL
  GROUP BY segment_id, customer_id, reason_group
  QUALIFY row_number() OVER (PARTITION BY segment_id, customer_id ORDER BY count(*) DESC, reason_group) = 1
),
last_returns AS (
  SELECT customer_id, CAST(max(created_at) AS DATE) AS last_return FROM return_lines GROUP BY customer_id
),
-- Each category once per membership before joining them: far cheaper than a distinct, ordered
-- aggregate over every member row.
categories AS (
  SELECT segment_id, customer_id, string_agg(category, ';' ORDER BY category) AS categories
  FROM (SELECT DISTINCT segment_id, customer_id, category FROM members WHERE category IS NOT NULL)
  GROUP BY segment_id, customer_id
)
SELECT m.segment_id, m.customer_id, c.email, c.country, r.last_return, g.categories, t.reason_group AS reason_theme
FROM (SELECT DISTINCT segment_id, customer_id FROM members) m
JOIN contacts c ON c.customer_id = m.customer_id
LEFT JOIN categories g ON g.segment_id = m.segment_id AND g.customer_id = m.customer_id
LEFT JOIN themes t ON t.segment_id = m.segment_id AND t.customer_id = m.customer_id
LEFT JOIN last_returns r ON r.customer_id = m.customer_id`;
}
