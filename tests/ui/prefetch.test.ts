import { describe, expect, it } from 'vitest';
import { prefetchScript } from '../../src/lib/ui/data/prefetch.ts';

describe('prefetchScript', () => {
	it('lists each URL once in one inline script that no URL can close', () => {
		const script = prefetchScript([
			'/api/summary?category=a',
			'/api/summary?category=a',
			'/api/x?q=</script><script>alert(1)//'
		]);
		expect(script.match(/<script>/g)).toHaveLength(1);
		expect(script.match(/<\/script>/g)).toHaveLength(1);
		expect(script.endsWith('</script>')).toBe(true);
		const list = JSON.parse(/\.__returnlensPrefetch=\{\};(\[.*?\])\.forEach/.exec(script)![1]) as string[];
		expect(list).toEqual(['/api/summary?category=a', '/api/x?q=</script><script>alert(1)//']);
	});
});
