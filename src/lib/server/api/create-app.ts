import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiError } from '../../api/api-error.ts';
import type { Database } from '../db.ts';
import type { ApiEnv } from './api-env.ts';
import { returnRates } from './analytics/return-rates.ts';
import { reasonClusters } from './analytics/reason-clusters.ts';
import { reasonMismatch } from './analytics/reasons-mismatch.ts';
import { reasons } from './analytics/reasons.ts';
import { refunds } from './analytics/refunds.ts';
import { suppliers } from './analytics/suppliers.ts';
import { timing } from './analytics/timing.ts';
import { summary } from './analytics/summary.ts';
import { fraud } from './analytics/fraud.ts';
import { segments } from './analytics/segments.ts';
import { filterOptions } from './analytics/filter-options.ts';
import { health } from './health.ts';

export function createApp(db: Database) {
	return new Hono<ApiEnv>()
		.basePath('/api')
		.use(async (c, next) => {
			// A connection per request: DuckDB connections are cheap, and one shared between
			// concurrent requests would interleave their statements.
			const connection = await db.connect();
			c.set('connection', connection);
			c.set('db', db);
			try {
				await next();
			} finally {
				connection.closeSync();
			}
		})
		.route('/health', health)
		.route('/filter-options', filterOptions)
		.route('/summary', summary)
		.route('/return-rates', returnRates)
		.route('/refunds', refunds)
		.route('/timing', timing)
		.route('/suppliers', suppliers)
		.route('/reasons', reasons)
		.route('/reasons', reasonMismatch)
		.route('/reasons', reasonClusters)
		.route('/fraud', fraud)
		.route('/segments', segments)
		.notFound((c) => c.json({ error: `No API route for ${c.req.method} ${c.req.path}` } satisfies ApiError, 404))
		.onError((error, c) => {
			if (error instanceof HTTPException) {
				return c.json({ error: error.message } satisfies ApiError, error.status);
			}
			console.error(`API ${c.req.method} ${c.req.path} failed:`, error);
			return c.json({ error: 'Internal server error: the server log has the details' } satisfies ApiError, 500);
		});
}

export type ApiApp = ReturnType<typeof createApp>;
