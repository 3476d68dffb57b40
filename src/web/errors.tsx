import type { Context } from 'hono';
import type { AppEnv } from './context.ts';
import { Layout, renderDocument } from './layout.tsx';
import { pageContextOf } from './page-context.ts';

/** The 404 page, in the reader's language. */
export async function notFoundPage(c: Context<AppEnv>): Promise<Response> {
  const page = pageContextOf(c);
  const { t } = page;
  const html = await renderDocument(
    <Layout page={page} title={t('error.notFoundTitle')}>
      <h1>{t('error.notFoundTitle')}</h1>
      <p>{t('error.notFoundText')}</p>
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </Layout>,
  );
  return c.html(html, 404);
}

/** The 500 page: no details of the failure, only a reference the secretariat can find in the logs. */
export async function serverErrorPage(c: Context<AppEnv>): Promise<Response> {
  const page = pageContextOf(c);
  const { t } = page;
  const html = await renderDocument(
    <Layout page={page} title={t('error.serverTitle')}>
      <h1>{t('error.serverTitle')}</h1>
      <p>{t('error.serverText')}</p>
      <p>{t('error.reference', { id: c.get('requestId') ?? '-' })}</p>
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </Layout>,
  );
  return c.html(html, 500);
}
