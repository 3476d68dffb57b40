import type { Context } from 'hono';
import type { AppEnv } from './context.ts';
import { Layout, type PageElement, renderDocument } from './layout.tsx';
import { pageContextOf } from './page-context.ts';

type Status = 200 | 400 | 401 | 403 | 404 | 409 | 410 | 429;

/** A page for one person (forms, their account): rendered fresh, never cached anywhere. */
export async function sendPrivatePage(
  c: Context<AppEnv>,
  title: string,
  body: PageElement,
  status: Status = 200,
) {
  const html = await renderDocument(
    <Layout page={pageContextOf(c)} title={title}>
      {body}
    </Layout>,
  );
  c.header('Cache-Control', 'no-store');
  return c.html(html, status);
}

/** A page that only says one thing: a refusal, a missing record, a finished action. */
export function sendMessagePage(c: Context<AppEnv>, title: string, message: string, status: Status = 200) {
  return sendPrivatePage(
    c,
    title,
    <>
      <h1>{title}</h1>
      <p class="notice">{message}</p>
    </>,
    status,
  );
}

/** Sends a visitor to sign in, coming back here afterwards. */
export function redirectToSignIn(c: Context<AppEnv>) {
  return c.redirect(`/sign-in?returnTo=${encodeURIComponent(c.req.path)}`, 303);
}
