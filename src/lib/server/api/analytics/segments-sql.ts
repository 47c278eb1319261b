import { FIT_SEGMENT, FIXED_SEGMENTS, FIXED_SEGMENT_IDS, HIGH_VALUE_QUANTILE, type FixedSegmentId } from '../../../analytics/segments.ts';
import type { SqlParams } from '../../sql-params.ts';

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
    SELECT l.customer_id, l.category, NULL::VARCHAR AS reason_group
    FROM line_facts l
    JOIN (SELECT customer_id, sum(sold_value) AS spend FROM line_facts GROUP BY customer_id) s ON s.customer_id = l.customer_id
    WHERE s.spend >= (SELECT quantile_cont(spend, ${params.add(HIGH_VALUE_QUANTILE)}) FROM (SELECT sum(sold_value) AS spend FROM line_facts GROUP BY customer_id))
      AND NOT EXISTS (SELECT 1 FROM rmas r JOIN orders o ON o.line_id = r.line_id WHERE o.customer_id = l.customer_id)`,
	bracketers: () => `
    SELECT b.customer_id, b.category, r.reason_group
    FROM bracketing_orders b JOIN return_lines r ON r.order_id = b.order_id AND r.product_id = b.product_id`
};

function fitMembers(slug: string | null, params: SqlParams): string {
	return `
    SELECT ${params.add(FIT_SEGMENT.idPrefix)} || ${CATEGORY_SLUG} AS segment_id, customer_id, category, reason_group
    FROM return_lines WHERE reason_group = 'fit' AND category IS NOT NULL${slug === null ? '' : ` AND ${CATEGORY_SLUG} = ${params.add(slug)}`}`;
}

/** A segment named by an id: a fixed one, or the fit-issue segment of a category slug. */
export type SegmentRef = { fixed: FixedSegmentId } | { fitSlug: string };

/** The segment an id names, or null when it names none (a fit-issue slug may still match no category). */
export function parseSegmentId(id: string): SegmentRef | null {
	if ((FIXED_SEGMENT_IDS as string[]).includes(id)) return { fixed: id as FixedSegmentId };
	if (id.startsWith(FIT_SEGMENT.idPrefix) && id.length > FIT_SEGMENT.idPrefix.length) return { fitSlug: id.slice(FIT_SEGMENT.idPrefix.length) };
	return null;
}

/** (segment_id, customer_id, category, reason_group) of one segment or, with null, of all of them. */
function membersSql(segment: SegmentRef | null, params: SqlParams): string {
	if (segment && 'fitSlug' in segment) return fitMembers(segment.fitSlug, params);
	const ids = segment ? [segment.fixed] : FIXED_SEGMENT_IDS;
	const parts = ids.map((id) => `SELECT ${params.add(id)} AS segment_id, * FROM (${FIXED_MEMBERS[id](params)})`);
	if (!segment) parts.push(fitMembers(null, params));
	return parts.join('\n    UNION ALL\n');
}

/** One row per customer: the contact details an export carries, from their most recent order. */
const CUSTOMERS = `
  SELECT customer_id,
    arg_max(customer_email, ordered_at) FILTER (WHERE customer_email IS NOT NULL) AS email,
    arg_max(country, ordered_at) FILTER (WHERE country IS NOT NULL) AS country
  FROM orders GROUP BY customer_id`;

function countrySql(countries: string[] | undefined, params: SqlParams): string {
	return countries?.length ? `c.country IN (${countries.map((c) => params.add(c)).join(', ')})` : 'TRUE';
}

/** Members who are not fraud-flagged, in the requested countries. */
function eligibleMembersSql(segment: SegmentRef | null, countries: string[] | undefined, params: SqlParams): string {
	return `
SELECT m.*, c.email, c.country
FROM (${membersSql(segment, params)}) m
JOIN (${CUSTOMERS}) c ON c.customer_id = m.customer_id
WHERE m.customer_id NOT IN (SELECT customer_id FROM fraud_customers) AND ${countrySql(countries, params)}`;
}

/** Every segment with its size: the fixed ones always, a fit-issue one per category with fit returns. */
export function buildSegmentsSql(countries: string[] | undefined, params: SqlParams): string {
	const fixed = FIXED_SEGMENT_IDS.map((id) => {
		const { name, kind, definition } = FIXED_SEGMENTS[id];
		return `(${params.add(id)}, ${params.add(name)}, ${params.add(kind)}, ${params.add(definition)})`;
	});
	return `
WITH catalogue AS (
  SELECT * FROM (VALUES ${fixed.join(', ')}) v(id, name, kind, definition)
  UNION ALL
  SELECT ${params.add(FIT_SEGMENT.idPrefix)} || ${CATEGORY_SLUG}, ${params.add(FIT_SEGMENT.namePrefix)} || string_agg(DISTINCT category, ', ' ORDER BY category),
    'reason', ${params.add(FIT_SEGMENT.definitionPrefix)} || string_agg(DISTINCT category, ', ' ORDER BY category)
  FROM return_lines WHERE reason_group = 'fit' AND category IS NOT NULL GROUP BY ${CATEGORY_SLUG}
),
sizes AS (
  SELECT segment_id, count(DISTINCT customer_id) AS size FROM (${eligibleMembersSql(null, countries, params)}) GROUP BY segment_id
)
SELECT g.id, g.name, g.kind, coalesce(s.size, 0)::INTEGER AS size, g.definition
FROM catalogue g LEFT JOIN sizes s ON s.segment_id = g.id`;
}

/** Whether a fit-issue segment exists: some fit return in a category with that slug. */
export function buildFitSegmentExistsSql(slug: string, params: SqlParams): string {
	return `SELECT EXISTS (SELECT 1 FROM return_lines WHERE reason_group = 'fit' AND category IS NOT NULL AND ${CATEGORY_SLUG} = ${params.add(slug)}) AS found`;
}

/** A segment's customers with the export columns, one row each. */
export function buildSegmentCustomersSql(segment: SegmentRef, countries: string[] | undefined, params: SqlParams): string {
	return `
WITH members AS (${eligibleMembersSql(segment, countries, params)}),
themes AS (
  SELECT customer_id, reason_group FROM members WHERE reason_group IS NOT NULL GROUP BY customer_id, reason_group
  QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY count(*) DESC, reason_group) = 1
),
last_returns AS (
  SELECT customer_id, CAST(max(created_at) AS DATE) AS last_return FROM return_lines GROUP BY customer_id
)
SELECT m.customer_id, any_value(m.email) AS email, any_value(m.country) AS country, any_value(r.last_return) AS last_return,
  string_agg(DISTINCT m.category, ';' ORDER BY m.category) AS categories, any_value(t.reason_group) AS reason_theme
FROM members m
LEFT JOIN themes t ON t.customer_id = m.customer_id
LEFT JOIN last_returns r ON r.customer_id = m.customer_id
GROUP BY m.customer_id`;
}
