import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ReasonAssignmentRow, ReasonClusterRow } from '../../src/lib/features/reasons/themes/themes.ts';
import { openRawReturns, type RawReturns } from '../support/raw-returns.ts';
import { apiClient, parseCsv, type ApiClient } from '../support/api-client.ts';

const demo = inject('demoDatabase');
let api: ApiClient;
let raw: RawReturns;
/** The pipeline database's published analytics generation, attached: where its cluster tables are. */
let clusters = '';

const quoted = (path: string) => `'${path.replaceAll("'", "''")}'`;

/**
 * Every return of the raw files that has a comment, with the cluster and language ingest gave the
 * comment: the clustering is the pipeline's, every figure built on it is recomputed here.
 */
const rawCommented = () => `
CREATE TEMP TABLE raw_commented AS
SELECT r.*, m.reason_text, t.cluster_id, t.language
FROM raw_returns r
JOIN read_csv(${quoted(join(demo.dataDir, 'rmas.csv'))}, all_varchar = true, header = true, ignore_errors = true) m
  USING (rma_id, line_id)
JOIN ${clusters}.reason_text_clusters t ON t.reason_text = m.reason_text`;

beforeAll(async () => {
	api = await apiClient(demo.dbPath);
	raw = await openRawReturns(demo.dataDir);
	await raw.query(`ATTACH ${quoted(demo.dbPath)} AS pipeline (READ_ONLY)`);
	const [state] = await raw.query<{ generation: string }>('SELECT generation FROM pipeline.main.analytics_state');
	clusters = `pipeline.${state.generation}`;
	await raw.query(rawCommented());
});
afterAll(() => {
	api.close();
	raw.close();
});

interface RawCluster {
	cluster_id: number;
	label: string;
	size: number;
	returned_units: number;
	languages: { language: string; returns: number }[];
	examples: string[];
	top_products: { product_id: string; returns: number }[];
	reason_codes: { reason_code: string; returns: number }[];
}

/** Per cluster figures over raw_commented rows matching `where`, straight from the definitions. */
function rawClustersSql(where: string): string {
	const wording = `trim(lower(regexp_replace(reason_text, '[\\s\\p{P}]+', ' ', 'g')))`;
	return `
WITH c AS (SELECT * FROM raw_commented WHERE ${where}),
counted AS (
  SELECT cluster_id, count(*)::INTEGER AS size, sum(returned_units)::INTEGER AS returned_units
  FROM c GROUP BY cluster_id
),
langs AS (
  SELECT cluster_id, list({'language': language, 'returns': n} ORDER BY n DESC, language) AS languages
  FROM (SELECT cluster_id, language, count(*)::INTEGER AS n FROM c WHERE language IS NOT NULL GROUP BY ALL)
  GROUP BY cluster_id
),
written AS (
  SELECT ${wording} AS wording, reason_text AS example FROM raw_commented GROUP BY wording, reason_text
  QUALIFY row_number() OVER (PARTITION BY wording ORDER BY count(*) DESC, reason_text) = 1
),
wordings AS (
  SELECT cluster_id, wording, count(*) AS total, any_value(w.example) AS example
  FROM (SELECT cluster_id, ${wording} AS wording FROM c) JOIN written w USING (wording) GROUP BY ALL
),
examples AS (
  SELECT cluster_id, list(example ORDER BY total DESC, wording)[1:3] AS examples
  FROM wordings GROUP BY cluster_id
),
products AS (
  SELECT cluster_id, list({'product_id': product_id, 'returns': n} ORDER BY n DESC, product_id)[1:5] AS top_products
  FROM (SELECT cluster_id, product_id, count(*)::INTEGER AS n FROM c GROUP BY ALL) GROUP BY cluster_id
),
codes AS (
  SELECT cluster_id, list({'reason_code': code, 'returns': n} ORDER BY n DESC, code) AS reason_codes
  FROM (SELECT cluster_id, coalesce(reason_code, '(none)') AS code, count(*)::INTEGER AS n FROM c GROUP BY ALL)
  GROUP BY cluster_id
)
SELECT counted.*, k.label, coalesce(langs.languages, []) AS languages, examples.examples, products.top_products,
  codes.reason_codes
FROM counted JOIN ${clusters}.reason_clusters k USING (cluster_id)
LEFT JOIN langs USING (cluster_id) JOIN examples USING (cluster_id) JOIN products USING (cluster_id)
JOIN codes USING (cluster_id)
ORDER BY cluster_id`;
}

