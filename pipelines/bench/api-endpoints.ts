import type { DuckDBConnection } from '@duckdb/node-api';
import type { z } from 'zod';
import { listAnswer, listStatement, type ListPaging, type ListSpec } from '../../src/lib/core/api/list-response.ts';
import { filterOptionsQuery } from '../../src/lib/core/filters/filter-options.ts';
import { readFilterOptions } from '../../src/lib/features/filter-options/filter-options-statements.ts';
import { summaryQuery } from '../../src/lib/features/summary/summary.ts';
import { readSummary } from '../../src/lib/features/summary/summary-statements.ts';
import { returnRateTrendQuery, returnRatesQuery } from '../../src/lib/features/return-rates/return-rates.ts';
import {
	returnRateTrendStatement,
	returnRatesStatement
} from '../../src/lib/features/return-rates/return-rates-statements.ts';
import { refundBreakdownQuery } from '../../src/lib/features/costs/costs.ts';
import { refundBreakdownStatement } from '../../src/lib/features/costs/costs-statements.ts';
import { timingQuery } from '../../src/lib/features/timing/timing.ts';
import { timingStatement } from '../../src/lib/features/timing/timing-statements.ts';
import { suppliersQuery } from '../../src/lib/features/suppliers/suppliers.ts';
import { suppliersStatement } from '../../src/lib/features/suppliers/suppliers-statements.ts';
import { backlogQuery, recoveryQuery } from '../../src/lib/features/recovery/recovery.ts';
import { backlogStatement, recoveryStatement } from '../../src/lib/features/recovery/recovery-statements.ts';
import { reasonsQuery } from '../../src/lib/features/reasons/reasons.ts';
import { reasonsStatement } from '../../src/lib/features/reasons/reasons-statements.ts';
import { reasonMismatchQuery } from '../../src/lib/features/reasons/mismatch/mismatch.ts';
import { reasonMismatchStatement } from '../../src/lib/features/reasons/mismatch/mismatch-statements.ts';
import { reasonAssignmentsQuery, reasonClustersQuery } from '../../src/lib/features/reasons/themes/themes.ts';
import {
	reasonAssignmentsStatement,
	reasonClustersStatement
} from '../../src/lib/features/reasons/themes/themes-statements.ts';
import {
	bracketingCustomersQuery,
	bracketingOrdersQuery,
	fraudCustomerQuery,
	fraudCustomersQuery
} from '../../src/lib/features/fraud/fraud.ts';
import {
	bracketingCustomersStatement,
	bracketingOrdersStatement,
	fraudCustomersStatement,
	readCustomerFile
} from '../../src/lib/features/fraud/fraud-statements.ts';
import { alertsQuery } from '../../src/lib/features/alerts/alerts.ts';
import { alertsStatement } from '../../src/lib/features/alerts/alerts-statements.ts';
import { segmentCustomersQuery, segmentsQuery } from '../../src/lib/features/segments/segments.ts';
import { segmentCustomersStatement, segmentsStatement } from '../../src/lib/features/segments/segments-statements.ts';

export interface BenchEndpoint {
	name: string;
	url: string;
	/**
	 * Runs directly on DuckDB every statement the route runs for this URL, built by the route's own
	 * functions from the URL's query as the route parses it. Resolves to a function that gives the
	 * route's JSON answer from what the statements read, to call after the timing (a test holds it
	 * against the route's answer).
	 */
	direct(connection: DuckDBConnection): Promise<() => unknown>;
}

/**
 * A URL's query string as the routes' validator hands it over (a repeated parameter as a list), parsed
 * by the route's schema.
 */
function parseQuery<Schema extends z.ZodType>(schema: Schema, url: string): z.output<Schema> {
	const search = new URL(url, 'http://bench').searchParams;
	const value = Object.fromEntries(
		[...new Set(search.keys())].map((key) => {
			const all = search.getAll(key);
			return [key, all.length === 1 ? all[0] : all];
		})
	);
	return schema.parse(value);
}

type Run<Schema extends z.ZodType> = (
	query: z.output<Schema>,
	connection: DuckDBConnection
) => Promise<(() => unknown) | null>;

/** An endpoint by its URL, whose query the route's schema parses once, and what runs it directly (null for a 404). */
function endpoint<Schema extends z.ZodType>(
	name: string,
	url: string,
	schema: Schema,
	run: Run<Schema>
): BenchEndpoint {
	const query = parseQuery(schema, url);
	return {
		name,
		url,
		async direct(connection) {
			const answer = await run(query, connection);
			if (!answer) throw new Error(`${url}: the route answers 404`);
			return answer;
		}
	};
}

/**
 * An endpoint answered by respondList: the feature's list for the parsed query (after whatever it
 * reads first), then the statement respondList runs for that list and paging.
 */
function list<Schema extends z.ZodType<ListPaging>>(
	name: string,
	url: string,
	schema: Schema,
	spec: (query: z.output<Schema>, connection: DuckDBConnection) => ListSpec | null | Promise<ListSpec | null>
): BenchEndpoint {
	return endpoint(name, url, schema, async (query, connection) => {
		const listed = await spec(query, connection);
		if (!listed) return null;
		const { sql, params } = listStatement(listed, query);
		const reader = await connection.runAndReadAll(sql, params);
		return () => listAnswer(listed, query, reader.getRowObjectsJson());
	});
}

