import { asc } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { entities } from '../directory/schema.ts';
import { declarePolicy, publicRoute } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../web/forms.tsx';
import type { MessageKey } from '../web/i18n/translate.ts';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { ssoCallbackUrl, ssoProviderIdFor, ssoRefusals } from './sso.ts';
import {
  configureSsoProvider,
  listSsoProviders,
  mayCallIdentityProvider,
  SsoProviderError,
  setSsoProviderEnabled,
} from './sso-providers.ts';

const providerForm = z.object({
  entityId: z.uuid().optional().catch(undefined),
  issuer: z.string().trim().max(500).catch(''),
  clientId: z.string().trim().max(500).catch(''),
  clientSecret: z.string().trim().max(2000).catch(''),
});
type ProviderForm = z.infer<typeof providerForm>;

const issuerUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/$/, ''));

/** The explanation of each way a sign-in through an organisation can end without a session. */
function failureMessage(code: string | undefined): { key: MessageKey; status: 400 | 401 | 403 } {
  switch (code) {
    case ssoRefusals.domainNotAllowed:
      return { key: 'sso.problem.domain', status: 403 };
    case ssoRefusals.addressTaken:
      return { key: 'sso.problem.taken', status: 403 };
    case ssoRefusals.providerDisabled:
    case ssoRefusals.notOidc:
      return { key: 'sso.problem.disabled', status: 403 };
    case ssoRefusals.entityInactive:
      return { key: 'sso.problem.inactive', status: 403 };
    case ssoRefusals.stateMismatch:
    case 'invalid_state':
    case 'state_not_found':
    case 'state_invalid':
      return { key: 'sso.problem.expired', status: 400 };
    case 'access_denied':
      return { key: 'sso.problem.cancelled', status: 401 };
    default:
      return { key: 'sso.problem.failed', status: 401 };
  }
}

const managesSso = () => declarePolicy({ kind: 'records', resource: 'sso-provider', action: 'edit' });