function expectClustersMatch(rows: ReasonClusterRow[], expected: RawCluster[]): void {
	expect(rows.map((r) => r.cluster_id).sort((a, b) => a - b)).toEqual(expected.map((e) => e.cluster_id));
	const total = expected.reduce((n, e) => n + e.size, 0);
	for (const e of expected) {
		const row = rows.find((r) => r.cluster_id === e.cluster_id)!;
		expect({
			label: row.label,
			size: row.size,
			returned_units: row.returned_units,
			languages: row.languages,
			examples: row.examples,
			top_products: row.top_products.map(({ product_id, returns }) => ({ product_id, returns })),
			reason_codes: row.reason_codes
		}).toEqual({
			label: e.label,
			size: e.size,
			returned_units: e.returned_units,
			languages: e.languages,
			examples: e.examples,
			top_products: e.top_products,
			reason_codes: e.reason_codes
		});
		expect(row.share).toBeCloseTo(e.size / total, 12);
	}
}

describe('GET /api/reasons/clusters', () => {
	it('answers the unfiltered view from the themes stored at ingest, as computed live', async () => {
		const stored = await api.json<ReasonClusterRow>('/api/reasons/clusters?limit=100');
		// A period before any order leaves the scope whole but makes the answer compute live.
		const live = await api.json<ReasonClusterRow>('/api/reasons/clusters?limit=100&from=1990-01-01');
		expect(stored.body.rows.length).toBeGreaterThan(3);
		expect(stored.body.rows).toEqual(live.body.rows);
		expect(stored.body.meta.totals).toEqual(live.body.meta.totals);
	});

	it('matches a recomputation from the raw files, per cluster', async () => {
		const { status, body } = await api.json<ReasonClusterRow>('/api/reasons/clusters?limit=100');
		expect(status).toBe(200);
		const expected = await raw.query<RawCluster>(rawClustersSql('TRUE'));
		expect(expected.length).toBeGreaterThanOrEqual(6);
		expectClustersMatch(body.rows, expected);
		const [{ returns }] = await raw.query<{ returns: number }>(
			`SELECT count(*)::INTEGER AS returns FROM raw_returns`
		);
		expect(body.meta.totals).toEqual({
			returns,
			commented_returns: expected.reduce((n, e) => n + e.size, 0),
			clusters: expected.length
		});
		expect(body.rows.map((r) => r.size)).toEqual([...body.rows.map((r) => r.size)].sort((a, b) => b - a));
	});

	it('applies the common filters, the period to the order date', async () => {
		const url = '/api/reasons/clusters?from=2026-01-01&to=2026-03-31&country=DE&country=AT';
		const { body } = await api.json<ReasonClusterRow>(`${url}&limit=100`);
		const scope = `ordered_at >= DATE '2026-01-01' AND ordered_at < DATE '2026-04-01' AND country IN ('DE', 'AT')`;
		const expected = await raw.query<RawCluster>(rawClustersSql(scope));
		expectClustersMatch(body.rows, expected);
		const [{ returns }] = await raw.query<{ returns: number }>(
			`SELECT count(*)::INTEGER AS returns FROM raw_returns WHERE ${scope}`
		);
		const totals = {
			returns,
			commented_returns: expected.reduce((n, e) => n + e.size, 0),
			clusters: expected.length
		};
		expect(body.meta.totals).toEqual(totals);
		const page = await api.json<ReasonClusterRow>(`${url}&limit=2`);
		expect(page.body.rows.length).toBe(2);
		expect(page.body.meta.totals, 'totals count every theme, not only the page').toEqual(totals);
		expect(body.meta.filters).toEqual({ from: '2026-01-01', to: '2026-03-31', country: ['DE', 'AT'] });
		for (const row of body.rows) expect(row.languages.map((l) => l.language)).toContain('de');
	});

	it('shows where reason codes lie: each theme gathers returns whatever code was clicked', async () => {
		const { body } = await api.json<ReasonClusterRow>('/api/reasons/clusters?limit=100');
		const themed = body.rows.filter((r) => r.cluster_id !== 0);
		for (const row of themed) {
			const [top, ...rest] = row.reason_codes;
			expect(top!.returns / row.size).toBeGreaterThan(0.5);
			expect(rest.reduce((n, c) => n + c.returns, 0)).toBeGreaterThan(0);
		}
		const codesOnTop = new Set(themed.map((r) => r.reason_codes[0]!.reason_code));
		expect(codesOnTop.size).toBeGreaterThanOrEqual(8);
	});

	it('sorts on request and exports the same rows as CSV, lists as JSON text', async () => {
		const { body } = await api.json<ReasonClusterRow>('/api/reasons/clusters?sort=cluster_id&order=asc&limit=100');
		expect(body.rows.map((r) => r.cluster_id)).toEqual(
			[...body.rows.map((r) => r.cluster_id)].sort((a, b) => a - b)
		);
		const csv = await api.csv('/api/reasons/clusters?sort=cluster_id&order=asc&format=csv');
		expect(csv.type).toContain('text/csv');
		const [header, ...lines] = parseCsv(csv.text);
		expect(header).toEqual([
			'cluster_id',
			'label',
			'top_terms',
			'size',
			'returned_units',
			'share',
			'languages',
			'examples',
			'top_products',
			'reason_codes'
		]);
		expect(lines.map((l) => Number(l[0]))).toEqual(body.rows.map((r) => r.cluster_id));
		expect(lines.map((l) => JSON.parse(l[7]!))).toEqual(body.rows.map((r) => r.examples));
	});

	it('rejects unknown parameters and sort columns', async () => {
		expect((await api.json('/api/reasons/clusters?cluster=1')).status).toBe(400);
		expect((await api.json('/api/reasons/clusters?sort=reason_text')).status).toBe(400);
	});
});

