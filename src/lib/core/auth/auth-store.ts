import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { roleSchema, type Role } from './roles.ts';
import { tokenHash } from './tokens.ts';

/** A user name: a login or an e-mail address, as a proxy would send it. */
export const userNameSchema = z
	.string()
	.regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}$/, 'a user name is 1–100 letters, digits or . _ @ + - (no spaces)');

const storedUserSchema = z.object({
	role: roleSchema,
	/** `scrypt$salt$hash` (passwords.ts), or null for a user who only has API tokens. */
	password: z.string().nullable(),
	/** sha256 of each API token (tokens.ts). */
	tokens: z.array(z.string()),
	/** Bumped on sign-out and password change: session cookies name the epoch they were issued in. */
	epoch: z.number().int().min(0)
});
const authFileSchema = z.object({ secret: z.string().min(32), users: z.record(z.string(), storedUserSchema) });

export type StoredUser = z.infer<typeof storedUserSchema>;

export interface AuthData {
	/** Signs the session cookies; empty until the file is first written (then nobody can sign in). */
	secret: string;
	users: Map<string, StoredUser>;
	/** Token hash → user name. */
	tokens: Map<string, string>;
}

export interface UserSummary {
	name: string;
	role: Role;
	hasPassword: boolean;
	tokens: number;
}

function parse(text: string, path: string): AuthData {
	const parsed = authFileSchema.safeParse(JSON.parse(text));
	if (!parsed.success) throw new Error(`${path} is not a ReturnLens user file: ${parsed.error.issues[0].message}`);
	const users = new Map(Object.entries(parsed.data.users));
	const tokens = new Map([...users].flatMap(([name, user]) => user.tokens.map((hash) => [hash, name] as const)));
	return { secret: parsed.data.secret, users, tokens };
}

/**
 * The users, their roles, password and token hashes, in a JSON file beside the database: the server opens
 * the database read-only, and users change while it runs. Writes replace the file whole (a temp file
 * renamed over it), so a reader never sees half of one; readers re-read it when it changed on disk.
 */
export class AuthStore {
	private cached: { key: string; data: AuthData } | undefined;

	constructor(readonly path: string) {}

	read(): AuthData {
		let key: string;
		try {
			const stat = statSync(this.path);
			// A rename gives a new inode: two writes within one mtime tick still differ.
			key = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT')
				return { secret: '', users: new Map(), tokens: new Map() };
			throw error;
		}
		if (this.cached?.key !== key) this.cached = { key, data: parse(readFileSync(this.path, 'utf8'), this.path) };
		return this.cached.data;
	}

	users(): UserSummary[] {
		return [...this.read().users].map(([name, user]) => ({
			name,
			role: user.role,
			hasPassword: user.password !== null,
			tokens: user.tokens.length
		}));
	}

	/** The user an API token belongs to. */
	userByToken(token: string): { name: string; user: StoredUser } | null {
		const data = this.read();
		const name = data.tokens.get(tokenHash(token));
		const user = name === undefined ? undefined : data.users.get(name);
		return name !== undefined && user ? { name, user } : null;
	}

	/** Creates the user or gives it this role and password; its sessions end. */
	setPassword(name: string, role: Role, passwordHash: string): void {
		this.update((users) => {
			const user = users.get(name);
			users.set(name, {
				role,
				password: passwordHash,
				tokens: user?.tokens ?? [],
				epoch: (user?.epoch ?? 0) + 1
			});
		});
	}

	/** Adds an API token (its hash) to the user, created without a password if new, with this role. */
	addToken(name: string, role: Role, hash: string): void {
		this.update((users) => {
			const user = users.get(name);
			users.set(name, {
				role,
				password: user?.password ?? null,
				tokens: [...(user?.tokens ?? []), hash],
				epoch: user?.epoch ?? 0
			});
		});
	}

	/** Removes the user, their tokens and sessions; false when there was none. */
	remove(name: string): boolean {
		return this.update((users) => users.delete(name));
	}

	/** Ends every session of the user (sign-out). */
	endSessions(name: string): void {
		this.update((users) => {
			const user = users.get(name);
			if (user) users.set(name, { ...user, epoch: user.epoch + 1 });
		});
	}

	private update<T>(change: (users: Map<string, StoredUser>) => T): T {
		const current = this.read();
		const users = new Map(current.users);
		const result = change(users);
		const file = {
			secret: current.secret || randomBytes(32).toString('base64url'),
			users: Object.fromEntries(users)
		};
		mkdirSync(dirname(this.path), { recursive: true });
		const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
		// Readable by its owner only: it holds the password hashes and the cookie secret.
		writeFileSync(temp, JSON.stringify(file, null, '\t') + '\n', { mode: 0o600 });
		renameSync(temp, this.path);
		return result;
	}
}
