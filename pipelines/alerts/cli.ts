/**
 * `npm run alerts -- --webhook URL [--db FILE] [--attempts N] [--backoff-ms MS]`: posts each alert the
 * webhook has not taken before (webhook.ts). Exit codes: 0 every alert sent (or none new), 1 the webhook
 * kept failing (what was sent stays sent), 2 usage, 3 the database is missing or held by a process that
 * is not the server.
 */
import { parseArgs } from 'node:util';
import { dbPathFromEnv } from '../../src/lib/core/db/db.ts';
import { withApiSource } from '../../src/lib/server/api-source.ts';
import { deliverAlerts, type WebhookOptions } from './webhook.ts';

const USAGE = 'usage: npm run alerts -- --webhook URL [--db FILE] [--attempts N] [--backoff-ms MS]';

class UsageError extends Error {}

function whole(name: string, value: string, min: number): number {
	if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} is a whole number ≥ ${min}`);
	return Number(value);
}

function parse(): (Omit<WebhookOptions, 'log'> & { dbPath: string }) | null {
	let values;
	try {
		({ values } = parseArgs({
			options: {
				webhook: { type: 'string' },
				db: { type: 'string' },
				attempts: { type: 'string', default: '5' },
				'backoff-ms': { type: 'string', default: '1000' },
				help: { type: 'boolean', default: false }
			}
		}));
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	if (values.help) return null;
	if (!values.webhook) throw new UsageError('--webhook URL is required');
	if (!URL.canParse(values.webhook) || !/^https?:$/.test(new URL(values.webhook).protocol))
		throw new UsageError(`--webhook is an http(s) URL, not "${values.webhook}"`);
	return {
		target: values.webhook,
		dbPath: values.db || dbPathFromEnv(),
		attempts: whole('attempts', values.attempts, 1),
		backoffMs: whole('backoff-ms', values['backoff-ms'], 0)
	};
}

async function main(): Promise<number> {
	let options;
	try {
		options = parse();
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(`${error.message}\n${USAGE}`);
		return 2;
	}
	if (!options) {
		console.log(USAGE);
		return 0;
	}
	const { dbPath, ...webhook } = options;
	return withApiSource(dbPath, { write: true }, async (source) => {
		const outcome = await deliverAlerts(source, { ...webhook, log: (line) => console.error(line) });
		if (outcome.failure) {
			console.error(outcome.failure);
			return 1;
		}
		console.log(
			`${outcome.sent.length} new alert(s) sent to ${new URL(webhook.target).host}` +
				` (${outcome.before} sent before; alerts from ${source.where}).`
		);
		return 0;
	});
}

process.exitCode = await main();
