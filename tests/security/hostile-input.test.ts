import { describe, expect, it } from 'vitest';
import { useDemoApi } from '../support/demo-api.ts';

/**
 * Extreme but well-formed parameters on every endpoint: each answers 200 or a 400 that says what is
 * wrong, never a 500 (a DuckDB conversion error, an overflow). A wrong method answers 405.
 */
const { api } = useDemoApi();

const ENDPOINTS = [
	'/api/summary',
	'/api/return-rates?by=product',
	'/api/return-rates/trend',
	'/api/reasons',
	'/api/reasons/clusters',
	'/api/reasons/assignments',
	'/api/reasons/mismatch',
	'/api/costs/breakdown',
	'/api/refunds/breakdown',
	'/api/timing',
	'/api/suppliers',
	'/api/fraud/customers',
	'/api/fraud/bracketing',
	'/api/fraud/bracketing/customers',
	'/api/segments',
	'/api/filter-options'
];

const EXTREMES: Record<string, string[]> = {
	from: ['9999-12-31', '0000-01-01', '0001-01-01', '1899-12-31'],
	to: ['9999-12-31', '0000-01-01', '0001-01-01'],
	limit: ['0', '-1', '99999999999999999999', '1e308'],
	offset: ['-1', '99999999999999999999', '9007199254740993', '1e308'],
	category: ['x'.repeat(5000), "'; DROP TABLE orders; --", '\u0000', '𝕏🙂'],
	minUnits: ['99999999999999999999', '2147483648'],
	minScore: ['101', '-1'],
	slaDays: ['0', '100000'],
	returnWindowDays: ['99999'],
	sort: ['ci_low; DROP TABLE orders'],
	format: ['xml']
};

describe('extreme parameters', () => {
	const cases = ENDPOINTS.flatMap((endpoint) =>
		Object.entries(EXTREMES).flatMap(([name, values]) =>
			values.map(
				(value) => `${endpoint}${endpoint.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`
			)
		)
	);

	it.each(cases)('%s answers 200 or 400, never 500', async (url) => {
		const { status, body } = await api.json(url);
		expect([200, 400]).toContain(status);
		if (status === 400) expect(body.error).toMatch(/\w+: /);
	});
});

describe('methods', () => {
	it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s on a GET route answers 405 with Allow', async (method) => {
		const response = await api.request('/api/return-rates?by=product', { method });
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('GET, HEAD');
		expect((await response.json()).error).toMatch(/GET/);
	});

	it('an unknown path answers 404, whatever the method', async () => {
		expect((await api.request('/api/nothing', { method: 'POST' })).status).toBe(404);
		expect((await api.request('/api/fraud/customers/x/y')).status).toBe(404);
	});
});

describe('headers', () => {
	it.each(['/api/summary', '/api/nothing', '/api/return-rates?by=nothing'])(
		'%s carries the security headers',
		async (url) => {
			const { headers } = await api.request(url);
			expect(headers.get('x-content-type-options')).toBe('nosniff');
			expect(headers.get('referrer-policy')).toBe('same-origin');
			expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		}
	);
});
