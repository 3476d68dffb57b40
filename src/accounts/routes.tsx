import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { listBodiesOn } from '../bodies/queries.ts';
import { declarePolicy, publicRoute } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../web/forms.tsx';
import { formatDate, today } from '../web/i18n/format.ts';
import { pickText } from '../web/i18n/locales.ts';
import { safeReturnPath } from '../web/language.ts';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { callAuth, forwardToAuth, passCookies } from './auth-bridge.ts';
import { hasPassword, servedSsoPath, ssoTargetForEmail } from './sso.ts';

const signInForm = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()).catch(''),
  password: z.string().catch(''),
  returnTo: z.string().optional().catch(undefined),
});
const ssoForm = z.object({
  ssoEmail: z.string().trim().toLowerCase().max(320).catch(''),
  returnTo: z.string().optional().catch(undefined),
});
const codeForm = z.object({
  code: z.string().trim().catch(''),
  returnTo: z.string().optional().catch(undefined),
});
const passwordForm = z.object({ password: z.string().catch('') });
const tokenForm = z.object({ token: z.string().min(1).catch('') });
const resetForm = z.object({ token: z.string().catch(''), password: z.string().catch('') });
const enrolmentDisplay = z.object({
  totpURI: z.string().startsWith('otpauth://totp/').optional().catch(undefined),
  backupCodes: z
    .string()
    .transform((codes) => codes.split(/\s+/).filter(Boolean).slice(0, 20))
    .optional()
    .catch(undefined),
});

const signedInOnly = () => declarePolicy({ kind: 'records', resource: 'own-account', action: 'edit' });

