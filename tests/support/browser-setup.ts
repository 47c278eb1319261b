import { assertChromium, buildApp } from './browser-harness.ts';

/** Once per run: fail at once without a browser, and build what the browser tests serve. */
export default async function setup(): Promise<void> {
	assertChromium();
	await buildApp();
}