/** Where a failed sign-in through an organisation lands, and the secretariat's providers page (ADR 0019). */
export function ssoRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const base = deps.env.BASE_URL;
  const trustedOrigins = deps.env.OIDC_TRUSTED_ORIGINS ?? [];
  const app = new Hono<AppEnv>();

  app.get('/sign-in/sso/failed', publicRoute(), (c) => {
    const t = c.get('t');
    const { key, status } = failureMessage(c.req.query('error'));
    return sendPrivatePage(
      c,
      t('sso.failedTitle'),
      <>
        <h1>{t('sso.failedTitle')}</h1>
        <p class="notice" data-testid="sso-problem">
          {t(key)}
        </p>
        <p>
          <a href="/sign-in">{t('sso.again')}</a>
        </p>
      </>,
      status,
    );
  });

  const gate = (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    if (viewer.actor.kind !== 'secretariat') {
      const t = c.get('t');
      return sendMessagePage(c, t('error.forbiddenTitle'), t('ssoAdmin.forbidden'), 403);
    }
    return null;
  };

  const adminPage = async (c: Context<AppEnv>, values: ProviderForm, errors: FieldErrors, status?: 400) => {
    const t = c.get('t');
    const [providers, entityRows] = await Promise.all([
      listSsoProviders(db),
      db.select({ id: entities.id, acronym: entities.acronym }).from(entities).orderBy(asc(entities.acronym)),
    ]);
    const done = c.req.query('done');
    const saved = providers.find((provider) => provider.providerId === c.req.query('provider'));
    const notice =
      done === 'saved' && saved
        ? t('ssoAdmin.saved', { entity: saved.entityAcronym })
        : done === 'disabled' || done === 'enabled'
          ? t(done === 'disabled' ? 'ssoAdmin.disabled' : 'ssoAdmin.enabled')
          : null;
    return sendPrivatePage(
      c,
      t('ssoAdmin.title'),
      <>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('ssoAdmin.title')}</h1>
        <p>{t('ssoAdmin.lead')}</p>
        {providers.length === 0 ? (
          <p class="empty-state">{t('ssoAdmin.empty')}</p>
        ) : (
          <table class="responsive-table">
            <caption>{t('ssoAdmin.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ssoAdmin.colEntity')}</th>
                <th scope="col">{t('ssoAdmin.colIssuer')}</th>
                <th scope="col">{t('ssoAdmin.colClient')}</th>
                <th scope="col">{t('ssoAdmin.colCallback')}</th>
                <th scope="col">{t('ssoAdmin.colStatus')}</th>
                <th scope="col">{t('ssoAdmin.colAction')}</th>
              </tr>
            </thead>
            <tbody>
              {providers.map((provider) => (
                <tr data-testid="sso-provider-row">
                  <td>{provider.entityAcronym}</td>
                  <td>{provider.issuer}</td>
                  <td>{provider.clientId}</td>
                  <td>
                    <code>{ssoCallbackUrl(base, provider.providerId)}</code>
                  </td>
                  <td>{t(provider.enabled ? 'ssoAdmin.statusOn' : 'ssoAdmin.statusOff')}</td>
                  <td>
                    <form
                      method="post"
                      action={`/admin/sso/${provider.providerId}/${provider.enabled ? 'disable' : 'enable'}`}
                    >
                      <button class="button button-secondary" type="submit">
                        {t(provider.enabled ? 'ssoAdmin.disable' : 'ssoAdmin.enable')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{t('ssoAdmin.newHeading')}</h2>
        <Form action="/admin/sso">
          <div class={errors.entityId ? 'field field-error' : 'field'}>
            <label for="entityId">{t('ssoAdmin.entity')}</label>
            <p class="hint" id="entityId-hint">
              {t('ssoAdmin.callbackHint', { example: ssoCallbackUrl(base, ssoProviderIdFor('unodc')) })}
            </p>
            {errors.entityId ? (
              <p class="error-message" id="entityId-error">
                {errors.entityId}
              </p>
            ) : null}
            <select
              id="entityId"
              name="entityId"
              aria-describedby={errors.entityId ? 'entityId-hint entityId-error' : 'entityId-hint'}
            >
              <option value="">{t('ssoAdmin.choose')}</option>
              {entityRows.map((row) => (
                <option value={row.id} selected={values.entityId === row.id}>
                  {row.acronym}
                </option>
              ))}
            </select>
          </div>
          <Field
            name="issuer"
            type="text"
            label={t('ssoAdmin.issuer')}
            hint={t('ssoAdmin.issuerHint')}
            value={values.issuer}
            error={errors.issuer}
            autocomplete="off"
          />
          <Field
            name="clientId"
            label={t('ssoAdmin.clientId')}
            value={values.clientId}
            error={errors.clientId}
            autocomplete="off"
          />
          <Field
            name="clientSecret"
            type="password"
            label={t('ssoAdmin.clientSecret')}
            hint={t('ssoAdmin.clientSecretHint')}
            error={errors.clientSecret}
            autocomplete="off"
          />
          <button class="button" type="submit">
            {t('ssoAdmin.submit')}
          </button>
        </Form>
      </>,
      status,
    );
  };

  app.get('/admin/sso', managesSso(), async (c) => {
    const refused = gate(c);
    if (refused) return refused;
    return adminPage(c, { issuer: '', clientId: '', clientSecret: '' }, {});
  });

  app.post('/admin/sso', managesSso(), async (c) => {
    const refused = gate(c);
    if (refused) return refused;
    const t = c.get('t');
    const values = providerForm.parse(await c.req.parseBody());
    const issuer = issuerUrl.safeParse(values.issuer);
    const errors: FieldErrors = {};
    if (!values.entityId) errors.entityId = t('ssoAdmin.entityMissing');
    if (!issuer.success) errors.issuer = t('ssoAdmin.issuerInvalid');
    else if (!mayCallIdentityProvider(issuer.data, trustedOrigins))
      errors.issuer = t('ssoAdmin.error.private_address');
    if (!values.clientId) errors.clientId = t('ssoAdmin.clientIdMissing');
    if (!values.clientSecret) errors.clientSecret = t('ssoAdmin.clientSecretMissing');
    // The secret is never sent back, not even to the person who typed it.
    const shown = { ...values, clientSecret: '' };
    if (Object.keys(errors).length > 0 || !values.entityId || !issuer.success) {
      return adminPage(c, shown, errors, 400);
    }
    const viewer = c.get('viewer');
    let providerId: string;
    try {
      providerId = await configureSsoProvider({ db, trustedOrigins }, viewer?.userId ?? '', {
        entityId: values.entityId,
        issuer: issuer.data,
        clientId: values.clientId,
        clientSecret: values.clientSecret,
      });
    } catch (error) {
      if (!(error instanceof SsoProviderError)) throw error;
      const field = error.code === 'entity_not_found' || error.code === 'no_domains' ? 'entityId' : 'issuer';
      return adminPage(c, shown, { [field]: t(`ssoAdmin.error.${error.code}`) }, 400);
    }
    return c.redirect(`/admin/sso?done=saved&provider=${encodeURIComponent(providerId)}`, 303);
  });

  const toggle = (enabled: boolean) => async (c: Context<AppEnv>) => {
    const refused = gate(c);
    if (refused) return refused;
    const t = c.get('t');
    try {
      await setSsoProviderEnabled(
        db,
        c.get('viewer')?.userId ?? '',
        c.req.param('providerId') ?? '',
        enabled,
      );
    } catch (error) {
      if (!(error instanceof SsoProviderError)) throw error;
      return sendMessagePage(c, t('ssoAdmin.title'), t('ssoAdmin.error.not_found'), 404);
    }
    return c.redirect(`/admin/sso?done=${enabled ? 'enabled' : 'disabled'}`, 303);
  };
  app.post('/admin/sso/:providerId/disable', managesSso(), toggle(false));
  app.post('/admin/sso/:providerId/enable', managesSso(), toggle(true));

  return app;
}
