import type { DuckDBConnection } from '@duckdb/node-api';
import type { z } from 'zod';
import {
	BRACKETING_DEFINITIONS,
	FRAUD_DEFINITIONS,
	type FraudCustomerDetail,
	type bracketingCustomersQuery,
	type bracketingOrdersQuery,
	type fraudCustomersQuery
} from './fraud.ts';
import { FRAUD_CONFIG } from './fraud-config.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import type { ListSpec } from '../../core/api/list-response.ts';
import {
	buildBracketingCustomersSql,
	buildBracketingOrdersSql,
	buildCustomerFlagsSql,
	buildFraudCustomersSql
} from './fraud-sql.ts';
import {
	buildCustomerFileSql,
	buildCustomerFileStoredSql,
	buildCustomerStageSql,
	type CustomerFileSection
} from './customer-file-sql.ts';

/** `GET /api/fraud/customers`: the flagged customers as a list. The route and bench:api both run it. */
export function fraudCustomersStatement(q: z.output<typeof fraudCustomersQuery>): ListSpec {
	const params = new SqlParams();
	const sort = q.sort ?? 'score';
	return {
		sql: buildFraudCustomersSql(q, q.flag, q.minScore, params),
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, customer_id ASC`,
		name: 'fraud-customers',
		meta: {
			sort,
			order: q.order,
			flag: q.flag ?? [],
			minScore: q.minScore,
			filters: appliedFilters(q),
			thresholds: FRAUD_CONFIG,
			definitions: FRAUD_DEFINITIONS
		}
	};
}

/**
 * `GET /api/fraud/customers/:id`: one customer's file, read from the files stored at ingest or, for a
 * customer not flagged, from the rows staged on this connection first; null when the customer is in
 * no order or return. The route and bench:api both run it.
 */
export async function readCustomerFile(id: string, connection: DuckDBConnection): Promise<FraudCustomerDetail | null> {
	const read = async (build: (params: SqlParams) => string) => {
		const params = new SqlParams();
		return (await connection.runAndReadAll(build(params), params.values)).getRowObjectsJson();
	};
	const [{ stored }] = await read((p) => buildCustomerFileStoredSql(id, p));
	if (stored !== true) for (const { sql, params } of buildCustomerStageSql(id)) await connection.run(sql, params);
	const section = (name: CustomerFileSection) => read((p) => buildCustomerFileSql(name, id, stored === true, p));
	const [{ known, ...customer }] = await section('customer');
	if (known !== true) return null;
	return {
		customer: customer as unknown as FraudCustomerDetail['customer'],
		flags: (await read((p) => buildCustomerFlagsSql(id, p))) as unknown as FraudCustomerDetail['flags'],
		orders: await section('orders'),
		returns: await section('returns'),
		inspections: await section('inspections'),
		refunds: await section('refunds'),
		meta: { definitions: FRAUD_DEFINITIONS }
	};
}

/**
 * `GET /api/fraud/bracketing`: the bracketed order groups (one product in one order) as a list. The
 * route and bench:api both run it.
 */
export function bracketingOrdersStatement(q: z.output<typeof bracketingOrdersQuery>): ListSpec {
	const params = new SqlParams();
	const sort = q.sort ?? 'ordered_at';
	return {
		sql: buildBracketingOrdersSql(q, params),
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, order_id ASC, product_id ASC`,
		name: 'bracketing-orders',
		readsRows: true,
		meta: { sort, order: q.order, filters: appliedFilters(q), definitions: BRACKETING_DEFINITIONS }
	};
}

/** `GET /api/fraud/bracketing/customers`: bracketing per customer as a list. The route and bench:api both run it. */
export function bracketingCustomersStatement(q: z.output<typeof bracketingCustomersQuery>): ListSpec {
	const params = new SqlParams();
	const sort = q.sort ?? 'orders';
	return {
		...buildBracketingCustomersSql(q, params),
		params: params.values,
		orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, customer_id ASC`,
		name: 'bracketing-customers',
		meta: { sort, order: q.order, filters: appliedFilters(q), definitions: BRACKETING_DEFINITIONS }
	};
}
