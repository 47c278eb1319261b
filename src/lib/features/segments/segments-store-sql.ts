import {
	FIT_SEGMENT,
	FIXED_SEGMENTS,
	FIXED_SEGMENT_IDS,
	HIGH_VALUE_QUANTILE,
	type FixedSegmentId
} from './segments.ts';
import { boundStatement, type SqlParams } from '../../core/db/sql-params.ts';
import type { Statement } from '../../core/db/transaction.ts';
import { buildInParts } from '../../core/store/build-in-parts.ts';

/** A category as it appears in a fit-issue segment id: lower case, runs of other characters as one dash. */
const CATEGORY_SLUG = `trim(regexp_replace(lower(category), '[^a-z0-9]+', '-', 'g'), '-')`;

/**
 * Whose segment rows a build computes: every customer's (a full build) or those of `segment_scope` (an
 * incremental refresh), with their facts (fraud's customer_facts: spend, RMA lines, latest contact,
 * products bought) and their return lines.
 */
interface Scope {
	has: (column: string) => string;
	facts: string;
	returnLines: string;
}

/**
 * The spend at the high-value quantile, over every customer, computed once per build into a temp table
 * that every statement of the build reads (HIGH_VALUE_SPEND). Over the stored DECIMAL(18, 2): DuckDB
 * interpolates between two values in a double either way, and reads the 128-bit DECIMAL(38, 2) a sum
 * gives several times slower (0.1 s against 0.4 s over 2.2 M customers).
 */
const storeHighValueSpend = (params: SqlParams) =>
	`CREATE OR REPLACE TEMP TABLE segment_high_value AS
	 SELECT quantile_cont(spend, ${params.add(HIGH_VALUE_QUANTILE)}) AS spend FROM customer_facts`;

const HIGH_VALUE_SPEND = '(SELECT spend FROM segment_high_value)';

const EVERYONE: Scope = {
	has: () => 'TRUE',
	facts: 'customer_facts',
	returnLines: 'return_lines'
};

const SCOPED: Scope = {
	has: (column) => `${column} IN (SELECT customer_id FROM segment_scope)`,
	facts: 'segment_facts',
	returnLines: 'segment_return_lines'
};

/**
 * Each fixed segment's members: one row per customer and line behind the membership, with its
 * category and reason group (what the export's categories and reason_theme summarise); a high-value
 * customer's, one per product bought.
 */
const FIXED_MEMBERS: Record<FixedSegmentId, (params: SqlParams, s: Scope) => string> = {
	'defect-affected': (_, s) => `
    SELECT customer_id, category, reason_group FROM ${s.returnLines}
    WHERE ${s.has('customer_id')}
      AND ((reason_group = 'defect' AND defect_confirmed IS NOT FALSE) OR condition = 'defective')`,
	'transit-damage': (_, s) => `
    SELECT customer_id, category, reason_group FROM ${s.returnLines}
    WHERE ${s.has('customer_id')}
      AND reason_group = 'damage' AND (condition IS NULL OR condition NOT IN ('new', 'like_new'))`,
	'late-delivery': (_, s) => `
    SELECT customer_id, category, reason_group FROM ${s.returnLines}
    WHERE ${s.has('customer_id')} AND reason_group = 'late_delivery'`,
	exchangers: (_, s) => `
    SELECT customer_id, category, reason_group FROM ${s.returnLines}
    WHERE ${s.has('customer_id')} AND resolution = 'exchange'`,
	'high-value-no-returns': (_, s) => `
    SELECT c.customer_id, p.category, NULL::VARCHAR AS reason_group
    FROM (
      SELECT customer_id, unnest(list_transform(pairs, e -> e.pair)) AS pair FROM ${s.facts}
      WHERE ${s.has('customer_id')} AND rma_lines = 0 AND spend >= ${HIGH_VALUE_SPEND}
    ) c JOIN fraud_products p ON p.pair = c.pair`,
	bracketers: (_, s) => `
    SELECT b.customer_id, b.category, r.reason_group
    FROM bracketing_orders b JOIN ${s.returnLines} r ON r.order_id = b.order_id AND r.product_id = b.product_id
    WHERE ${s.has('b.customer_id')}`
};

