/**
 * `npm run report -- --out FILE.html [--from YYYY-MM-DD --to YYYY-MM-DD] [--db FILE] [--pdf]
 * [--smtp URL --mail-to ADDRESS[,ADDRESS…] [--mail-from ADDRESS]]`: writes the weekly digest
 * (digest-html.ts) of the last full ISO week of the data, or of the period given, and mails it when an
 * SMTP server is given (or RETURNS_SMTP_URL is set). Exit codes: 0 written (and sent), 1 the PDF or the
 * mail failed, 2 usage, 3 the database is missing or held by a process that is not the server.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { dbPathFromEnv } from '../../src/lib/core/db/db.ts';
import { filterShape } from '../../src/lib/core/filters/filters.ts';
import { withApiSource } from '../../src/lib/server/api-source.ts';
import { collectDigest, digestWeek } from './digest-data.ts';
import { mailDigest, renderPdf, type MailOptions } from './digest-delivery.ts';
import { renderDigest } from './digest-html.ts';

const USAGE =
	'usage: npm run report -- --out FILE.html [--from YYYY-MM-DD --to YYYY-MM-DD] [--db FILE] [--pdf]\n' +
	'       [--smtp URL --mail-to ADDRESS[,ADDRESS…] [--mail-from ADDRESS]]';

class UsageError extends Error {}

interface Options {
	out: string | null;
	from?: string;
	to?: string;
	dbPath: string;
	pdf: boolean;
	mail: MailOptions | null;
}

function date(name: 'from' | 'to', value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const parsed = filterShape[name].safeParse(value);
	if (!parsed.success) throw new UsageError(`--${name} ${value}: ${parsed.error.issues[0].message}`);
	return parsed.data;
}

function parse(env: NodeJS.ProcessEnv): Options | null {
	let values;
	try {
		({ values } = parseArgs({
			options: {
				out: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' },
				db: { type: 'string' },
				pdf: { type: 'boolean', default: false },
				smtp: { type: 'string' },
				'mail-to': { type: 'string' },
				'mail-from': { type: 'string' },
				help: { type: 'boolean', default: false }
			}
		}));
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	if (values.help) return null;
	const from = date('from', values.from);
	const to = date('to', values.to);
	if ((from === undefined) !== (to === undefined)) throw new UsageError('give --from and --to together, or neither');
	if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
	const smtp = values.smtp ?? env.RETURNS_SMTP_URL;
	const recipients = (values['mail-to'] ?? env.RETURNS_DIGEST_TO ?? '')
		.split(',')
		.map((address) => address.trim())
		.filter(Boolean);
	if (smtp && recipients.length === 0)
		throw new UsageError('mailing the digest needs --mail-to ADDRESS (or RETURNS_DIGEST_TO)');
	if (!values.out && !smtp) throw new UsageError('--out FILE.html is required (or --smtp URL to mail it)');
	if (values.pdf && !values.out) throw new UsageError('--pdf writes beside --out FILE.html: give --out');
	return {
		out: values.out ?? null,
		from,
		to,
		dbPath: values.db || dbPathFromEnv(env),
		pdf: values.pdf,
		mail: smtp
			? {
					smtp,
					to: recipients,
					from: values['mail-from'] ?? env.RETURNS_DIGEST_FROM ?? 'ReturnLens <returnlens@localhost>'
				}
			: null
	};
}

async function main(): Promise<number> {
	let options;
	try {
		options = parse(process.env);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(`${error.message}\n${USAGE}`);
		return 2;
	}
	if (!options) {
		console.log(USAGE);
		return 0;
	}
	const mail = options.mail;
	return withApiSource(options.dbPath, { write: false }, async (source) => {
		const week = await digestWeek(source, options);
		const html = renderDigest(await collectDigest(source, week));
		console.log(`Digest of ${week.from} to ${week.to}, from ${source.where}:`);
		const pdf = options.out ? await writeFiles(html, options.out, options.pdf) : undefined;
		if (pdf === null) return 1;
		if (mail) {
			try {
				await mailDigest(html, week, mail, pdf);
			} catch (error) {
				console.error(`The digest could not be mailed: ${(error as Error).message}`);
				return 1;
			}
			console.log(`  mailed to ${mail.to.join(', ')}`);
		}
		return 0;
	});
}

/** Writes the HTML and, with `pdf`, its PDF beside it: the PDF's file, undefined without one, null if it failed. */
async function writeFiles(
	html: string,
	out: string,
	pdf: boolean
): Promise<{ path: string; name: string } | undefined | null> {
	writeFileSync(out, html);
	console.log(`  written to ${out}`);
	if (!pdf) return undefined;
	const path = out.replace(/\.html?$/i, '') + '.pdf';
	try {
		await renderPdf(html, path);
	} catch (error) {
		console.error(`The PDF could not be made with Chromium: ${(error as Error).message}`);
		return null;
	}
	console.log(`  printed to ${path}`);
	return { path, name: basename(path) };
}
process.exitCode = await main();
