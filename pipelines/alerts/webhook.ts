import type { ListAnswer } from '../../src/lib/core/api/list-response.ts';
import { MAX_LIMIT } from '../../src/lib/core/filters/filters.ts';
import type { AlertRow } from '../../src/lib/features/alerts/alerts.ts';
import type { ApiSource } from '../../src/lib/server/api-source.ts';

export interface WebhookOptions {
	/** The URL each alert is posted to. */
	target: string;
	/** Tries per alert before the run gives up (the first try included). */
	attempts: number;
	/** The wait before the second try; each further wait doubles it. */
	backoffMs: number;
	/** Told of each try that failed and each alert sent. */
	log?: (line: string) => void;
}

export interface WebhookOutcome {
	sent: string[];
	/** Alerts this target took on an earlier run. */
	before: number;
	/** Set when an alert kept failing: what happened, in a sentence; the run stopped there. */
	failure: string | null;
}

/** Every row of a list endpoint, page by page. */
async function allRows<T>(source: ApiSource, path: string): Promise<T[]> {
	const rows: T[] = [];
	for (let offset = 0; ; offset += MAX_LIMIT) {
		const page = await source.json<ListAnswer>(`${path}&limit=${MAX_LIMIT}&offset=${offset}`);
		rows.push(...(page.rows as unknown as T[]));
		if (rows.length >= Number(page.meta.total_rows) || page.rows.length === 0) return rows;
	}
}

/** One POST; its status, or why there was none. */
async function postOnce(target: string, alert: AlertRow): Promise<{ ok: boolean; said: string; status: number }> {
	try {
		const response = await fetch(target, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'user-agent': 'ReturnLens alerts',
				// The receiver can tell a retry of a POST whose answer got lost from a new alert.
				'idempotency-key': alert.alert_id
			},
			body: JSON.stringify(alert),
			signal: AbortSignal.timeout(30_000)
		});
		await response.body?.cancel();
		return { ok: response.ok, said: `${response.status} ${response.statusText}`.trim(), status: response.status };
	} catch (error) {
		const cause = (error as Error & { cause?: Error }).cause;
		return { ok: false, said: cause?.message ?? (error as Error).message, status: 0 };
	}
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Posts each alert the target has not taken before (dismissed ones aside: a person judged them noise),
 * oldest first, one POST per alert, retried with exponential back-off; an alert counts as sent, through
 * the API (`POST /api/alert-deliveries`), only once the target answered 2xx. An alert that keeps failing
 * stops the run: the target is down, and the rest would fail alike. Running again sends what is left.
 */
export async function deliverAlerts(source: ApiSource, options: WebhookOptions): Promise<WebhookOutcome> {
	const target = encodeURIComponent(options.target);
	const delivered = new Set(
		(await allRows<{ alert_id: string }>(source, `/api/alert-deliveries?target=${target}`)).map((d) => d.alert_id)
	);
	const alerts = await allRows<AlertRow>(source, '/api/alerts?status=all&sort=detected_on&order=asc');
	const pending = alerts.filter((a) => a.status !== 'dismissed' && !delivered.has(a.alert_id));
	const sent: string[] = [];
	for (const alert of pending) {
		let last = { ok: false, said: '', status: 0 };
		for (let attempt = 1; attempt <= options.attempts; attempt++) {
			if (attempt > 1) await wait(options.backoffMs * 2 ** (attempt - 2));
			last = await postOnce(options.target, alert);
			if (last.ok) break;
			options.log?.(`alert ${alert.alert_id}: try ${attempt} of ${options.attempts} failed (${last.said})`);
		}
		if (!last.ok) {
			const left = pending.length - sent.length;
			return {
				sent,
				before: delivered.size,
				failure:
					`The webhook kept failing: ${options.attempts} tries for alert ${alert.alert_id}, ` +
					`the last answered "${last.said}". ${sent.length} alert(s) were sent; ` +
					`the other ${left} will be sent on the next run.`
			};
		}
		const response = await source.request('/api/alert-deliveries', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ alert_id: alert.alert_id, target: options.target, status_code: last.status })
		});
		if (!response.ok) {
			throw new Error(
				`alert ${alert.alert_id} was posted, but recording it failed ` +
					`(${response.status}: ${await response.text()}); the next run posts it again`
			);
		}
		sent.push(alert.alert_id);
		options.log?.(`alert ${alert.alert_id}: sent (${last.said})`);
	}
	return { sent, before: delivered.size, failure: null };
}
