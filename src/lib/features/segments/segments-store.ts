import { boundStatement } from '../../core/db/sql-params.ts';
import type { StoredStep } from '../../core/store/stored-table.ts';
import {
	FIT_CATEGORIES_DELTA,
	FIT_CATEGORIES_SQL,
	SEGMENT_CUSTOMERS_DELTA,
	SEGMENT_CUSTOMERS_FULL,
	buildSegmentCatalogueSql
} from './segments-store-sql.ts';

/**
 * The marketing segments and their customers, so the API only filters them by country. Built after the fraud
 * flags (flagged customers are left out) from fraud's customer_facts; an incremental refresh builds the
 * rows of the customers whose segments may have changed again.
 */
export const SEGMENTS_STORED: StoredStep[] = [
	{
		stage: 'segments',
		statements: [{ sql: FIT_CATEGORIES_SQL }, boundStatement(buildSegmentCatalogueSql), ...SEGMENT_CUSTOMERS_FULL],
		delta: [
			...FIT_CATEGORIES_DELTA.map((sql) => ({ sql })),
			boundStatement(buildSegmentCatalogueSql),
			...SEGMENT_CUSTOMERS_DELTA.map(boundStatement)
		],
		tables: [
			{
				name: 'segment_fit_categories',
				grain: 'a category with fit returns',
				columns: ['category', 'returns'],
				answers: 'the fit-issue segments of segment_catalogue'
			},
			{
				name: 'segment_catalogue',
				grain: 'a segment with its definition and size',
				columns: ['id', 'name', 'kind', 'definition'],
				answers: '/api/segments'
			},
			{
				name: 'segment_customers',
				grain: 'a customer in a segment',
				columns: ['segment_id', 'customer_id', 'email', 'country', 'last_return', 'categories', 'reason_theme'],
				answers: '/api/segments/:id/customers'
			}
		]
	}
];
