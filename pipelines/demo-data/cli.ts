/**
 * npm run demo-data -- [--lines N] [--seed S] [--out DIR] [--phrases standard|independent] [--profile NAME]
 *   [--waves]
 * Writes the demo data set and says what it wrote.
 */
import { stat } from 'node:fs/promises';
import { basename, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { PHRASE_BANKS, type PhraseBank } from './comment-fragments.ts';
import { generateDemoData } from './generate.ts';
import { DEMO_PROFILE_NAMES, type DemoProfileName } from './profiles.ts';

function wholeNumber(name: string, value: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
	return n;
}

function profileName(value: string): DemoProfileName {
	const name = DEMO_PROFILE_NAMES.find((n) => n === value);
	if (!name) throw new Error(`--profile must be one of ${DEMO_PROFILE_NAMES.join(', ')}, got "${value}"`);
	return name;
}

function phraseBank(value: string): PhraseBank {
	const bank = PHRASE_BANKS.find((b) => b === value);
	if (!bank) throw new Error(`--phrases must be one of ${PHRASE_BANKS.join(', ')}, got "${value}"`);
	return bank;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			lines: { type: 'string', default: '100000' },
			seed: { type: 'string', default: '42' },
			out: { type: 'string', default: 'data/demo' },
			phrases: { type: 'string', default: 'standard' },
			profile: { type: 'string', default: 'default' },
			waves: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h' }
		}
	});
	if (values.help) {
		console.log(
			'usage: npm run demo-data -- [--lines N] [--seed S] [--out DIR] [--phrases standard|independent] ' +
				`[--profile ${DEMO_PROFILE_NAMES.join('|')}] [--waves]`
		);
		return;
	}
	const lines = wholeNumber('lines', values.lines);
	const seed = wholeNumber('seed', values.seed);
	const phrases = phraseBank(values.phrases);
	const profile = profileName(values.profile);
	const started = performance.now();
	const tty = process.stderr.isTTY;
	// Logs (no terminal) get a line per million; a terminal gets one line kept up to date.
	let loggedMillions = 0;
	const { files, truth } = await generateDemoData({
		lines,
		seed,
		outDir: values.out,
		phrases,
		profile,
		waves: values.waves,
		onProgress: (done) => {
			const pct = ((100 * done) / lines).toFixed(0).padStart(3);
			const secs = ((performance.now() - started) / 1000).toFixed(1);
			const msg =
				`demo-data: ${pct}% ${done.toLocaleString('en')} of ` + `${lines.toLocaleString('en')} lines, ${secs}s`;
			if (tty) process.stderr.write(`\r${msg}`);
			else if (done === lines || Math.floor(done / 1_000_000) > loggedMillions) {
				loggedMillions = Math.floor(done / 1_000_000);
				process.stderr.write(`${msg}\n`);
			}
		}
	});
	if (tty) process.stderr.write('\n');
	const elapsed = (performance.now() - started) / 1000;
	console.log(
		`demo-data: profile ${profile}, seed ${seed}, ${lines.toLocaleString('en')} order lines, ${elapsed.toFixed(1)}s`
	);
	for (const file of files) {
		const rows = truth.counts[basename(file)];
		const size = (await stat(file)).size;
		const mb = (size / 1e6).toFixed(1).padStart(8);
		const rowCount = rows === undefined ? ''.padStart(12) : `${rows.toLocaleString('en')} rows`.padStart(12);
		console.log(`  ${relative(process.cwd(), file).padEnd(36)} ${rowCount} ${mb} MB`);
	}
	const fraud = Object.values(truth.fraud).reduce((n, ids) => n + ids.length, 0);
	console.log(
		`  planted: defect spike ${truth.defectSpike.product_id} ` +
			`(${truth.defectSpike.from}..${truth.defectSpike.to}), small SKU ${truth.smallSku.sku}, ` +
			`${truth.waves.map((w) => `${w.kind} wave ${w.key} (${w.from}..${w.to}), `).join('')}` +
			`${fraud} fraud customers, ${truth.bracketing.length} bracketing customers, ` +
			`${truth.badRows.length} bad rows, ${truth.invalidOptional.length} invalid optional fields`
	);
}

main().catch((err: unknown) => {
	console.error(`demo-data: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
});
