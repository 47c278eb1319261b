import type { FraudFlag } from './fraud.ts';
import type { Filters } from '../../core/filters/filters.ts';
import type { SqlParams } from '../../core/db/sql-params.ts';
import { filterSql } from '../../core/filters/filter-sql.ts';
import type { ListSpec } from '../../core/api/list-response.ts';

/**
 * Flagged customers, unordered. The flags cover the whole history; the filters keep customers with at
 * least one order line in scope (the period on ordered_at).
 */
export function buildFraudCustomersSql(
	filters: Filters,
	flags: FraudFlag[] | undefined,
	minScore: number,
	params: SqlParams
): string {
	const conditions = [`f.score >= ${params.add(minScore)}`];
	if (flags?.length) conditions.push(`list_has_any(f.flags, [${flags.map((flag) => params.add(flag)).join(', ')}])`);
	const scope = filterSql(filters, params, 'ordered_at', 'l');
	if (scope !== 'TRUE')
		conditions.push(`EXISTS (SELECT 1 FROM line_facts l WHERE l.customer_id = f.customer_id AND ${scope})`);
	return `SELECT f.customer_id, f.score, f.flags, f.evidence, f.lines, f.returns, f.refunded FROM fraud_customers f
WHERE ${conditions.join(' AND ')}`;
}

/** The customer's flags with their evidence, strongest first. */
export const buildCustomerFlagsSql = (customerId: string, params: SqlParams): string => `
SELECT flag, evidence AS text, observed, expected, chance, value, threshold, severity, points FROM fraud_flags
WHERE customer_id = ${params.add(customerId)} ORDER BY points DESC, flag`;

const BRACKETING_COLUMNS = `order_id, product_id, customer_id, ordered_at, product_name, category, supplier, channel,
  country, variants, kept_variant, lines, returned_lines, returned_value`;

/** Bracketed order groups (one product in one order), unordered; the period on ordered_at. */
export function buildBracketingOrdersSql(filters: Filters, params: SqlParams): string {
	return `SELECT ${BRACKETING_COLUMNS} FROM bracketing_orders WHERE ${filterSql(filters, params, 'ordered_at')}`;
}

/**
 * Bracketing per customer, unordered. Their categories are only shown, so a page gathers them for its
 * own customers (ListSpec.shownOnly).
 */
export function buildBracketingCustomersSql(filters: Filters, params: SqlParams): Pick<ListSpec, 'sql' | 'shownOnly'> {
	const scope = filterSql(filters, params, 'ordered_at');
	const categories = 'list(DISTINCT category ORDER BY category) FILTER (WHERE category IS NOT NULL)';
	const customers = (categoriesColumn: string) => `
SELECT customer_id, count(DISTINCT order_id)::INTEGER AS orders, sum(returned_lines)::INTEGER AS returned_lines,
  CAST(sum(returned_value) AS DECIMAL(18, 2)) AS returned_value, max(ordered_at) AS last_ordered_at,
  ${categoriesColumn} AS categories
FROM bracketing_orders WHERE ${scope}
GROUP BY customer_id`;
	return {
		sql: customers(categories),
		shownOnly: {
			rows: customers('NULL::VARCHAR[]'),
			fill: `SELECT page.* REPLACE (c.categories AS categories) FROM page LEFT JOIN (
  SELECT customer_id, ${categories} AS categories FROM bracketing_orders
  WHERE ${scope} AND customer_id IN (SELECT customer_id FROM page) GROUP BY customer_id
) c ON c.customer_id = page.customer_id`
		}
	};
}
