import { redirect } from '@sveltejs/kit';
import { session } from '$lib/state/session.svelte';
import type { LayoutLoad } from './$types';

// Pure client: every byte of testimony data is fetched by the browser with the session cookie,
// so authorisation lives only in the API server and nothing sensitive is rendered server-side.
export const ssr = false;
export const prerender = false;

export const load: LayoutLoad = async ({ url }) => {
  const user = session.checked ? session.user : await session.load();
  if (!user && url.pathname !== '/login') {
    redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return {};
};