/**
 * The categories with fit returns, with how many: the fit-issue segments. An incremental refresh adds
 * what its return lines count now and takes out what they counted (core/store/derived-sql.ts).
 */
const FIT_RETURNS = `reason_group = 'fit' AND category IS NOT NULL`;

export const FIT_CATEGORIES_SQL = `CREATE OR REPLACE TABLE segment_fit_categories AS
SELECT category, count(*) AS returns FROM return_lines WHERE ${FIT_RETURNS} GROUP BY category`;

export const FIT_CATEGORIES_DELTA = [
	`CREATE OR REPLACE TEMP TABLE segment_fit_changes AS
	 SELECT c.category, coalesce(f.returns, 0) + c.returns AS returns
	 FROM (
	   SELECT category, sum(n) AS returns FROM (
	     SELECT category, -1 AS n FROM old_return_lines WHERE ${FIT_RETURNS}
	     UNION ALL SELECT category, 1 FROM new_return_lines WHERE ${FIT_RETURNS}
	   ) GROUP BY category
	 ) c LEFT JOIN segment_fit_categories f ON f.category = c.category`,
	'DELETE FROM segment_fit_categories WHERE category IN (SELECT category FROM segment_fit_changes)',
	'INSERT INTO segment_fit_categories SELECT * FROM segment_fit_changes WHERE returns > 0',
	'DROP TABLE segment_fit_changes'
];

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
FROM segment_fit_categories GROUP BY ${CATEGORY_SLUG}`;
}

/**
 * One row per segment and customer who is not fraud-flagged, with the export's columns: contact
 * details from the customer's most recent order, the categories and the most frequent reason group
 * behind the membership, and the last return.
 */
function segmentCustomersSql(params: SqlParams, s: Scope): string {
	const fixed = FIXED_SEGMENT_IDS.map(
		(id) => `SELECT ${params.add(id)} AS segment_id, * FROM (${FIXED_MEMBERS[id](params, s)})`
	);
	const fit = `SELECT ${params.add(FIT_SEGMENT.idPrefix)} || ${CATEGORY_SLUG} AS segment_id, customer_id, category,
      reason_group
    FROM ${s.returnLines} WHERE ${s.has('customer_id')} AND ${FIT_RETURNS}`;
	return `
