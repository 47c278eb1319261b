import { describe, expect, it } from 'vitest';
import { handleRenamed as handle, renamedPage } from '../../src/hooks.server.ts';

const at = (path: string) => new URL(path, 'http://localhost');

describe('renamed pages', () => {
	it('sends the old addresses to the pages named after their feature, with the query string', () => {
		expect(renamedPage(at('/products'))).toBe('/return-rates');
		expect(renamedPage(at('/products?category=shoes&category=home&by=sku'))).toBe(
			'/return-rates?category=shoes&category=home&by=sku'
		);
		expect(renamedPage(at('/products/P%2F1?country=DE'))).toBe('/return-rates/P%2F1?country=DE');
		expect(renamedPage(at('/operations?from=2026-01-01'))).toBe('/timing?from=2026-01-01');
	});

	it('leaves every other address alone', () => {
		for (const path of [
			'/',
			'/return-rates',
			'/timing',
			'/productsx',
			'/api/return-rates?by=product',
			'/fraud/products'
		]) {
			expect(renamedPage(at(path)), path).toBeNull();
		}
	});

	it('answers an old address with a permanent redirect and resolves the rest', async () => {
		const resolve = async () => new Response('page');
		const event = (path: string) => ({ url: at(path) }) as Parameters<typeof handle>[0]['event'];
		const moved = await handle({ event: event('/operations?country=DE'), resolve });
		expect(moved.status).toBe(308);
		expect(moved.headers.get('location')).toBe('/timing?country=DE');
		expect(await (await handle({ event: event('/timing'), resolve })).text()).toBe('page');
	});
});
