import type { GenericEndpointContext } from '@better-auth/core';
import { APIError } from 'better-auth/api';
import { deleteSessionCookie } from 'better-auth/cookies';
import { generateRandomString } from 'better-auth/crypto';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { safeReturnPath } from '../web/language.ts';

/** How long the second step may wait after the organisation's sign-in, as for a password sign-in. */
const secondStepSeconds = 10 * 60;

type CallbackContext = GenericEndpointContext & {
  context: GenericEndpointContext['context'] & { returned?: unknown; responseHeaders?: Headers | undefined };
};

/** Where Better Auth's callback is about to send the browser, and the `error` it names, if any. */
function redirectOf(ctx: CallbackContext, baseUrl: string): { to: URL | null; error: string | null } {
  const returned = ctx.context.returned;
  // The callback always ends in a redirect; its headers are gathered here before the after hooks run.
  const location =
    ctx.context.responseHeaders?.get('location') ??
    (returned instanceof APIError ? new Headers(returned.headers).get('location') : null);
  if (!location) return { to: null, error: 'UNKNOWN' };
  const to = new URL(location, baseUrl);
  return { to, error: to.searchParams.get('error') };
}

/**
 * Runs after Better Auth's OpenID Connect callback (ADR 0019): writes the sign-in or its failure to the
 * audit log, and holds back the session of a user who has two-factor on until the second step, the
 * way Better Auth's two-factor plugin does after a password (it only watches password sign-ins).
 */
export async function afterSsoCallback(
  ctx: CallbackContext,
  options: { db: Db; baseUrl: string },
): Promise<void> {
  const providerId = String(ctx.params?.providerId ?? '').slice(0, 100);
  const signedIn = ctx.context.newSession;
  const { to, error } = redirectOf(ctx, options.baseUrl);
  if (!signedIn) {
    await recordAudit(options.db, {
      action: 'auth.sign_in_failed',
      subjectType: 'user',
      details: { path: '/sso/callback', providerId, code: (error ?? 'UNKNOWN').slice(0, 100) },
    });
    return;
  }
  const user = signedIn.user as typeof signedIn.user & { twoFactorEnabled?: boolean | null };
  if (!user.twoFactorEnabled) {
    await recordAudit(options.db, {
      action: 'auth.signed_in',
      subjectType: 'user',
      subjectId: user.id,
      actorUserId: user.id,
      details: { path: '/sso/callback', providerId },
    });
    return;
  }
  deleteSessionCookie(ctx, true);
  await ctx.context.internalAdapter.deleteSession(signedIn.session.token);
  ctx.context.setNewSession(null);
  // The same pending-sign-in record and signed cookie the two-factor plugin's verify endpoints read.
  const cookie = ctx.context.createAuthCookie('two_factor', { maxAge: secondStepSeconds });
  const identifier = `2fa-${generateRandomString(20)}`;
  const expiresAt = new Date(Date.now() + secondStepSeconds * 1000);
  await ctx.context.internalAdapter.createVerificationValue({ value: user.id, identifier, expiresAt });
  await ctx.context.internalAdapter.createVerificationValue({
    value: '0',
    identifier: `2fa-attempts-${identifier}`,
    expiresAt,
  });
  await ctx.setSignedCookie(cookie.name, identifier, ctx.context.secret, cookie.attributes);
  await recordAudit(options.db, {
    action: 'auth.second_factor_requested',
    subjectType: 'user',
    subjectId: user.id,
    details: { path: '/sso/callback', providerId },
  });
  const returnTo = safeReturnPath(
    to && to.origin === new URL(options.baseUrl).origin ? to.pathname + to.search : '/',
  );
  throw ctx.redirect(`${options.baseUrl}/sign-in/two-factor?returnTo=${encodeURIComponent(returnTo)}`);
}
