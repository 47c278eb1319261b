import { Hono } from 'hono';
import type { ApiError } from '../../core/api/api-error.ts';
import {
	BRACKETING_DEFINITIONS,
	FRAUD_DEFINITIONS,
	bracketingCustomersQuery,
	bracketingOrdersQuery,
	fraudCustomerQuery,
	fraudCustomersQuery
} from './fraud.ts';
import { FRAUD_CONFIG } from './fraud-config.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import {
	buildBracketingCustomersSql,
	buildBracketingOrdersSql,
	buildCustomerFlagsSql,
	buildFraudCustomersSql
} from './fraud-sql.ts';
import { buildCustomerFileSql, buildCustomerFileStoredSql, buildCustomerStageSql, type CustomerFileSection } from './customer-file-sql.ts';
import { respondList } from '../../core/api/list-response.ts';

export const fraud = new Hono<ApiEnv>()
	.get('/customers', queryValidator(fraudCustomersQuery), async (c) => {
		const q = c.req.valid('query');
		const params = new SqlParams();
		const sort = q.sort ?? 'score';
		return respondList(c.var, {
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
		}, q);
	})
	.get('/customers/:id', queryValidator(fraudCustomerQuery), async (c) => {
		const id = c.req.param('id');
		const read = async (build: (params: SqlParams) => string) => {
			const params = new SqlParams();
			return (await c.var.connection.runAndReadAll(build(params), params.values)).getRowObjectsJson();
		};
		const [{ stored }] = await read((p) => buildCustomerFileStoredSql(id, p));
		if (stored !== true) for (const { sql, params } of buildCustomerStageSql(id)) await c.var.connection.run(sql, params);
		const section = (name: CustomerFileSection) => read((p) => buildCustomerFileSql(name, id, stored === true, p));
		const [{ known, ...customer }] = await section('customer');
		if (known !== true) return c.json({ error: `No customer "${id}" in the orders or returns` } satisfies ApiError, 404);
		return c.json({
			customer,
			flags: await read((p) => buildCustomerFlagsSql(id, p)),
			orders: await section('orders'),
			returns: await section('returns'),
			inspections: await section('inspections'),
			refunds: await section('refunds'),
			meta: { definitions: FRAUD_DEFINITIONS }
		});
	})
	.get('/bracketing', queryValidator(bracketingOrdersQuery), async (c) => {
		const q = c.req.valid('query');
		const params = new SqlParams();
		const sort = q.sort ?? 'ordered_at';
		return respondList(c.var, {
			sql: buildBracketingOrdersSql(q, params),
			params: params.values,
			orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, order_id ASC, product_id ASC`,
			name: 'bracketing-orders',
			readsRows: true,
			meta: { sort, order: q.order, filters: appliedFilters(q), definitions: BRACKETING_DEFINITIONS }
		}, q);
	})
	.get('/bracketing/customers', queryValidator(bracketingCustomersQuery), async (c) => {
		const q = c.req.valid('query');
		const params = new SqlParams();
		const sort = q.sort ?? 'orders';
		return respondList(c.var, {
			...buildBracketingCustomersSql(q, params),
			params: params.values,
			orderBy: `${sort} ${q.order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, customer_id ASC`,
			name: 'bracketing-customers',
			meta: { sort, order: q.order, filters: appliedFilters(q), definitions: BRACKETING_DEFINITIONS }
		}, q);
	});
