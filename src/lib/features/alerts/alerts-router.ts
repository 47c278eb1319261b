import { Hono, type Context } from 'hono';
import { validator } from 'hono/validator';
import type { ApiError } from '../../core/api/api-error.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { respondList } from '../../core/api/list-response.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import { alertCountQuery, alertStatusRequest, alertsQuery, type AlertStatus } from './alerts.ts';
import { alertsStatement, openAlertCount, setAlertStatus } from './alerts-statements.ts';

const JSON_BODY = /^application\/json\b/i;

/**
 * The note of an acknowledgement or a dismissal. JSON only: a form posted from another site could not
 * send it without the browser asking first, whatever becomes of the cookie's SameSite.
 */
const noteValidator = validator('json', (value, c) => {
	const parsed = alertStatusRequest.safeParse(value);
	if (JSON_BODY.test(c.req.header('content-type') ?? '') && parsed.success) return parsed.data;
	const error = 'Send JSON: {"note": "…"} (at most 2,000 characters; {} for no note)';
	return c.json({ error } satisfies ApiError, 400);
});

/** Sets the status of the alert the path names: the alert as it now reads, 404 for an unknown id. */
async function changeStatus(c: Context<ApiEnv>, status: Exclude<AlertStatus, 'open'>, note: string) {
	const alertId = c.req.param('id')!;
	const by = c.var.user?.name ?? 'unknown';
	const outcome = await setAlertStatus(c.var.connection, { alertId, status, note, by });
	if (outcome === 'read-only')
		return c.json(
			{ error: 'This server opened its database read-only: it records nothing' } satisfies ApiError,
			503
		);
	if (outcome === 'unknown')
		return c.json({ error: `No alert ${alertId} in the published analytics` } satisfies ApiError, 404);
	c.var.audit?.record({
		at: new Date().toISOString(),
		user: by,
		role: c.var.user?.role ?? 'unknown',
		action: status === 'acknowledged' ? 'acknowledge' : 'dismiss',
		what: `${c.req.method} ${c.req.path}${note ? `: ${note}` : ''}`,
		format: null,
		rows: 1,
		complete: true
	});
	return c.json(outcome);
}

/**
 * `GET /api/alerts` (the stored alerts with what people said of them), `GET /api/alerts/count` (the open
 * ones, for the navigation's badge) and `POST /api/alerts/:id/acknowledge` and `/dismiss`.
 */
export const alerts = new Hono<ApiEnv>()
	.get('/', queryValidator(alertsQuery), async (c) => {
		const q = c.req.valid('query');
		return respondList(c.var, await alertsStatement(q, c.var.connection), q);
	})
	.get('/count', queryValidator(alertCountQuery), async (c) => c.json(await openAlertCount(c.var.connection)))
	.post('/:id/acknowledge', noteValidator, (c) => changeStatus(c, 'acknowledged', c.req.valid('json').note))
	.post('/:id/dismiss', noteValidator, (c) => changeStatus(c, 'dismissed', c.req.valid('json').note));
