import { boundStatement } from '../../core/db/sql-params.ts';
import type { StoredStep } from '../../core/store/stored-table.ts';
import { buildSegmentCatalogueSql, buildSegmentCustomersSql } from './segments-store-sql.ts';

/**
 * The marketing segments and their customers, so the API only filters them by country. Built after the fraud
 * flags: flagged customers are left out.
 */
export const SEGMENTS_STORED: StoredStep[] = [
	{
		stage: 'segments',
		statements: [boundStatement(buildSegmentCatalogueSql), boundStatement(buildSegmentCustomersSql)],
		tables: [
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
