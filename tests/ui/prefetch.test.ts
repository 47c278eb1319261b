import { describe, expect, it } from 'vitest';
import { PREFETCH_BLOCK_ID, prefetchBlock } from '../../src/lib/ui/data/prefetch.ts';

describe('prefetchBlock', () => {
	it('lists each URL once in one JSON block that no URL can close', () => {
		const block = prefetchBlock([
			'/api/summary?category=a',
			'/api/summary?category=a',
			'/api/x?q=</script><script>alert(1)//'
		]);
		expect(block.startsWith(`<script type="application/json" id="${PREFETCH_BLOCK_ID}">`)).toBe(true);
		expect(block.match(/<script/g)).toHaveLength(1);
		expect(block.match(/<\/script>/g)).toHaveLength(1);
		expect(block.endsWith('</script>')).toBe(true);
		const data = JSON.parse(/^<script[^>]*>(.*)<\/script>$/.exec(block)![1]) as { urls: string[]; global: string };
		expect(data.urls).toEqual(['/api/summary?category=a', '/api/x?q=</script><script>alert(1)//']);
		expect(data.global).toBe('__returnlensPrefetch');
	});
});
