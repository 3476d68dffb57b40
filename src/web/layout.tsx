import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Viewer } from '../accounts/viewer.ts';
import { mayInvite } from '../invitations/rules.ts';
import { assetPaths } from './assets.ts';
import { type Locale, localeNames, locales, textDirection } from './i18n/locales.ts';
import type { Translate } from './i18n/translate.ts';

export interface PageContext {
  locale: Locale;
  t: Translate;
  /** Path of the page, so the navigation marks it and the language switcher returns to it. */
  path: string;
  viewer: Viewer | null;
}

const navigation = [
  { href: '/', label: 'nav.home' },
  { href: '/members', label: 'nav.members' },
  { href: '/working-groups', label: 'nav.workingGroups' },
  { href: '/documents', label: 'nav.documents' },
  { href: '/meetings', label: 'nav.meetings' },
  { href: '/work-plans', label: 'workplans.nav' },
  { href: '/countries', label: 'countries.nav' },
  { href: '/annex-ii', label: 'nav.annex' },
  { href: '/timeline', label: 'nav.timeline' },
] as const;

/** The frame of every page: works without JavaScript, keyboard first, landmarks named (ADR 0007). */
export function Layout(props: { page: PageContext; title: string; children: Child }) {
  const { locale, t, path } = props.page;
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('site.shortName')}`}</title>
        <link rel="stylesheet" href={assetPaths.css} />
        <link rel="icon" href={assetPaths.icon} type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skipLink')}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href="/">
              {t('site.name')}
            </a>
            <AccountLinks page={props.page} />
            <form class="language-switcher" method="post" action="/language" aria-labelledby="language-label">
              <span id="language-label">{t('layout.languageLabel')}</span>
              <input type="hidden" name="next" value={path} />
              {locales.map((code) => (
                <button
                  type="submit"
                  name="lang"
                  value={code}
                  lang={code}
                  dir={textDirection(code)}
                  aria-pressed={code === locale ? 'true' : 'false'}
                >
                  {localeNames[code]}
                </button>
              ))}
            </form>
          </div>
          <nav class="site-nav" aria-label={t('layout.navLabel')}>
            <ul class="wrap">
              {navigation.map((item) => (
                <li>
                  <a href={item.href} aria-current={isCurrent(item.href, path) ? 'page' : undefined}>
                    {t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <div class="demo-notice">
          <p class="wrap">{t('layout.demoNotice')}</p>
        </div>
        <main id="main" tabindex={-1}>
          <div class="wrap">{props.children}</div>
        </main>
        <footer class="site-footer">
          <div class="wrap">{t('layout.footer')}</div>
        </footer>
      </body>
    </html>
  );
}

/** "Sign in" for a visitor; the account link and a sign-out button (a POST form) for a signed-in user. */
function AccountLinks(props: { page: PageContext }) {
  const { t, viewer, path } = props.page;
  return (
    <nav class="account-nav" aria-label={t('nav.accountLabel')}>
      {viewer ? (
        <>
          {viewer.actor.kind === 'secretariat' ? <a href="/admin/audit">{t('nav.audit')}</a> : null}
          {viewer.actor.kind === 'secretariat' ? <a href="/admin/sso">{t('nav.sso')}</a> : null}
          {viewer.actor.kind === 'secretariat' ? (
            <a href="/admin/document-types">{t('nav.documentTypes')}</a>
          ) : null}
          {viewer.actor.kind === 'secretariat' ? (
            <a href="/countries/review">{t('countries.reviewNav')}</a>
          ) : null}
          {mayInvite(viewer.actor) ? <a href="/invitations">{t('nav.invitations')}</a> : null}
          <a href="/account">{viewer.name}</a>
          <form method="post" action="/sign-out">
            <button class="button-link" type="submit">
              {t('nav.signOut')}
            </button>
          </form>
        </>
      ) : (
        <a
          href={
            path === '/' || path.startsWith('/sign-in')
              ? '/sign-in'
              : `/sign-in?returnTo=${encodeURIComponent(path)}`
          }
        >
          {t('nav.signIn')}
        </a>
      )}
    </nav>
  );
}

function isCurrent(href: string, path: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/** What a JSX expression evaluates to in Hono. */
export type PageElement = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Renders a page element to a complete HTML document. */
export async function renderDocument(element: PageElement): Promise<string> {
  return `<!DOCTYPE html>${(await element).toString()}`;
}