/** An endpoint whose feature function runs its statements and reads the whole answer (null for a 404). */
function read<Schema extends z.ZodType>(
	name: string,
	url: string,
	schema: Schema,
	answer: (query: z.output<Schema>, connection: DuckDBConnection) => Promise<unknown>
): BenchEndpoint {
	return endpoint(name, url, schema, async (query, connection) => {
		const answered = await answer(query, connection);
		return answered === null ? null : () => answered;
	});
}

/**
 * The customers whose files are timed: the one with the highest fraud score (a stored file) and an
 * ordinary one with returns (a file gathered on request).
 */
export async function benchCustomers(connection: DuckDBConnection): Promise<{ flagged: string; ordinary: string }> {
	const pick = async (sql: string) => String((await connection.runAndReadAll(sql)).getRows()[0][0]);
	return {
		flagged: await pick('SELECT customer_id FROM fraud_customers ORDER BY score DESC, customer_id LIMIT 1'),
		ordinary: await pick(
			'SELECT customer_id FROM return_lines WHERE customer_id NOT IN (SELECT customer_id FROM fraud_customers) ' +
				'ORDER BY hash(customer_id) LIMIT 1'
		)
	};
}

const SEGMENT = 'exchangers';

/** Every endpoint timed, each by its URL and the feature's function for it. */
export const apiBenchEndpoints = (customers: { flagged: string; ordinary: string }): BenchEndpoint[] => [
	read('summary (last 90 days)', '/api/summary?from=2026-08-03&to=2026-10-31', summaryQuery, readSummary),
	list('return-rates by product', '/api/return-rates?by=product', returnRatesQuery, returnRatesStatement),
	list(
		'return-rates by sku, one category',
		'/api/return-rates?by=sku&category=shoes',
		returnRatesQuery,
		returnRatesStatement
	),
	list('return-rates by category', '/api/return-rates?by=category', returnRatesQuery, returnRatesStatement),
	list(
		'return-rates trend by month',
		'/api/return-rates/trend?interval=month',
		returnRateTrendQuery,
		returnRateTrendStatement
	),
	list(
		'refunds breakdown by category',
		'/api/refunds/breakdown?by=category',
		refundBreakdownQuery,
		refundBreakdownStatement
	),
	list('timing, no filter (stored quantiles)', '/api/timing', timingQuery, timingStatement),
	list('timing, one category (live)', '/api/timing?category=shoes', timingQuery, timingStatement),
	list('suppliers', '/api/suppliers', suppliersQuery, suppliersStatement),
	list('recovery by disposition (stored)', '/api/recovery?by=disposition', recoveryQuery, recoveryStatement),
	list(
		'recovery by month, one category',
		'/api/recovery?by=month&category=electronics',
		recoveryQuery,
		recoveryStatement
	),
	list(
		'recovery by category, last 90 days',
		'/api/recovery?by=category&from=2026-08-03&to=2026-10-31',
		recoveryQuery,
		recoveryStatement
	),
	list(
		'recovery by product, last 90 days',
		'/api/recovery?by=product&from=2026-08-03&to=2026-10-31',
		recoveryQuery,
		recoveryStatement
	),
	list(
		'recovery by supplier, one channel',
		'/api/recovery?by=supplier&channel=web',
		recoveryQuery,
		recoveryStatement
	),
	list('recovery backlog', '/api/recovery/backlog', backlogQuery, backlogStatement),
	list('reasons by reason group', '/api/reasons?by=reason_group', reasonsQuery, reasonsStatement),
	list(
		'reasons mismatch by product',
		'/api/reasons/mismatch?by=product',
		reasonMismatchQuery,
		reasonMismatchStatement
	),
	list('fraud customers', '/api/fraud/customers', fraudCustomersQuery, fraudCustomersStatement),
	list('segments', '/api/segments', segmentsQuery, segmentsStatement),
	list('alerts, every status', '/api/alerts?status=all', alertsQuery, alertsStatement),
	list(
		'segment customers (JSON page)',
		`/api/segments/${SEGMENT}/customers?format=json`,
		segmentCustomersQuery,
		(q, c) => segmentCustomersStatement(SEGMENT, q, c)
	),
	list('reason clusters (stored)', '/api/reasons/clusters', reasonClustersQuery, reasonClustersStatement),
	list(
		'reason clusters, one category',
		'/api/reasons/clusters?category=shoes',
		reasonClustersQuery,
		reasonClustersStatement
	),
	list('reason assignments', '/api/reasons/assignments', reasonAssignmentsQuery, reasonAssignmentsStatement),
	read(
		'fraud customer detail',
		`/api/fraud/customers/${encodeURIComponent(customers.flagged)}`,
		fraudCustomerQuery,
		(_, c) => readCustomerFile(customers.flagged, c)
	),
	read(
		'customer detail, not under review',
		`/api/fraud/customers/${encodeURIComponent(customers.ordinary)}`,
		fraudCustomerQuery,
		(_, c) => readCustomerFile(customers.ordinary, c)
	),
	list('bracketing orders', '/api/fraud/bracketing', bracketingOrdersQuery, bracketingOrdersStatement),
	list(
		'bracketing customers',
		'/api/fraud/bracketing/customers',
		bracketingCustomersQuery,
		bracketingCustomersStatement
	),
	read(
		'filter options',
		'/api/filter-options?dimension=category&dimension=supplier&dimension=channel&dimension=country',
		filterOptionsQuery,
		readFilterOptions
	)
];
