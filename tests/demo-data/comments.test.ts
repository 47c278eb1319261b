import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../pipelines/demo-data/catalogue.ts';
import { FRAGMENTS } from '../../pipelines/demo-data/comment-fragments.ts';
import { THEMES } from '../../pipelines/demo-data/reasons.ts';
import { generateInTemp, openDuck, type DemoSet, type Duck, type Row } from './helpers.ts';

const LANGUAGES = ['de', 'en', 'nl', 'fr'];

function words(text: string): string[] {
	return text
		.toLowerCase()
		.split(/[^\p{L}]+/u)
		.filter((w) => w.length > 1);
}

/** Leave-half-out nearest-centroid accuracy of word counts: can the words tell the themes apart? */
function themeAccuracy(rows: Row[]): number {
	const train = rows.filter((_, i) => i % 2 === 0);
	const test = rows.filter((_, i) => i % 2 === 1);
	const centroids = new Map<string, Map<string, number>>();
	for (const r of train) {
		const c = centroids.get(String(r.theme)) ?? new Map<string, number>();
		for (const w of new Set(words(String(r.reason_text)))) c.set(w, (c.get(w) ?? 0) + 1);
		centroids.set(String(r.theme), c);
	}
	const norms = new Map(
		[...centroids].map(([t, c]) => [t, Math.sqrt([...c.values()].reduce((a, v) => a + v * v, 0))])
	);
	let right = 0;
	for (const r of test) {
		let best = '';
		let bestScore = -1;
		for (const [theme, c] of centroids) {
			const score =
				[...new Set(words(String(r.reason_text)))].reduce((a, w) => a + (c.get(w) ?? 0), 0) /
				(norms.get(theme) ?? 1);
			if (score > bestScore) [best, bestScore] = [theme, score];
		}
		if (best === r.theme) right++;
	}
	return right / test.length;
}

describe('return comments', () => {
	let set: DemoSet;
	let duck: Duck;

	beforeAll(async () => {
		set = await generateInTemp();
		duck = await openDuck(set.dir);
	}, 120_000);
	afterAll(async () => {
		duck?.close();
		await set?.remove();
	});

	it('about three quarters of RMA lines have a comment, and every comment has a theme label', async () => {
		const { texted, total, labelled, unlabelled } = await duck.numbers<
			'texted' | 'total' | 'labelled' | 'unlabelled'
		>(`
			select count(*) filter (where coalesce(reason_text, '') <> '') as texted, count(*) as total,
			       (select count(*) from comment_labels) as labelled,
			       count(*) filter (where coalesce(reason_text, '') <> '' and not exists (
			           select 1 from comment_labels l where l.rma_id = r.rma_id and l.line_id = r.line_id))
			         as unlabelled
			from raw_rmas r where r.rma_id is not null and r.line_id is not null`);
		expect(texted / total).toBeGreaterThan(0.65);
		expect(texted / total).toBeLessThan(0.85);
		expect(labelled).toBe(texted);
		expect(unlabelled).toBe(0);
		const [codedWithoutText] = await duck.column(
			`select count(*) from rmas where coalesce(reason_text, '') = '' and coalesce(reason_code, '') <> ''`
		);
		expect(Number(codedWithoutText)).toBeGreaterThan(0);
	});

	it('are written in German, English, Dutch and French, with every theme in every language', async () => {
		const rows = await duck.all('select language, theme, count(*)::int as n from comment_labels group by all');
		for (const language of LANGUAGES) {
			for (const theme of THEMES) {
				const n = Number(rows.find((r) => r.language === language && r.theme === theme)?.n ?? 0);
				expect(n, `${language}/${theme}`).toBeGreaterThan(0);
			}
		}
		expect(new Set(rows.map((r) => String(r.language)))).toEqual(new Set(LANGUAGES));
	});

	it('are varied and messy: many distinct texts, some with line breaks, commas and quotes', async () => {
		const { distinct, total, breaks, commas, quotes } = await duck.numbers<
			'distinct' | 'total' | 'breaks' | 'commas' | 'quotes'
		>(`
			select count(distinct reason_text) as distinct, count(reason_text) as total,
			       count(*) filter (where reason_text like '%' || chr(10) || '%') as breaks,
			       count(*) filter (where reason_text like '%,%') as commas,
			       count(*) filter (where reason_text like '%"%') as quotes
			from rmas where coalesce(reason_text, '') <> ''`);
		expect(distinct / total).toBeGreaterThan(0.5);
		expect(breaks).toBeGreaterThan(0);
		expect(commas).toBeGreaterThan(total * 0.1);
		expect(quotes).toBeGreaterThan(0);
	});

	it('sometimes carry a reason code that contradicts what the comment says', async () => {
		const [share] = await duck.column(`
			select count(*) filter (where g.reason_group <> case l.theme
			           when 'too_small' then 'fit' when 'too_large' then 'fit' when 'transit_damage' then 'damage'
			           else l.theme end)
			       / count(*)
			from comment_labels l join rmas r using (rma_id, line_id) join reasons g on g.reason_code = r.reason_code
			where r.reason_code <> 'OTHER'`);
		expect(Number(share)).toBeGreaterThan(0.05);
		expect(Number(share)).toBeLessThan(0.15);
	});

	it('say their theme in words a simple classifier can pick up, in every language', async () => {
		for (const language of LANGUAGES) {
			const rows = await duck.all(`
				select l.theme, r.reason_text from comment_labels l join rmas r using (rma_id, line_id)
				where l.language = '${language}' order by r.rma_id, r.line_id`);
			expect(themeAccuracy(rows), language).toBeGreaterThan(0.8);
		}
	});
});

describe('the independent phrase bank', () => {
	const LANGUAGE_KEYS = ['de', 'en', 'nl', 'fr'] as const;

	it('says every theme in every language, in phrases of its own, with nouns for every category', () => {
		const standard = new Set(LANGUAGE_KEYS.flatMap((l) => THEMES.flatMap((t) => FRAGMENTS.standard[l].themes[t])));
		for (const language of LANGUAGE_KEYS) {
			const bank = FRAGMENTS.independent[language];
			for (const theme of THEMES) {
				const phrases = bank.themes[theme];
				expect(phrases.length, `${language}/${theme}`).toBeGreaterThanOrEqual(10);
				expect(phrases.filter((p) => !p.includes('{size}')).length, `${language}/${theme}`).toBeGreaterThan(5);
				expect(
					phrases.filter((p) => standard.has(p)),
					`${language}/${theme}`
				).toEqual([]);
			}
			for (const category of CATEGORIES) expect(bank.items[category].length, category).toBeGreaterThan(0);
		}
	});

	it('is written when asked for, and every comment still has its theme and language', async () => {
		const set = await generateInTemp(3000, 11, 'independent');
		const duck = await openDuck(set.dir);
		try {
			const { texts, labelled, fromBank } = await duck.numbers<'texts' | 'labelled' | 'fromBank'>(`
				select count(*) filter (where coalesce(reason_text, '') <> '') as texts,
				       (select count(*) from comment_labels) as labelled,
				       count(*) filter (where reason_text ilike '%fällt mindestens eine Nummer kleiner aus%'
				                          or reason_text ilike '%runs at least a size small%'
				                          or reason_text ilike '%valt echt klein%'
				                          or reason_text ilike '%ne marche plus au bout de deux jours%') as "fromBank"
				from raw_rmas`);
			expect(texts).toBeGreaterThan(100);
			expect(labelled).toBe(texts);
			expect(fromBank).toBeGreaterThan(0);
		} finally {
			duck.close();
			await set.remove();
		}
	}, 60_000);
});
