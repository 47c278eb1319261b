import type { DuckDBConnection } from '@duckdb/node-api';
import type { z } from 'zod';
import { DEFAULT_PERIOD_DAYS, SUMMARY_DEFINITIONS, type summaryQuery } from './summary.ts';
import { SqlParams } from '../../core/db/sql-params.ts';
import { appliedFilters } from '../../core/filters/filter-sql.ts';
import { cellsExact } from '../../core/cells/rate-source-sql.ts';
import { buildPeriodSql, buildSummarySql } from './summary-sql.ts';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * `GET /api/summary`: the period asked for (or the last 90 days of orders), then the KPIs of that
 * period and of the one as long before it, as the JSON answer (no rows when the period has no orders).
 * The route and bench:api both run it.
 */
export async function readSummary(q: z.output<typeof summaryQuery>, connection: DuckDBConnection) {
	const periodParams = new SqlParams();
	const [period] = (
		await connection.runAndReadAll(buildPeriodSql(q, DEFAULT_PERIOD_DAYS, periodParams), periodParams.values)
	).getRowObjectsJson() as {
		from: string | null;
		to: string | null;
	}[];
	if (!period.from || !period.to) {
		return { rows: [], meta: { filters: appliedFilters(q), definitions: SUMMARY_DEFINITIONS, period: null } };
	}
	const fromMs = Date.parse(`${period.from}T00:00:00Z`);
	const days = Math.round((Date.parse(`${period.to}T00:00:00Z`) - fromMs) / DAY_MS) + 1;
	const previous = { from: isoDay(fromMs - days * DAY_MS), to: isoDay(fromMs - DAY_MS) };
	const params = new SqlParams();
	const sql = buildSummarySql(
		{ from: period.from, to: period.to },
		previous,
		q,
		await cellsExact(connection),
		params
	);
	const rows = (await connection.runAndReadAll(sql, params.values)).getRowObjectsJson();
	return {
		rows,
		meta: {
			filters: appliedFilters(q),
			period: { ...period, days },
			previous,
			row_count: rows.length,
			definitions: SUMMARY_DEFINITIONS
		}
	};
}
