/**
 * `npm run forget -- [--db FILE] CUSTOMER_ID`: erases a customer's personal data from the database
 * (forget-customer.ts). Like `npm run ingest` it writes the database, so the server must be stopped.
 * Exit codes: 0 erased, 1 no such customer (nothing changed), 2 usage, 3 the database is missing,
 * locked or the erasure failed.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { AuditLog, auditFilePath } from '../../src/lib/core/audit/audit-log.ts';
import { dbPathFromEnv } from '../../src/lib/core/db/db.ts';
import type { ForgetResult } from './forget-customer.ts';

const USAGE = 'usage: npm run forget -- [--db FILE] CUSTOMER_ID';

class UsageError extends Error {}

function parse(): { dbPath: string; customerId: string } | null {
	let parsed;
	try {
		parsed = parseArgs({
			allowPositionals: true,
			options: { db: { type: 'string' }, help: { type: 'boolean', default: false } }
		});
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	const { values, positionals } = parsed;
	if (values.help) return null;
	if (positionals.length === 0) throw new UsageError('no CUSTOMER_ID given');
	if (positionals.length > 1) throw new UsageError(`one CUSTOMER_ID at a time, not ${positionals.length}`);
	const customerId = positionals[0];
	if (customerId.trim() === '') throw new UsageError('CUSTOMER_ID is empty');
	if (values.db !== undefined && values.db.trim() === '') throw new UsageError('--db is empty');
	return { dbPath: values.db ?? dbPathFromEnv(), customerId };
}

function formatResult(result: ForgetResult, dbPath: string): string {
	const tables = Object.entries(result.rowsChanged);
	const width = Math.max(...tables.map(([table]) => table.length));
	const counts = tables.map(
		([table, n]) =>
			`  ${table.padEnd(width)}  ${n.toLocaleString('en-US').padStart(7)} row${n === 1 ? '' : 's'} changed`
	);
	const seconds = Object.values(result.refreshMs ?? {}).reduce((sum, ms) => sum + ms, 0) / 1000;
	return [
		`Forgot customer sha256 ${result.customerSha256.slice(0, 12)}… in ${dbPath}` +
			(result.values
				? ` (${result.values} personal value${result.values === 1 ? '' : 's'} erased):`
				: ' (no personal values left: forgotten before):'),
		...counts,
		...(result.shortValues
			? [`  ${result.shortValues} value(s) too short to search for in text: only emptied in orders`]
			: []),
		`Database rewritten without them, analytics tables rebuilt (${seconds.toFixed(1)} s); ` +
			'recorded in forget_log and the audit log.',
		'The source files you loaded still hold the customer: delete or correct them before loading them again.'
	].join('\n');
}

async function main(): Promise<number> {
	const args = parse();
	if (args === null) {
		console.log(USAGE);
		return 0;
	}
	const { dbPath, customerId } = args;
	if (!existsSync(dbPath)) {
		console.error(`error: there is no database at ${dbPath}.`);
		return 3;
	}
	// Loaded only now: a usage error answers at once, without DuckDB and the analytics registry.
	const { DatabaseInUseError, forgetCustomer } = await import('./forget-customer.ts');
	let result: ForgetResult;
	try {
		result = await forgetCustomer(dbPath, customerId);
	} catch (error) {
		if (!(error instanceof DatabaseInUseError)) throw error;
		const sentence = 'is in use by another process (the server, or a load); stop it and run npm run forget again.';
		console.error(`error: ${dbPath} ${sentence}`);
		return 3;
	}
	if (!result.found) {
		console.log(`No customer with that id was found in ${dbPath}; nothing was changed or recorded.`);
		return 1;
	}
	new AuditLog(auditFilePath(dbPath)).record({
		at: new Date().toISOString(),
		user: `${userInfo().username} (npm run forget)`,
		role: 'admin',
		action: 'forget',
		what: `forget customer sha256 ${result.customerSha256}`,
		format: null,
		rows: Object.values(result.rowsChanged).reduce((sum, n) => sum + n, 0),
		complete: true
	});
	console.log(formatResult(result, dbPath));
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		if (error instanceof UsageError) {
			console.error(`${error.message}\n${USAGE}`);
			process.exit(2);
		}
		console.error(`error: ${error.message}`);
		process.exit(3);
	}
);