describe('GET /api/reasons/assignments', () => {
	it('lists the returns of the chosen clusters and product, every one of them in the CSV export', async () => {
		const [{ product_id, cluster_id }] = await raw.query<{ product_id: string; cluster_id: number }>(
			`SELECT product_id, cluster_id FROM raw_commented WHERE cluster_id > 0
			 GROUP BY ALL ORDER BY count(*) DESC, product_id LIMIT 1`
		);
		const other = cluster_id === 1 ? 2 : 1;
		const expected = await raw.query<{
			rma_id: string;
			line_id: string;
			cluster_id: number;
			reason_code: string | null;
			reason_text: string;
		}>(
			`SELECT rma_id, line_id, cluster_id, reason_code, reason_text FROM raw_commented
			 WHERE product_id = $product AND cluster_id IN ($a, $b) ORDER BY rma_id, line_id`,
			{ product: product_id, a: cluster_id, b: other }
		);
		expect(expected.length).toBeGreaterThan(10);
		const url = `/api/reasons/assignments?product=${product_id}&cluster=${cluster_id}&cluster=${other}`;
		const { body } = await api.json<ReasonAssignmentRow>(`${url}&limit=5`);
		expect(body.meta).toMatchObject({
			total_rows: expected.length,
			row_count: 5,
			filters: { product: [product_id], cluster: [cluster_id, other] }
		});

		const csv = await api.csv(`${url}&format=csv&sort=rma_id&order=asc`);
		const [header, ...lines] = parseCsv(csv.text);
		const at = (name: string) => header!.indexOf(name);
		expect(header).toEqual([
			'rma_id',
			'line_id',
			'created_at',
			'ordered_at',
			'product_id',
			'cluster_id',
			'cluster_label',
			'language',
			'reason_code',
			'reason_text'
		]);
		expect(
			lines.map((l) => ({
				rma_id: l[at('rma_id')],
				line_id: l[at('line_id')],
				cluster_id: Number(l[at('cluster_id')]),
				reason_code: l[at('reason_code')] || null,
				reason_text: l[at('reason_text')]
			}))
		).toEqual(expected);
		expect(new Set(lines.map((l) => l[at('product_id')]))).toEqual(new Set([product_id]));
	});

	it('pages and sorts', async () => {
		const all = await api.json<ReasonAssignmentRow>(
			'/api/reasons/assignments?cluster=3&sort=rma_id&order=asc&limit=40'
		);
		const page = await api.json<ReasonAssignmentRow>(
			'/api/reasons/assignments?cluster=3&sort=rma_id&order=asc&limit=10&offset=20'
		);
		expect(page.body.rows).toEqual(all.body.rows.slice(20, 30));
		const labels = await raw.query<{ label: string }>(
			`SELECT label FROM ${clusters}.reason_clusters WHERE cluster_id = 3`
		);
		for (const row of all.body.rows) expect(row).toMatchObject({ cluster_id: 3, cluster_label: labels[0]!.label });
		const newest = await api.json<ReasonAssignmentRow>('/api/reasons/assignments?limit=20');
		const created = newest.body.rows.map((r) => r.created_at);
		expect(created).toEqual([...created].sort().reverse());
	});

	it('rejects a cluster that is not a number', async () => {
		const { status, body } = await api.json('/api/reasons/assignments?cluster=small');
		expect(status).toBe(400);
		expect(body.error).toMatch(/cluster/);
	});
});
