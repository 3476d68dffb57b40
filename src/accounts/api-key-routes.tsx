import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { declarePolicy } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../web/forms.tsx';
import { formatDate } from '../web/i18n/format.ts';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { apiKeyLifetimes, apiKeyScopes, createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';

const createForm = z.object({
  name: z.string().trim().max(100).catch(''),
  scope: z.enum(apiKeyScopes).catch('read'),
  days: z.coerce
    .number()
    .refine((days) => (apiKeyLifetimes as readonly number[]).includes(days))
    .catch(90),
});

const ownKeys = () => declarePolicy({ kind: 'records', resource: 'own-api-keys', action: 'edit' });

/** A user's own API keys: create (shown once), list, revoke after confirmation (ADR 0017). */
export function apiKeyRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();
  const toSignIn = redirectToSignIn;

  const keysPage = async (
    c: Context<AppEnv>,
    values: Partial<z.infer<typeof createForm>>,
    errors: FieldErrors,
    created: string | null,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const viewer = c.get('viewer');
    if (!viewer) return toSignIn(c);
    const keys = await listApiKeys(db, viewer.userId);
    const day = (date: Date | null) =>
      date ? formatDate(locale, date.toISOString().slice(0, 10)) : t('apiKeys.never');
    return sendPrivatePage(
      c,
      t('apiKeys.title'),
      <>
        {c.req.query('revoked') ? (
          <p class="notice" role="status">
            {t('apiKeys.revoked')}
          </p>
        ) : null}
        {created ? (
          <div class="notice" role="status">
            <h2>{t('apiKeys.createdTitle')}</h2>
            <p>
              <code data-testid="new-api-key">{created}</code>
            </p>
            <p>{t('apiKeys.createdText')}</p>
          </div>
        ) : null}
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('apiKeys.title')}</h1>
        <p>{t('apiKeys.lead')}</p>
        <Form action="/account/api-keys">
          <Field
            name="name"
            label={t('apiKeys.name')}
            hint={t('apiKeys.nameHint')}
            value={values.name ?? ''}
            error={errors.name}
            autocomplete="off"
          />
          <div class="field">
            <label for="scope">{t('apiKeys.scope')}</label>
            <select id="scope" name="scope">
              {apiKeyScopes.map((scope) => (
                <option value={scope} selected={values.scope === scope}>
                  {t(`apiKeys.scope.${scope}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="days">{t('apiKeys.days')}</label>
            <select id="days" name="days">
              {apiKeyLifetimes.map((days) => (
                <option value={String(days)} selected={(values.days ?? 90) === days}>
                  {t('apiKeys.daysOption', { days })}
                </option>
              ))}
            </select>
          </div>
          <button class="button" type="submit">
            {t('apiKeys.create')}
          </button>
        </Form>
        {keys.length === 0 ? (
          <p class="empty-state">{t('apiKeys.empty')}</p>
        ) : (
          <table class="responsive-table">
            <caption>{t('apiKeys.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('apiKeys.colName')}</th>
                <th scope="col">{t('apiKeys.colStart')}</th>
                <th scope="col">{t('apiKeys.colScope')}</th>
                <th scope="col">{t('apiKeys.colExpires')}</th>
                <th scope="col">{t('apiKeys.colLastUsed')}</th>
                <th scope="col">{t('apiKeys.colAction')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr data-testid="api-key-row">
                  <td>{key.name}</td>
                  <td>
                    <code>{key.start}…</code>
                  </td>
                  <td>{t(`apiKeys.scope.${key.scope}`)}</td>
                  <td>{day(key.expiresAt)}</td>
                  <td>{day(key.lastRequest)}</td>
                  <td>
                    <a href={`/account/api-keys/${encodeURIComponent(key.id)}/revoke`}>
                      {t('apiKeys.revoke')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
      status,
    );
  };

  app.get('/account/api-keys', ownKeys(), (c) => keysPage(c, {}, {}, null));

  app.post('/account/api-keys', ownKeys(), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return toSignIn(c);
    const values = createForm.parse(await c.req.parseBody());
    if (!values.name) return keysPage(c, values, { name: c.get('t')('apiKeys.nameMissing') }, null, 400);
    const created = await createApiKey(db, deps.auth, viewer, values);
    return keysPage(c, {}, {}, created.key);
  });

  const notFound = (c: Context<AppEnv>) =>
    sendMessagePage(c, c.get('t')('error.notFoundTitle'), c.get('t')('apiKeys.notFound'), 404);

  app.get('/account/api-keys/:id/revoke', ownKeys(), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return toSignIn(c);
    const t = c.get('t');
    const key = (await listApiKeys(db, viewer.userId)).find((row) => row.id === c.req.param('id'));
    if (!key) return notFound(c);
    return sendPrivatePage(
      c,
      t('apiKeys.confirmTitle', { name: key.name ?? '' }),
      <>
        <h1>{t('apiKeys.confirmTitle', { name: key.name ?? '' })}</h1>
        <p>{t('apiKeys.confirmText')}</p>
        <form method="post" action={`/account/api-keys/${encodeURIComponent(key.id)}/revoke`}>
          <button class="button" type="submit">
            {t('apiKeys.confirmYes')}
          </button>{' '}
          <a href="/account/api-keys">{t('invitations.confirmNo')}</a>
        </form>
      </>,
    );
  });

  app.post('/account/api-keys/:id/revoke', ownKeys(), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return toSignIn(c);
    if (!(await revokeApiKey(db, viewer.userId, c.req.param('id')))) return notFound(c);
    return c.redirect('/account/api-keys?revoked=1', 303);
  });

  return app;
}
