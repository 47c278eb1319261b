/**
 * `npm start`'s server: rebuilds the analytics tables of the database when another version built
 * them (or a refresh was cut off), then serves the built dashboard and API on one port. The demo data
 * set a first start loads comes before this, from `npm run demo -- --if-missing`. Without any user, it
 * creates `admin` with a random password.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authFilePath } from '../lib/core/auth/auth-config.ts';
import { AuthStore } from '../lib/core/auth/auth-store.ts';
import { createFirstUser, FIRST_USER } from '../lib/core/auth/first-user.ts';
import { dbPathFromEnv } from '../lib/core/db/db.ts';
import { refreshIfStale } from '../../pipelines/ingest/ingest.ts';
import { formatSummary } from '../../pipelines/ingest/summary.ts';

const dbPath = dbPathFromEnv();
if (existsSync(dbPath)) {
	const refreshed = await refreshIfStale(dbPath);
	if (refreshed)
		console.log(
			`Rebuilt the analytics tables of ${dbPath}: some were missing or out of date.\n${formatSummary(refreshed)}`
		);
}

// Nobody can sign in to a server without users: the first start makes one and says its password once.
const authFile = authFilePath(dbPath);
const password = await createFirstUser(new AuthStore(authFile));
if (password !== null) {
	console.log(
		[
			`First start: created the user "${FIRST_USER}" (role admin) in ${authFile}.`,
			`Its password, shown only now: ${password}`,
			`Sign in with it; to choose another, run: npm run users -- add ${FIRST_USER} --role admin`
		].join('\n')
	);
}

// adapter-node's entry listens on PORT (default 3000) and HOST, logs its URL and shuts down cleanly
// on SIGINT/SIGTERM. It is imported by URL because it only exists after `vite build`. HOST defaults to
// this machine alone: serving a network is a choice (HOST=0.0.0.0), with TLS in front.
process.env.HOST ??= '127.0.0.1';
const entry = new URL('../../build/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
	throw new Error(`No build at ${fileURLToPath(entry)}: run "npm run build" first (npm start does).`);
}
await import(entry.href);