WITH members AS MATERIALIZED (
  SELECT * FROM (${[...fixed, fit].join('\n    UNION ALL\n')})
  WHERE customer_id NOT IN (SELECT customer_id FROM fraud_customers)
),
contacts AS (
  SELECT customer_id, email, country FROM ${s.facts} WHERE customer_id IN (SELECT customer_id FROM members)
),
themes AS (
  SELECT segment_id, customer_id, reason_group FROM members WHERE reason_group IS NOT NULL
  GROUP BY segment_id, customer_id, reason_group
  QUALIFY row_number() OVER (PARTITION BY segment_id, customer_id ORDER BY count(*) DESC, reason_group) = 1
),
last_returns AS (
  SELECT customer_id, CAST(max(created_at) AS DATE) AS last_return FROM ${s.returnLines}
  WHERE ${s.has('customer_id')} GROUP BY customer_id
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

/**
 * segment_customers is built an eighth of the customers at a time (buildInParts): its memberships are
 * grouped into aggregates DuckDB may hold in memory (an ordered list of categories among them), and at
 * 50 M order lines one statement over every customer ran out of the ingest's 2 GiB. A customer is in the
 * part its id hashes to.
 */
const SEGMENT_CUSTOMER_PARTS = 8;

const inPart = (part: number): Scope => ({
	...EVERYONE,
	has: (column) => `hash(${column}) % ${SEGMENT_CUSTOMER_PARTS} = ${part}`
});

/**
 * Stored by segment, latest return first: a segment's customers are then a run of row groups the list
 * reads alone, and its default page (latest returns) their first ones. Unsorted, the 1.3 M exchangers
 * of the 50 M-line benchmark took 300 ms to page, every segment's rows read for each. A delta appends
 * its customers' rows at the end, which the list reads too.
 */
export const SEGMENT_CUSTOMERS_FULL: Statement[] = [
	boundStatement(storeHighValueSpend),
	...buildInParts(
		'segment_customers',
		SEGMENT_CUSTOMER_PARTS,
		(part) => boundStatement((params) => segmentCustomersSql(params, inPart(part))),
		'segment_id, last_return DESC NULLS LAST'
	),
	{ sql: 'DROP TABLE segment_high_value' }
];

const HIGH_VALUE_ID = 'high-value-no-returns' satisfies FixedSegmentId;

/** The columns of return_lines the segments read. */
const RETURN_LINE_COLUMNS = [
	'customer_id',
	'order_id',
	'product_id',
	'category',
	'reason_group',
	'resolution',
	'condition',
	'defect_confirmed',
	'created_at'
].join(', ');

/**
 * segment_customers brought up to date after a delta: every row of the customers it reaches (delta-scope.ts),
 * of those flagged or no longer flagged and of those who became or stopped being high-value without returns
 * as the spend at the quantile moved, built again. The fraud step leaves the facts it brought up to date
 * and the customers whose flags came or went (fraud-store.ts).
 */
export const SEGMENT_CUSTOMERS_DELTA: ((params: SqlParams) => string)[] = [
	storeHighValueSpend,
	() => `CREATE OR REPLACE TEMP TABLE segment_facts AS
	 SELECT customer_id, spend, rma_lines, email, country, pairs FROM fraud_new_facts
	 UNION ALL
	 SELECT * FROM (
	   SELECT customer_id, spend, rma_lines, email, country, pairs FROM customer_facts
	   WHERE spend >= ${HIGH_VALUE_SPEND} AND rma_lines = 0
	   UNION
	   SELECT customer_id, spend, rma_lines, email, country, pairs FROM customer_facts
	   WHERE customer_id IN (SELECT customer_id FROM fraud_flag_changes)
	 ) WHERE customer_id NOT IN (SELECT customer_id FROM fraud_fact_customers)`,
	(params) => `CREATE OR REPLACE TEMP TABLE segment_scope AS
	 WITH high_value AS (
	   SELECT customer_id FROM segment_facts
	   WHERE rma_lines = 0 AND spend >= ${HIGH_VALUE_SPEND}
	     AND customer_id NOT IN (SELECT customer_id FROM fraud_customers)
	 ),
	 listed AS (SELECT customer_id FROM segment_customers WHERE segment_id = ${params.add(HIGH_VALUE_ID)})
	 SELECT customer_id FROM delta_customers
	 UNION SELECT customer_id FROM fraud_flag_changes
	 UNION (SELECT customer_id FROM high_value EXCEPT SELECT customer_id FROM listed)
	 UNION (SELECT customer_id FROM listed EXCEPT SELECT customer_id FROM high_value)`,
	() => `CREATE OR REPLACE TEMP TABLE segment_return_lines AS
	 SELECT ${RETURN_LINE_COLUMNS} FROM return_lines
	 WHERE customer_id IN (SELECT customer_id FROM segment_scope)
	   OR order_id IN (SELECT order_id FROM bracketing_orders
	                   WHERE customer_id IN (SELECT customer_id FROM segment_scope))`,
	() => 'DELETE FROM segment_customers WHERE customer_id IN (SELECT customer_id FROM segment_scope)',
	(params) => `INSERT INTO segment_customers ${segmentCustomersSql(params, SCOPED)}`,
	...[
		'segment_high_value',
		'segment_facts',
		'segment_scope',
		'segment_return_lines',
		// Left by the fraud step's delta for this step (fraud-store.ts fraudDeltaStatements).
		'fraud_flag_changes',
		'fraud_fact_customers',
		'fraud_new_facts'
	].map((table) => () => `DROP TABLE ${table}`)
];
