import { z } from 'zod';
import { userNameSchema, type AuthStore } from '../../src/lib/core/auth/auth-store.ts';
import { generatePassword, hashPassword } from '../../src/lib/core/auth/passwords.ts';
import { roleSchema } from '../../src/lib/core/auth/roles.ts';
import { newToken, tokenHash } from '../../src/lib/core/auth/tokens.ts';

export const USAGE = `usage: npm run users -- [--db FILE] COMMAND
  add NAME --role ROLE     add a user, or give it this role and a new password; prints the password
  list                     the users, their roles and how many API tokens each has
  remove NAME              remove a user with their tokens; their sessions end
  token NAME --role ROLE   a new API token for the user (created if needed, given this role);
                           the token is the last line of the output`;

/** One command line, after node:util's parseArgs; anything else is a usage error. */
export const commandSchema = z.discriminatedUnion(
	'command',
	[
		z.strictObject({ command: z.literal('add'), name: userNameSchema, role: roleSchema }),
		z.strictObject({ command: z.literal('list') }),
		z.strictObject({ command: z.literal('remove'), name: userNameSchema }),
		z.strictObject({ command: z.literal('token'), name: userNameSchema, role: roleSchema })
	],
	{ error: 'the command is one of add, list, remove, token' }
);
export type UsersCommand = z.infer<typeof commandSchema>;

/** Runs a command against the user file; returns the lines to print, and whether it did what was asked. */
export async function runUsersCommand(
	store: AuthStore,
	command: UsersCommand
): Promise<{ ok: boolean; lines: string[] }> {
	switch (command.command) {
		case 'add': {
			const existed = store.read().users.has(command.name);
			const password = generatePassword();
			store.setPassword(command.name, command.role, await hashPassword(password));
			const what = existed
				? `${command.name} is now ${command.role}, with a new password`
				: `Added ${command.name} (${command.role})`;
			return { ok: true, lines: [`${what}. Their password, shown this once:`, password] };
		}
		case 'list': {
			const users = store.users();
			if (users.length === 0) return { ok: true, lines: [`No users in ${store.path}.`] };
			const width = Math.max(4, ...users.map((u) => u.name.length));
			return {
				ok: true,
				lines: [
					`${'name'.padEnd(width)}  role       password  tokens`,
					...users.map((u) =>
						[
							u.name.padEnd(width),
							u.role.padEnd(9),
							(u.hasPassword ? 'yes' : 'no').padEnd(8),
							u.tokens
						].join('  ')
					)
				]
			};
		}
		case 'remove':
			return store.remove(command.name)
				? { ok: true, lines: [`Removed ${command.name}, their tokens and sessions.`] }
				: { ok: false, lines: [`No user ${command.name} in ${store.path}.`] };
		case 'token': {
			const token = newToken();
			store.addToken(command.name, command.role, tokenHash(token));
			return {
				ok: true,
				lines: [
					`A new API token for ${command.name} (${command.role}), shown this once.`,
					'Send it as "Authorization: Bearer <token>". The token:',
					token
				]
			};
		}
	}
}
