import { Hono } from 'hono';
import { z } from 'zod';
import type { HealthReport } from '../../api/health-report.ts';
import type { ApiEnv } from './api-env.ts';
import { queryValidator } from './query-validator.ts';

const HEALTH_SQL = `
SELECT
  (SELECT count(*) FROM orders) AS orders,
  (SELECT count(*) FROM rmas) AS rmas,
  (SELECT count(*) FROM reasons) AS reasons,
  (SELECT count(*) FROM inspections) AS inspections,
  (SELECT count(*) FROM refunds) AS refunds,
  (SELECT count(*) FROM rejects) AS rejects,
  (SELECT count(*) FROM load_warnings) AS warnings,
  (SELECT max(finished_at) FROM load_history) AS last_load,
  (SELECT path FROM duckdb_databases() WHERE database_name = current_database()) AS database
`;

export const health = new Hono<ApiEnv>().get('/', queryValidator(z.strictObject({})), async (c) => {
	const [row] = (await c.var.connection.runAndReadAll(HEALTH_SQL)).getRowObjectsJS();
	const report: HealthReport = {
		tables: {
			orders: Number(row.orders),
			rmas: Number(row.rmas),
			reasons: Number(row.reasons),
			inspections: Number(row.inspections),
			refunds: Number(row.refunds)
		},
		rejects: Number(row.rejects),
		warnings: Number(row.warnings),
		// load_history holds UTC without a zone, and DuckDB hands it back as a Date on that clock.
		lastLoad: row.last_load instanceof Date ? row.last_load.toISOString() : null,
		database: String(row.database)
	};
	return c.json(report);
});
