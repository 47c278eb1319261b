// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Identity } from '$lib/core/auth/identify';

declare global {
	namespace App {
		interface Locals {
			/** Who is asking (hooks.server.ts); null on the sign-in page before signing in. */
			user: Identity | null;
		}
	}
}

export {};
