import { Hono } from 'hono';
import { validator } from 'hono/validator';
import type { ApiError } from '../../core/api/api-error.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { respondList } from '../../core/api/list-response.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { alertDeliveriesQuery, alertDeliveryRequest } from './alerts.ts';
import { deliveriesStatement, recordDelivery } from './alerts-statements.ts';

/**
 * `GET /api/alert-deliveries?target=URL` and `POST /api/alert-deliveries` (admin): what `npm run alerts`
 * reads and records through a running server, so that no alert goes to a target twice.
 */
export const alertDeliveries = new Hono<ApiEnv>()
	.get('/', queryValidator(alertDeliveriesQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, await deliveriesStatement(q, c.var.connection), q);
	})
	.post(
		'/',
		validator('json', (value, c) => {
			const parsed = alertDeliveryRequest.safeParse(value);
			if (parsed.success) return parsed.data;
			const error = 'Send {"alert_id": "…", "target": "https://…", "status_code": 200..299}';
			return c.json({ error } satisfies ApiError, 400);
		}),
		async (c) => {
			const { alert_id: alertId, target, status_code: statusCode } = c.req.valid('json');
			const outcome = await recordDelivery(c.var.connection, { alertId, target, statusCode });
			if (outcome === 'read-only')
				return c.json({ error: 'This server opened its database read-only' } satisfies ApiError, 503);
			if (outcome === 'unknown')
				return c.json({ error: `No alert ${alertId} in the published analytics` } satisfies ApiError, 404);
			c.var.audit?.record({
				at: new Date().toISOString(),
				user: c.var.user?.name ?? 'unknown',
				role: c.var.user?.role ?? 'unknown',
				action: 'deliver',
				what: `alert ${alertId} to ${new URL(target).host} (${statusCode})`,
				format: null,
				rows: 1,
				complete: true
			});
			return c.json({ alert_id: alertId, status_code: statusCode }, 201);
		}
	);
