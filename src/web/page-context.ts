import type { Context } from 'hono';
import type { AppEnv } from './context.ts';
import { defaultLocale } from './i18n/locales.ts';
import { translator } from './i18n/translate.ts';
import type { PageContext } from './layout.tsx';

/** What a page needs from the request; safe to call even when the middleware did not run (errors). */
export function pageContextOf(c: Context<AppEnv>): PageContext {
  const locale = c.get('locale') ?? defaultLocale;
  return { locale, t: c.get('t') ?? translator(locale), path: c.req.path, viewer: c.get('viewer') ?? null };
}
