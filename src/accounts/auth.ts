import { apiKey } from '@better-auth/api-key';
import { getCurrentAuthEndpointContext } from '@better-auth/core/context';
import { sso } from '@better-auth/sso';
import { type BetterAuthPlugin, betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { twoFactor } from 'better-auth/plugins/two-factor';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Logger } from '../observability/logger.ts';
import { defaultLocale, isLocale, type Locale } from '../web/i18n/locales.ts';
import { translator } from '../web/i18n/translate.ts';
import { isBreachedPassword, minimumPasswordLength } from './passwords.ts';
import { hasPassword, ssoAffiliation, ssoCallbackEndpoint, ssoUserPolicy } from './sso.ts';
import { afterSsoCallback } from './sso-callback.ts';

/** The header integrations send their API key in. */
export const apiKeyHeader = 'x-api-key';

/** The header the platform sets with the client's address before handing a request to Better Auth. */
export const clientIpHeader = 'x-compact-client-ip';

const passwordSettingPaths = new Set([
  '/sign-up/email',
  '/change-password',
  '/reset-password',
  '/set-password',
]);

/** The Better Auth endpoint being served, or none when the platform hashes a password itself. */
function currentEndpointPath(): string | undefined {
  try {
    return getCurrentAuthEndpointContext()?.path;
  } catch {
    return undefined;
  }
}

/** Refuses breached passwords wherever a password is set, with the stable code PASSWORD_COMPROMISED. */
const refuseBreachedPasswords = {
  id: 'refuse-breached-passwords',
  init(ctx) {
    const hash = ctx.password.hash;
    return {
      context: {
        password: {
          ...ctx.password,
          async hash(password: string) {
            const path = currentEndpointPath();
            if (path && passwordSettingPaths.has(path) && isBreachedPassword(password)) {
              throw APIError.from('BAD_REQUEST', {
                code: 'PASSWORD_COMPROMISED',
                message: 'This password appears in lists of breached passwords.',
              });
            }
            return hash(password);
          },
        },
      },
    };
  },
} satisfies BetterAuthPlugin;

export interface AuthOptions {
  db: Db;
  baseUrl: string;
  secret: string;
  log: Logger;
  mailer: Mailer;
  /** Origins of identity providers on private addresses that may be called (OIDC_TRUSTED_ORIGINS). */
  trustedIdentityProviders?: readonly string[] | undefined;
}

/** The header our forms set with the reader's language, so e-mails Better Auth triggers speak it too. */
export const localeHeader = 'x-compact-locale';

function localeOf(request: Request | undefined): Locale {
  const value = request?.headers.get(localeHeader);
  return isLocale(value) ? value : defaultLocale;
}

/**
 * Better Auth, configured for the Compact (ADR 0015, 0019): e-mail and password with no public sign-up
 * (accounts come from invitations and the demo), single sign-on through an entity's OpenID provider,
 * TOTP two-factor with backup codes, throttling stored in the database, `__Host-` cookies over HTTPS,
 * sign-ins and failures in the audit log.
 */
