import type { Context } from 'hono';
import type { PageCache } from '../cache/page-cache.ts';
import type { AppEnv } from './context.ts';
import { today } from './i18n/format.ts';
import { type PageContext, type PageElement, renderDocument } from './layout.tsx';
import { pageContextOf } from './page-context.ts';
import { sendRendered } from './respond.ts';

/**
 * Answers a public page from the page cache (ADR 0009). The key holds the language, the day (pages show
 * what holds today, so they turn over at midnight UTC), the viewer and `variant`, the page's own
 * normalised inputs.
 */
export async function sendPublicPage(
  c: Context<AppEnv>,
  cache: PageCache,
  variant: string,
  render: (page: PageContext) => Promise<PageElement>,
): Promise<Response> {
  const page = pageContextOf(c);
  // The header differs for each signed-in person, so their pages are cached apart from visitors'.
  const key = `${page.locale}|${today()}|${page.viewer?.userId ?? '-'}|${page.path}|${variant}`;
  const rendered = await cache.get(key, async () => renderDocument(await render(page)));
  // A signed-in person's page can carry what only they may see: shared caches must not keep it.
  return sendRendered(c, rendered, {
    vary: 'Accept-Encoding, Accept-Language, Cookie',
    cacheControl: page.viewer ? 'private, no-cache' : 'no-cache',
  });
}

/**
 * Answers public JSON (the directory API's reads) from the same page cache: the same invalidation on
 * every data change, the same compression and ETag. `key` must hold every input of the answer.
 */
export async function sendPublicJson(
  c: Context<AppEnv>,
  cache: PageCache,
  key: string,
  load: () => Promise<unknown>,
): Promise<Response> {
  const rendered = await cache.get(`json|${key}`, async () => JSON.stringify(await load()));
  return sendRendered(c, rendered, { contentType: 'application/json', vary: 'Accept-Encoding' });
}

/**
 * Says that this request changed data that pages show. Once the response is ready, this instance drops
 * its cached pages at once (read your own writes); other instances learn of the change from the database's
 * notification, which comes a moment later (ADR 0009). Requests that change nothing pages show (signing
 * in, choosing a language) leave the cache alone.
 */
export function markDataChanged(c: Context<AppEnv>): void {
  c.set('dataChanged', true);
}
