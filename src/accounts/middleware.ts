import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { type VerifiedKey, verifyApiKey } from './api-keys.ts';
import { apiKeyHeader } from './auth.ts';
import { type AccountFacts, type Viewer, viewerOfUser, viewerOn } from './viewer.ts';

/** Better Auth's session cookie: `ccp.session_token` over http, `__Host-ccp.session_token` over https. */
const sessionCookie = /(?:^|;\s*)((?:__Host-)?ccp\.session_token)=([^;]*)/g;

/**
 * The one session cookie of a request, if it carries exactly one, under the name Better Auth reads. A
 * request with two (a planted cookie next to the real one) gets no session trust: it is checked, never
 * cached, so a value the checker did not read can never become the key of someone's session.
 */
function soleSessionToken(cookies: string, name: string): { token: string | null; any: boolean } {
  const found = [...cookies.matchAll(sessionCookie)];
  const only = found.length === 1 ? found[0] : undefined;
  return { token: only?.[1] === name && only[2] ? only[2] : null, any: found.length > 0 };
}

/** How long a session or an API key once checked is trusted without asking the database again. */
const sessionTrustMs = 60_000;

/** The cache's remembered values that hold checked credentials: dropped after any non-GET request. */
const sessionPrefix = 'session|';
const apiKeyPrefix = 'apikey|';

const digestOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** A key refused by Better Auth or whose owner is gone: thrown so that the refusal is not remembered. */
class KeyRefused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

interface TrustedKey {
  verified: VerifiedKey;
  owner: Viewer;
  /** When the key expires (ms since the epoch), checked on every request, cached or not. */
  expiresAt: number | null;
}

/** Paths that never depend on who asks: no session lookup for them. */
const anonymousPaths = /^\/(?:assets\/|healthz$|metrics$)/;

/** Paths a signed-in user who still owes two-factor enrolment may use. */
const allowedBeforeEnrolment = [
  /^\/account\/two-factor/,
  /^\/sign-out$/,
  /^\/assets\//,
  /^\/language$/,
  /^\/api\/auth\//,
  /^\/healthz$/,
  /^\/metrics$/,
];

const isApi = (c: Context<AppEnv>) => c.req.path.startsWith('/api/v1/');

/**
 * Who is asking (ADR 0015, 0017): on /api/v1 an API key, if one is sent; else the session's user; turned
 * into a Viewer for today, or null. A request without credentials costs nothing; a stale or revoked
 * session is treated as a visitor, a bad key gets a JSON 401 with a stable code. Users whose role needs
 * two-factor and who have not set it up are sent to set it up first (the API refuses them).
 */
export function identifyViewer(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const { db } = deps.database;
  const sessionCookieName = `${deps.env.BASE_URL.startsWith('https:') ? '__Host-' : ''}ccp.session_token`;
  return async (c, next) => {
    c.set('viewer', null);
    c.set('apiKey', null);
    const key = isApi(c) ? c.req.header(apiKeyHeader) : undefined;
    if (key) {
      const day = today();
      const cacheKey = `${apiKeyPrefix}${day}|${digestOf(key)}`;
      let trusted: TrustedKey;
      try {
        // A verified key is trusted for a minute, like a session (ADR 0015 addendum): its scope and its
        // owner's Viewer are remembered under a hash of the key, and dropped at once on any revocation,
        // change of key or account (migrations 0014 and 0021) or data change, and after any non-GET
        // request on this instance. Refusals are never remembered: a wrong key costs a check each time.
        trusted = await deps.cache.remember(
          cacheKey,
          async (): Promise<TrustedKey> => {
            const verified = await verifyApiKey(deps.auth, key);
            if ('code' in verified) throw new KeyRefused(verified.code);
            const owner = await viewerOfUser(db, verified.userId, day);
            if (!owner) throw new KeyRefused('INVALID_API_KEY');
            return { verified, owner, expiresAt: verified.expiresAt?.getTime() ?? null };
          },
          { maxAgeMs: sessionTrustMs },
        );
      } catch (error) {
        if (!(error instanceof KeyRefused)) throw error;
        return c.json({ code: error.code, message: 'The API key is not valid.' }, 401);
      }
      if (trusted.expiresAt !== null && trusted.expiresAt <= Date.now()) {
        deps.cache.forget(cacheKey);
        return c.json({ code: 'KEY_EXPIRED', message: 'The API key is not valid.' }, 401);
      }
      if (trusted.verified.scope === 'read' && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
        return c.json({ code: 'API_KEY_READ_ONLY', message: 'This API key may only read.' }, 403);
      }
      c.set('viewer', trusted.owner);
      c.set('apiKey', trusted.verified);
    } else if (!anonymousPaths.test(c.req.path)) {
      const { token, any } = soleSessionToken(c.req.header('cookie') ?? '', sessionCookieName);
      if (any) {
        const day = today();
        const check = async () => {
          const session = await deps.auth.api.getSession({ headers: c.req.raw.headers });
          return session ? viewerOn(db, session.user as unknown as AccountFacts, day) : null;
        };
        // A checked session is trusted for a minute (and until any change of data or session, which
        // clears the cache): a signed-in page then costs no query at all (ADR 0015 addendum). Refusals
        // are not kept, so invented tokens cannot fill the cache.
        const viewer = token
          ? await deps.cache.remember(`${sessionPrefix}${day}|${digestOf(token)}`, check, {
              maxAgeMs: sessionTrustMs,
              keep: (value) => value !== null,
            })
          : await check();
        c.set('viewer', viewer);
      }
    }
    const viewer = c.get('viewer');
    if (viewer?.requiresTwoFactor && !viewer.twoFactorEnabled) {
      if (isApi(c)) {
        return c.json(
          { code: 'TWO_FACTOR_REQUIRED', message: 'Set up two-factor sign-in before using the API.' },
          403,
        );
      }
      if (!allowedBeforeEnrolment.some((pattern) => pattern.test(c.req.path))) {
        return c.redirect('/account/two-factor', 303);
      }
    }
    await next();
    // A request that may have changed an account, a session or a key (signing in or out, two-factor, a
    // password, revoking a key) is followed by fresh checks of every session and key on this instance;
    // other instances hear of such changes from the database's notification (migrations 0014, 0021).
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      deps.cache.forget(sessionPrefix);
      deps.cache.forget(apiKeyPrefix);
    }
  };
}