export function createAuth(options: AuthOptions) {
  const secure = options.baseUrl.startsWith('https:');
  return betterAuth({
    appName: 'Compact Coordination Platform',
    baseURL: options.baseUrl,
    basePath: '/api/auth',
    secret: options.secret,
    // Identity providers listed here may be called on private addresses (the SSO plugin refuses
    // loopback and private networks otherwise). Better Auth then also trusts them as request origins and
    // redirect targets, which is why only the operator's own providers belong in OIDC_TRUSTED_ORIGINS.
    trustedOrigins: [new URL(options.baseUrl).origin, ...(options.trustedIdentityProviders ?? [])],
    database: drizzleAdapter(options.db, { provider: 'pg', schema }),
    // A Better Auth error met in a browser flow (an SSO callback whose state cannot be read) lands here.
    onAPIError: { errorURL: `${options.baseUrl}/sign-in/sso/failed` },
    // A provider identity is never attached to an existing account because the e-mail addresses match:
    // one is matched by issuer and subject only (ADR 0019). Its tokens are stored encrypted.
    account: { accountLinking: { enabled: false }, encryptOAuthTokens: true },
    telemetry: { enabled: false },
    logger: {
      log: (level, message) => options.log[level]({ component: 'auth' }, message),
    },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: minimumPasswordLength,
      maxPasswordLength: 256,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      async sendResetPassword({ user, token }, request) {
        // A person who signs in through their organisation has no password here, and must not be
        // able to create one: it would outlive their account at the organisation (ADR 0019).
        if (!(await hasPassword(options.db, user.id))) {
          await recordAudit(options.db, {
            action: 'auth.password_reset_refused',
            subjectType: 'user',
            subjectId: user.id,
            details: { reason: 'single_sign_on' },
          });
          return;
        }
        const t = translator(localeOf(request));
        const link = `${options.baseUrl}/reset-password?token=${encodeURIComponent(token)}`;
        await options.mailer.send({
          to: user.email,
          subject: t('reset.mailSubject'),
          text: t('reset.mailText', { link }),
        });
        await recordAudit(options.db, {
          action: 'auth.password_reset_requested',
          subjectType: 'user',
          subjectId: user.id,
        });
      },
      async onPasswordReset({ user }) {
        await recordAudit(options.db, {
          action: 'auth.password_reset',
          subjectType: 'user',
          subjectId: user.id,
          actorUserId: user.id,
        });
      },
    },
    user: {
      additionalFields: {
        // Not `required` for Better Auth, which would then refuse every user a provider brings before
        // our hook could give them their role; the column is NOT NULL, so none is ever stored without.
        role: { type: 'string', required: false, input: false },
        entityId: { type: 'string', required: false, input: false },
        memberStateId: { type: 'string', required: false, input: false },
      },
      validateUserInfo: ssoUserPolicy(options.db),
    },
    databaseHooks: { user: { create: { before: ssoAffiliation(options.db) } } },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': { window: 60, max: 5 },
        '/two-factor/*': { window: 60, max: 5 },
        '/request-password-reset': { window: 60, max: 3 },
        '/sign-in/sso': { window: 60, max: 10 },
        '/get-session': false,
      },
    },
    // Over HTTPS every auth cookie is `__Host-` prefixed: Secure, Path=/ and no Domain, so neither a
    // sibling subdomain nor plain http can set or shadow it. Better Auth only knows `__Secure-`, so its
    // own prefix is off and ours is part of the name. Plain http (localhost) keeps `ccp.*`.
    advanced: {
      cookiePrefix: secure ? '__Host-ccp' : 'ccp',
      useSecureCookies: false,
      defaultCookieAttributes: { secure, path: '/', sameSite: 'lax', httpOnly: true },
      ipAddress: { ipAddressHeaders: [clientIpHeader] },
    },
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path === ssoCallbackEndpoint) return afterSsoCallback(ctx as never, options);
        if (
          ctx.path !== '/sign-in/email' &&
          ctx.path !== '/two-factor/verify-totp' &&
          ctx.path !== '/two-factor/verify-backup-code'
        ) {
          return;
        }
        const failed = ctx.context.returned instanceof APIError;
        const signedIn = ctx.context.newSession?.user;
        await recordAudit(options.db, {
          action: failed
            ? 'auth.sign_in_failed'
            : signedIn
              ? 'auth.signed_in'
              : 'auth.second_factor_requested',
          subjectType: 'user',
          subjectId: signedIn?.id ?? null,
          actorUserId: signedIn?.id ?? null,
          details: {
            path: ctx.path,
            ...(failed ? { code: (ctx.context.returned as APIError).body?.code ?? 'UNKNOWN' } : {}),
            ...(ctx.path === '/sign-in/email'
              ? { email: String((ctx.body as { email?: unknown })?.email ?? '').slice(0, 200) }
              : {}),
          },
        });
      }),
    },
    plugins: [
      refuseBreachedPasswords,
      // Passwordless enrolment only for people without a password (single sign-on); anyone with one
      // still confirms it.
      twoFactor({ issuer: 'Compact Platform', allowPasswordless: true }),
      // OpenID Connect only: providers are written by the secretariat's page, never through the
      // plugin's own endpoints (refused by providersLimit 0 and by the route in front, ADR 0019).
      sso({
        providersLimit: 0,
        // Ours (sso-schema.ts): declared so Better Auth knows every required column of the table.
        schema: {
          ssoProvider: {
            additionalFields: {
              entityId: { type: 'string', required: true, input: false },
              disabledAt: { type: 'date', required: false, input: false },
            },
          },
        },
      }),
      // A key is never a session: it cannot reach Better Auth's own endpoints (create keys, list
      // sessions) nor skip two-factor; the platform checks it on /api/v1 only (ADR 0017).
      apiKey({
        defaultPrefix: 'ccp_',
        apiKeyHeaders: apiKeyHeader,
        enableSessionForAPIKeys: false,
        rateLimit: { enabled: false },
        keyExpiration: { defaultExpiresIn: 90 * 24 * 60 * 60, minExpiresIn: 1, maxExpiresIn: 365 },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
export type AuthUser = Auth['$Infer']['Session']['user'];
