import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiError } from '../core/api/api-error.ts';
import type { Database } from '../core/db/db.ts';
import type { ApiEnv } from '../core/api/api-env.ts';
import { returnRates } from '../features/return-rates/return-rates-router.ts';
import { reasonClusters } from '../features/reasons/themes/themes-router.ts';
import { reasonMismatch } from '../features/reasons/mismatch/mismatch-router.ts';
import { reasons } from '../features/reasons/reasons-router.ts';
import { refunds } from '../features/costs/costs-router.ts';
import { suppliers } from '../features/suppliers/suppliers-router.ts';
import { timing } from '../features/timing/timing-router.ts';
import { summary } from '../features/summary/summary-router.ts';
import { fraud } from '../features/fraud/fraud-router.ts';
import { segments } from '../features/segments/segments-router.ts';
import { filterOptions } from '../features/filter-options/filter-options-router.ts';
import { health } from '../features/health/health-router.ts';

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
