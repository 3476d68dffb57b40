import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { viewerOn } from './viewer.ts';

const sessionCookie = /(?:^|;\s*)(?:__Secure-)?ccp\.session_token=/;

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

/**
 * Who is asking: the session's user turned into a Viewer for today, or null. A request without a session
 * cookie costs nothing; one with a stale or revoked session is treated as a visitor. Users whose role
 * needs two-factor and who have not set it up are sent to set it up first (ADR 0015).
 */
export function identifyViewer(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('viewer', null);
    if (!anonymousPaths.test(c.req.path) && sessionCookie.test(c.req.header('cookie') ?? '')) {
      const session = await deps.auth.api.getSession({ headers: c.req.raw.headers });
      if (session) {
        const account = session.user as unknown as Parameters<typeof viewerOn>[1];
        c.set('viewer', await viewerOn(deps.database.db, account, today()));
      }
    }
    const viewer = c.get('viewer');
    if (viewer?.requiresTwoFactor && !viewer.twoFactorEnabled) {
      if (!allowedBeforeEnrolment.some((pattern) => pattern.test(c.req.path))) {
        return c.redirect('/account/two-factor', 303);
      }
    }
    await next();
  };
}
