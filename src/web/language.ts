import { Hono, type MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import { languageDetector } from 'hono/language';
import { publicRoute } from '../policy/route-policy.ts';
import type { AppEnv } from './context.ts';
import { defaultLocale, isLocale, locales } from './i18n/locales.ts';
import { translator } from './i18n/translate.ts';

export const languageCookie = 'lang';

/**
 * The reader's language: their remembered choice (a cookie set by the switcher), else the best match in
 * Accept-Language, else English (ADR 0006).
 */
export function detectLocale(): MiddlewareHandler<AppEnv> {
  const detect = languageDetector({
    supportedLanguages: [...locales],
    fallbackLanguage: defaultLocale,
    order: ['cookie', 'header'],
    lookupCookie: languageCookie,
    caches: false,
    ignoreCase: true,
  });
  return async (c, next) =>
    detect(c, async () => {
      const language = c.get('language');
      const locale = isLocale(language) ? language : defaultLocale;
      c.set('locale', locale);
      c.set('t', translator(locale));
      await next();
    });
}

/** Only paths on this site: an absolute or protocol-relative URL would make the switcher an open redirect. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return '/';
  }
  return value;
}

/** The language switcher's form target: remembers the choice for a year and returns to the page. */
export function languageRoutes(secureCookies: boolean) {
  return new Hono<AppEnv>().post('/language', publicRoute(), async (c) => {
    const form = await c.req.parseBody();
    if (isLocale(form.lang)) {
      setCookie(c, languageCookie, form.lang, {
        path: '/',
        maxAge: 60 * 60 * 24 * 365,
        sameSite: 'Lax',
        httpOnly: true,
        secure: secureCookies,
      });
    }
    return c.redirect(safeReturnPath(form.next), 303);
  });
}