/** Sign-in (with its second step), sign-out, the account page, sessions and two-factor setup (ADR 0015). */
export function accountRoutes(deps: AppDeps) {
  const { auth } = deps;
  const base = deps.env.BASE_URL;
  const app = new Hono<AppEnv>();

  app.on(['GET', 'POST'], '/api/auth/*', publicRoute(), (c) =>
    servedSsoPath.test(c.req.path)
      ? forwardToAuth(c, auth)
      : c.json({ code: 'NOT_FOUND', message: 'No such endpoint.' }, 404),
  );

  const signInPage = (
    c: Context<AppEnv>,
    values: { email?: string; ssoEmail?: string; returnTo?: string },
    errors: FieldErrors,
    status?: 400 | 401 | 429,
  ) => {
    const t = c.get('t');
    return sendPrivatePage(
      c,
      t('signIn.title'),
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('signIn.title')}</h1>
        <p>{t('signIn.lead')}</p>
        <Form action="/sign-in" returnTo={values.returnTo}>
          <Field
            name="email"
            type="email"
            label={t('signIn.email')}
            value={values.email ?? ''}
            error={errors.email}
            autocomplete="username"
          />
          <Field
            name="password"
            type="password"
            label={t('signIn.password')}
            error={errors.password}
            autocomplete="current-password"
          />
          <button class="button" type="submit">
            {t('signIn.submit')}
          </button>
        </Form>
        <p>
          <a href="/forgot-password">{t('signIn.forgot')}</a>
        </p>
        <h2>{t('sso.heading')}</h2>
        <p>{t('sso.lead')}</p>
        <Form action="/sign-in/sso" returnTo={values.returnTo}>
          <Field
            name="ssoEmail"
            type="email"
            label={t('sso.email')}
            value={values.ssoEmail ?? ''}
            error={errors.ssoEmail}
            autocomplete="email"
          />
          <button class="button button-secondary" type="submit">
            {t('sso.submit')}
          </button>
        </Form>
      </>,
      status,
    );
  };

  app.get('/sign-in', publicRoute(), (c) => {
    if (c.get('viewer')) return c.redirect(safeReturnPath(c.req.query('returnTo')), 303);
    return signInPage(c, { returnTo: safeReturnPath(c.req.query('returnTo')) }, {});
  });

  app.post('/sign-in', publicRoute(), async (c) => {
    const t = c.get('t');
    const form = signInForm.parse(await c.req.parseBody());
    const returnTo = safeReturnPath(form.returnTo);
    const errors: FieldErrors = {};
    if (!form.email) errors.email = t('signIn.emailInvalid');
    if (!form.password) errors.password = t('signIn.passwordMissing');
    if (Object.keys(errors).length > 0) return signInPage(c, { ...form, returnTo }, errors, 400);

    const answer = await callAuth<{ twoFactorRedirect?: boolean }>(c, auth, base, '/sign-in/email', {
      email: form.email,
      password: form.password,
      rememberMe: true,
    });
    if (answer.status === 429)
      return signInPage(c, { ...form, returnTo }, { email: t('signIn.throttled') }, 429);
    if (!answer.data) {
      const message = answer.status === 401 || answer.status === 400 ? t('signIn.wrong') : t('signIn.failed');
      return signInPage(c, { ...form, returnTo }, { email: message }, 401);
    }
    passCookies(c, answer.setCookies);
    if (answer.data.twoFactorRedirect) {
      return c.redirect(`/sign-in/two-factor?returnTo=${encodeURIComponent(returnTo)}`, 303);
    }
    return c.redirect(returnTo, 303);
  });

  // Single sign-on (ADR 0019): the work address names the entity, hence its provider; the browser is
  // then sent there with a one-time state bound to it by a cookie.
  app.post('/sign-in/sso', publicRoute(), async (c) => {
    const t = c.get('t');
    const form = ssoForm.parse(await c.req.parseBody());
    const returnTo = safeReturnPath(form.returnTo);
    const again = (error: string, status: 400 | 429) =>
      signInPage(c, { ssoEmail: form.ssoEmail, returnTo }, { ssoEmail: error }, status);
    if (!z.email().safeParse(form.ssoEmail).success) return again(t('signIn.emailInvalid'), 400);
    const target = await ssoTargetForEmail(deps.database.db, form.ssoEmail);
    if (!target) return again(t('sso.noProvider'), 400);
    const answer = await callAuth<{ url?: string }>(c, auth, base, '/sign-in/sso', {
      providerId: target.providerId,
      callbackURL: `${base}${returnTo}`,
      errorCallbackURL: `${base}/sign-in/sso/failed`,
      loginHint: form.ssoEmail,
    });
    if (answer.status === 429) return again(t('signIn.throttled'), 429);
    if (!answer.data?.url) return again(t('sso.unavailable'), 400);
    passCookies(c, answer.setCookies);
    return c.redirect(answer.data.url, 303);
  });

  const secondStepPage = (
    c: Context<AppEnv>,
    returnTo: string,
    errors: FieldErrors,
    status?: 400 | 401 | 429,
  ) => {
    const t = c.get('t');
    return sendPrivatePage(
      c,
      t('twoFactor.title'),
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('twoFactor.title')}</h1>
        <p>{t('twoFactor.lead')}</p>
        <Form action="/sign-in/two-factor" returnTo={returnTo}>
          <Field
            name="code"
            label={t('twoFactor.code')}
            hint={t('twoFactor.codeHint')}
            error={errors.code}
            autocomplete="one-time-code"
            inputmode="numeric"
          />
          <button class="button" type="submit">
            {t('twoFactor.submit')}
          </button>
        </Form>
        <h2>{t('twoFactor.backupTitle')}</h2>
        <Form action="/sign-in/backup-code" returnTo={returnTo}>
          <Field
            name="backupCode"
            label={t('twoFactor.backupCode')}
            error={errors.backupCode}
            autocomplete="off"
          />
          <button class="button button-secondary" type="submit">
            {t('twoFactor.backupSubmit')}
          </button>
        </Form>
      </>,
      status,
    );
  };

  app.get('/sign-in/two-factor', publicRoute(), (c) =>
    secondStepPage(c, safeReturnPath(c.req.query('returnTo')), {}),
  );

  const completeSecondStep = (kind: 'totp' | 'backup') => async (c: Context<AppEnv>) => {
    const t = c.get('t');
    const raw = await c.req.parseBody();
    const form = codeForm.parse({
      code: kind === 'totp' ? raw.code : raw.backupCode,
      returnTo: raw.returnTo,
    });
    const returnTo = safeReturnPath(form.returnTo);
    const field = kind === 'totp' ? 'code' : 'backupCode';
    const valid = kind === 'totp' ? /^\d{6}$/.test(form.code) : form.code.length >= 6;
    if (!valid) {
      return secondStepPage(
        c,
        returnTo,
        { [field]: t(kind === 'totp' ? 'twoFactor.codeInvalid' : 'twoFactor.backupInvalid') },
        400,
      );
    }
    const path = kind === 'totp' ? '/two-factor/verify-totp' : '/two-factor/verify-backup-code';
    const answer = await callAuth(c, auth, base, path, { code: form.code });
    if (answer.status === 429) return secondStepPage(c, returnTo, { [field]: t('signIn.throttled') }, 429);
    if (!answer.data) {
      const expired = answer.code === 'INVALID_TWO_FACTOR_COOKIE' || answer.status === 403;
      if (expired) return signInPage(c, { returnTo }, { email: t('twoFactor.expired') }, 401);
      return secondStepPage(
        c,
        returnTo,
        { [field]: t(kind === 'totp' ? 'twoFactor.wrong' : 'twoFactor.backupWrong') },
        401,
      );
    }
    passCookies(c, answer.setCookies);
    return c.redirect(returnTo, 303);
  };
  app.post('/sign-in/two-factor', publicRoute(), completeSecondStep('totp'));
  app.post('/sign-in/backup-code', publicRoute(), completeSecondStep('backup'));

  const forgotPage = (c: Context<AppEnv>, values: { email?: string }, errors: FieldErrors, sent = false) => {
    const t = c.get('t');
    return sendPrivatePage(
      c,
      t('forgot.title'),
      <>
        {sent ? (
          <p class="notice" role="status">
            {t('forgot.sent')}
          </p>
        ) : null}
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('forgot.title')}</h1>
        <p>{t('forgot.lead')}</p>
        <Form action="/forgot-password">
          <Field
            name="email"
            type="email"
            label={t('signIn.email')}
            value={values.email ?? ''}
            error={errors.email}
            autocomplete="username"
          />
          <button class="button" type="submit">
            {t('forgot.submit')}
          </button>
        </Form>
      </>,
      errors.email ? 400 : 200,
    );
  };

  app.get('/forgot-password', publicRoute(), (c) => forgotPage(c, {}, {}));

  app.post('/forgot-password', publicRoute(), async (c) => {
    const t = c.get('t');
    const { email } = signInForm.pick({ email: true }).parse(await c.req.parseBody());
    if (!email) return forgotPage(c, { email }, { email: t('signIn.emailInvalid') });
    const answer = await callAuth(c, auth, base, '/request-password-reset', {
      email,
      redirectTo: `${base}/reset-password`,
    });
    if (answer.status === 429) return forgotPage(c, { email }, { email: t('signIn.throttled') });
    // The same answer whether or not the address has an account: nobody learns who is registered.
    return forgotPage(c, {}, {}, true);
  });

  const resetPage = (c: Context<AppEnv>, token: string, errors: FieldErrors) => {
    const t = c.get('t');
    return sendPrivatePage(
      c,
      t('reset.title'),
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('reset.title')}</h1>
        <Form action="/reset-password">
          <input type="hidden" name="token" value={token} />
          <Field
            name="password"
            type="password"
            label={t('reset.password')}
            hint={t('accept.passwordHint')}
            error={errors.password}
            autocomplete="new-password"
          />
          <button class="button" type="submit">
            {t('reset.submit')}
          </button>
        </Form>
        <p>
          <a href="/forgot-password">{t('signIn.forgot')}</a>
        </p>
      </>,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  app.get('/reset-password', publicRoute(), (c) => resetPage(c, c.req.query('token') ?? '', {}));

  app.post('/reset-password', publicRoute(), async (c) => {
    const t = c.get('t');
    const form = resetForm.parse(await c.req.parseBody());
    const answer = await callAuth(c, auth, base, '/reset-password', {
      token: form.token,
      newPassword: form.password,
    });
    if (answer.data) return sendMessagePage(c, t('reset.title'), t('reset.done'));
    const message =
      answer.code === 'PASSWORD_TOO_SHORT'
        ? t('accept.problem.password_short')
        : answer.code === 'PASSWORD_COMPROMISED'
          ? t('accept.problem.password_breached')
          : t('reset.invalid');
    return resetPage(c, form.token, { password: message });
  });

  app.post('/sign-out', publicRoute(), async (c) => {
    const answer = await callAuth(c, auth, base, '/sign-out', {});
    passCookies(c, answer.setCookies);
    return c.redirect('/', 303);
  });

  const requireViewer = (c: Context<AppEnv>) => c.get('viewer');
  const toSignIn = redirectToSignIn;

  app.get('/account', signedInOnly(), async (c) => {
    const viewer = requireViewer(c);
    if (!viewer) return toSignIn(c);
    const t = c.get('t');
    const bodies = await listBodiesOn(deps.database.db, today());
    const actor = viewer.actor;
    const names = (ids: readonly string[]) =>
      bodies.filter((body) => ids.includes(body.id)).map((body) => body.shortName);
    const bodyIds = actor.kind === 'entity' ? actor.bodyIds : [];
    const chairedIds = actor.kind === 'entity' ? actor.chairedBodyIds : [];
    return sendPrivatePage(
      c,
      t('account.title'),
      <>
        <h1>{t('account.title')}</h1>
        <dl class="summary">
          <dt>{t('account.name')}</dt>
          <dd>{viewer.name}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{viewer.email}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(`role.${viewer.role}`)}</dd>
          <dt>{t('account.affiliation')}</dt>
          <dd>
            {viewer.role === 'secretariat_admin'
              ? t('affiliation.secretariat')
              : viewer.affiliation
                ? pickText(viewer.affiliation, c.get('locale'))
                : ''}
          </dd>
          <dt>{t('account.bodies')}</dt>
          <dd data-testid="bodies-today">{names(bodyIds).join(', ') || t('account.none')}</dd>
          <dt>{t('account.chairs')}</dt>
          <dd data-testid="chairs-today">{names(chairedIds).join(', ') || t('account.none')}</dd>
          <dt>{t('account.twoFactor')}</dt>
          <dd>{viewer.twoFactorEnabled ? t('account.twoFactorOn') : t('account.twoFactorOff')}</dd>
        </dl>
        <ul>
          {viewer.twoFactorEnabled ? null : (
            <li>
              <a href="/account/two-factor">{t('account.manageTwoFactor')}</a>
            </li>
          )}
          <li>
            <a href="/account/sessions">{t('account.sessionsLink')}</a>
          </li>
          <li>
            <a href="/account/api-keys">{t('account.apiKeysLink')}</a>
          </li>
        </ul>
      </>,
    );
  });

  app.get('/account/sessions', signedInOnly(), async (c) => {
    if (!requireViewer(c)) return toSignIn(c);
    const t = c.get('t');
    const locale = c.get('locale');
    const [list, current] = await Promise.all([
      auth.api.listSessions({ headers: c.req.raw.headers }),
      auth.api.getSession({ headers: c.req.raw.headers }),
    ]);
    const notice = c.req.query('done');
    return sendPrivatePage(
      c,
      t('sessions.title'),
      <>
        {notice === 'one' || notice === 'others' ? (
          <p class="notice" role="status">
            {t(notice === 'one' ? 'sessions.revoked' : 'sessions.revokedOthers')}
          </p>
        ) : null}
        <h1>{t('sessions.title')}</h1>
        <p>{t('sessions.lead')}</p>
        <table>
          <caption>{t('sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sessions.colDevice')}</th>
              <th scope="col">{t('sessions.colAddress')}</th>
              <th scope="col">{t('sessions.colStarted')}</th>
              <th scope="col">{t('sessions.colAction')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((session) => (
              <tr data-testid="session-row">
                <td>{session.userAgent || t('sessions.unknownDevice')}</td>
                <td>{session.ipAddress || '-'}</td>
                <td>{formatDate(locale, new Date(session.createdAt).toISOString().slice(0, 10))}</td>
                <td>
                  {session.token === current?.session.token ? (
                    <strong>{t('sessions.current')}</strong>
                  ) : (
                    <form method="post" action="/account/sessions/revoke">
                      <input type="hidden" name="token" value={session.token} />
                      <button class="button button-secondary" type="submit">
                        {t('sessions.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/account/sessions/revoke-others">
          <p>
            <button class="button" type="submit">
              {t('sessions.revokeOthers')}
            </button>
          </p>
        </form>
      </>,
    );
  });

  app.post('/account/sessions/revoke', signedInOnly(), async (c) => {
    if (!requireViewer(c)) return toSignIn(c);
    const { token } = tokenForm.parse(await c.req.parseBody());
    if (token) await callAuth(c, auth, base, '/revoke-session', { token });
    return c.redirect('/account/sessions?done=one', 303);
  });

  app.post('/account/sessions/revoke-others', signedInOnly(), async (c) => {
    if (!requireViewer(c)) return toSignIn(c);
    await callAuth(c, auth, base, '/revoke-other-sessions', {});
    return c.redirect('/account/sessions?done=others', 303);
  });

  const enrolPage = (
    c: Context<AppEnv>,
    state: { totpURI?: string; backupCodes?: string[]; withPassword?: boolean },
    errors: FieldErrors,
    status?: 400 | 401,
  ) => {
    const t = c.get('t');
    const viewer = c.get('viewer');
    const secret = state.totpURI ? new URL(state.totpURI).searchParams.get('secret') : null;
    return sendPrivatePage(
      c,
      t('enrol.title'),
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{t('enrol.title')}</h1>
        {viewer?.requiresTwoFactor && !viewer.twoFactorEnabled ? (
          <p class="notice">{t('enrol.required')}</p>
        ) : null}
        <p>{t('enrol.lead')}</p>
        {state.totpURI ? (
          <>
            <h2>{t('enrol.secretLabel')}</h2>
            <p>
              <code data-testid="totp-secret">{secret}</code>
            </p>
            <p>
              {t('enrol.uriLabel')}: <a href={state.totpURI}>otpauth://</a>
            </p>
            <h2>{t('enrol.backupLabel')}</h2>
            <ul class="codes" data-testid="backup-codes">
              {(state.backupCodes ?? []).map((code) => (
                <li>{code}</li>
              ))}
            </ul>
            <Form action="/account/two-factor/confirm">
              <input type="hidden" name="totpURI" value={state.totpURI} />
              <input type="hidden" name="backupCodes" value={(state.backupCodes ?? []).join(' ')} />
              <Field
                name="code"
                label={t('enrol.code')}
                hint={t('twoFactor.codeHint')}
                error={errors.code}
                autocomplete="one-time-code"
                inputmode="numeric"
              />
              <button class="button" type="submit">
                {t('enrol.confirm')}
              </button>
            </Form>
          </>
        ) : (
          <Form action="/account/two-factor">
            {state.withPassword === false ? null : (
              <Field
                name="password"
                type="password"
                label={t('enrol.password')}
                hint={t('enrol.passwordHint')}
                error={errors.password}
                autocomplete="current-password"
              />
            )}
            <button class="button" type="submit">
              {t('enrol.start')}
            </button>
          </Form>
        )}
      </>,
      status,
    );
  };

  app.get('/account/two-factor', signedInOnly(), async (c) => {
    const viewer = requireViewer(c);
    if (!viewer) return toSignIn(c);
    if (viewer.twoFactorEnabled) {
      const t = c.get('t');
      return sendMessagePage(c, t('enrol.title'), t('enrol.already'));
    }
    return enrolPage(c, { withPassword: await hasPassword(deps.database.db, viewer.userId) }, {});
  });

  app.post('/account/two-factor', signedInOnly(), async (c) => {
    const viewer = requireViewer(c);
    if (!viewer) return toSignIn(c);
    const t = c.get('t');
    const { password } = passwordForm.parse(await c.req.parseBody());
    // Someone who signs in through their organisation has no password to confirm (ADR 0019); anyone
    // with one must give it, and Better Auth checks the same.
    const withPassword = await hasPassword(deps.database.db, viewer.userId);
    if (withPassword && !password) return enrolPage(c, {}, { password: t('signIn.passwordMissing') }, 400);
    const answer = await callAuth<{ totpURI: string; backupCodes: string[] }>(
      c,
      auth,
      base,
      '/two-factor/enable',
      withPassword ? { password } : {},
    );
    if (!answer.data) return enrolPage(c, { withPassword }, { password: t('enrol.passwordWrong') }, 401);
    return enrolPage(c, answer.data, {});
  });

  app.post('/account/two-factor/confirm', signedInOnly(), async (c) => {
    if (!requireViewer(c)) return toSignIn(c);
    const t = c.get('t');
    const raw = await c.req.parseBody();
    const { code } = codeForm.parse(raw);
    // Shown again on a failed attempt, so the key the user has just added stays valid (display only).
    const shown = enrolmentDisplay.parse(raw);
    if (!/^\d{6}$/.test(code)) return enrolPage(c, shown, { code: t('twoFactor.codeInvalid') }, 400);
    const answer = await callAuth(c, auth, base, '/two-factor/verify-totp', { code });
    if (!answer.data) return enrolPage(c, shown, { code: t('twoFactor.wrong') }, 401);
    passCookies(c, answer.setCookies);
    return c.redirect('/account', 303);
  });

  return app;
}
