import { parseArgs } from 'node:util';
import { AuthStore } from '../../src/lib/core/auth/auth-store.ts';
import { authFilePath } from '../../src/lib/core/auth/auth-config.ts';
import { dbPathFromEnv } from '../../src/lib/core/db/db.ts';
import { commandSchema, runUsersCommand, USAGE } from './users.ts';

/** `npm run users`: exit 0 when done, 1 when the user to remove does not exist, 2 on a usage error. */
async function main(): Promise<number> {
	const { values, positionals } = usage(() =>
		parseArgs({
			allowPositionals: true,
			options: { db: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', default: false } }
		})
	);
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const [command, name, ...extra] = positionals;
	if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
	// Only what was given: `list bob` or `remove bob --role x` is a mistake to point out, not to ignore.
	const given = Object.entries({ command, name, role: values.role }).filter(([, value]) => value !== undefined);
	const parsed = commandSchema.safeParse(Object.fromEntries(given));
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
		const message = issue.code === 'unrecognized_keys' ? 'not taken by this command' : issue.message;
		throw new UsageError(where ? `${where}: ${message}` : message);
	}
	const store = new AuthStore(authFilePath(values.db ?? dbPathFromEnv()));
	const { ok, lines } = await runUsersCommand(store, parsed.data);
	(ok ? console.log : console.error)(lines.join('\n'));
	return ok ? 0 : 1;
}

class UsageError extends Error {}

/** node:util's parseArgs throws a TypeError for an unknown option: a usage error like the others. */
function usage<T>(parse: () => T): T {
	try {
		return parse();
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(`error: ${error.message}${error instanceof UsageError ? `\n${USAGE}` : ''}`);
		process.exit(error instanceof UsageError ? 2 : 1);
	}
);
