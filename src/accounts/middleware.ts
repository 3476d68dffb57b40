import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { verifyApiKey } from './api-keys.ts';
import { apiKeyHeader } from './auth.ts';
import { type AccountFacts, viewerOfUser, viewerOn } from './viewer.ts';

/** Better Auth's session cookie: `ccp.session_token` over http, `__Host-ccp.session_token` over https. */
const sessionCookie = /(?:^|;\s*)(?:__Host-)?ccp\.session_token=/;

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
  return async (c, next) => {
    c.set('viewer', null);
    c.set('apiKey', null);
    const key = isApi(c) ? c.req.header(apiKeyHeader) : undefined;
    if (key) {
      const verified = await verifyApiKey(deps.auth, key);
      if ('code' in verified)
        return c.json({ code: verified.code, message: 'The API key is not valid.' }, 401);
      const owner = await viewerOfUser(db, verified.userId, today());
      if (!owner) return c.json({ code: 'INVALID_API_KEY', message: 'The API key is not valid.' }, 401);
      if (verified.scope === 'read' && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
        return c.json({ code: 'API_KEY_READ_ONLY', message: 'This API key may only read.' }, 403);
      }
      c.set('viewer', owner);
      c.set('apiKey', verified);
    } else if (!anonymousPaths.test(c.req.path) && sessionCookie.test(c.req.header('cookie') ?? '')) {
      const session = await deps.auth.api.getSession({ headers: c.req.raw.headers });
      if (session) c.set('viewer', await viewerOn(db, session.user as unknown as AccountFacts, today()));
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
  };
}
