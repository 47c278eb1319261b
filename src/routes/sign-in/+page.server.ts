import { fail, redirect } from '@sveltejs/kit';
import { cameOverHttps, SESSION_COOKIE, SESSION_SECONDS } from '$lib/core/auth/session-cookie';
import { signIn } from '$lib/core/auth/sign-in';
import { localPath, signInFormSchema } from '$lib/core/auth/sign-in-form';
import { serverAuth } from '$lib/server/server-instance';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = localPath(url.searchParams.get('next'));
	// Signed in already (a session, a token or the proxy): nothing to do here.
	if (locals.user) redirect(303, next);
	return { next };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const fields = Object.fromEntries(
			[...(await request.formData())].map(([key, value]) => [key, typeof value === 'string' ? value : ''])
		);
		const name = fields.name ?? '';
		const parsed = signInFormSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { name, message: `Cannot sign in: ${parsed.error.issues[0].message}.` });
		const result = await signIn(serverAuth.store, serverAuth.guard, parsed.data.name, parsed.data.password);
		if (!result.ok) return fail(result.status, { name, message: result.message });
		cookies.set(SESSION_COOKIE, result.cookie, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: cameOverHttps(request, url, serverAuth.urlSchemeKnown),
			maxAge: SESSION_SECONDS
		});
		redirect(303, localPath(parsed.data.next));
	}
};
