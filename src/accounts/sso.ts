import { and, eq, isNull } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/client.ts';
import { heldOn } from '../db/periods.ts';
import { entities } from '../directory/schema.ts';
import type { AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { account } from './schema.ts';
import { ssoProvider } from './sso-schema.ts';

/** Better Auth's path of the OpenID Connect callback, as hooks see it. */
export const ssoCallbackEndpoint = '/sso/callback/:providerId';

/** The provider id of an entity's OpenID provider: known before it is added, so is its callback address. */
export const ssoProviderIdFor = (entitySlug: string) => `oidc-${entitySlug}`;

/**
 * The only path of the plugin's under /api/auth/sso/ served to browsers: the callback. Providers are
 * managed on the secretariat's page, and SAML is not offered.
 */
export const servedSsoPath = /^\/api\/auth\/(?!sso\/)|^\/api\/auth\/sso\/callback\/[a-z0-9-]+$/;

export const ssoCallbackUrl = (baseUrl: string, providerId: string) =>
  `${baseUrl}/api/auth/sso/callback/${providerId}`;

/**
 * Why a single sign-on ended without a session (ADR 0019). Codes are stable: they reach the audit log
 * and the page that explains them. The last two are Better Auth's own.
 */
export const ssoRefusals = {
  providerDisabled: 'SSO_PROVIDER_DISABLED',
  domainNotAllowed: 'SSO_DOMAIN_NOT_ALLOWED',
  entityInactive: 'SSO_ENTITY_INACTIVE',
  notOidc: 'SSO_OIDC_ONLY',
  /** A different identity already holds this e-mail address: never taken over. */
  addressTaken: 'account not linked',
  /** The answer does not belong to a sign-in started in this browser, or was used already. */
  stateMismatch: 'state_mismatch',
} as const;

export interface SsoTarget {
  providerId: string;
  entityId: string;
  entityAcronym: string;
  emailDomains: string[];
  /** The entity takes part in the Compact today. */
  active: boolean;
}

/** The enabled provider with this id and the entity it signs people into, or null. */
export async function enabledSsoTarget(db: Db, providerId: string): Promise<SsoTarget | null> {
  const day = today();
  const [row] = await db
    .select({
      providerId: ssoProvider.providerId,
      entityId: entities.id,
      entityAcronym: entities.acronym,
      emailDomains: entities.emailDomains,
      active: heldOn(entities.joinedOn, entities.leftOn, day).mapWith(Boolean),
    })
    .from(ssoProvider)
    .innerJoin(entities, eq(entities.id, ssoProvider.entityId))
    .where(and(eq(ssoProvider.providerId, providerId), isNull(ssoProvider.disabledAt)));
  return row ?? null;
}

/** The enabled provider of the entity whose e-mail domains hold `email`, or null. */
export async function ssoTargetForEmail(db: Db, email: string): Promise<SsoTarget | null> {
  const domain = domainOf(email);
  if (!domain) return null;
  const rows = await db
    .select({ providerId: ssoProvider.providerId, emailDomains: entities.emailDomains })
    .from(ssoProvider)
    .innerJoin(entities, eq(entities.id, ssoProvider.entityId))
    .where(isNull(ssoProvider.disabledAt));
  const match = rows.find((row) => row.emailDomains.some((candidate) => candidate.toLowerCase() === domain));
  return match ? enabledSsoTarget(db, match.providerId) : null;
}

export function domainOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  return at > 0 ? email.slice(at + 1).toLowerCase() : null;
}

export const inDomains = (email: string, domains: readonly string[]) => {
  const domain = domainOf(email);
  return domain !== null && domains.some((candidate) => candidate.toLowerCase() === domain);
};

interface ValidatedUser {
  user: { email?: string | null | undefined };
  source: { method: string; action: string; sso?: { providerId: string } | undefined };
}

/**
 * Better Auth's `user.validateUserInfo` for single sign-on: the provider must be enabled and its entity
 * in the Compact; a new account only for an address in the entity's domains; never a link of a
 * provider identity to an existing account (Better Auth refuses that first, with account linking
 * off). A returning identity is not re-checked against the domains: it is matched by issuer and
 * subject, and its provider has vouched for it again.
 */
export function ssoUserPolicy(db: Db) {
  return async ({ user, source }: ValidatedUser) => {
    if (source.method === 'sso-saml') return { error: ssoRefusals.notOidc };
    if (source.method !== 'sso-oidc') return;
    const target = source.sso ? await enabledSsoTarget(db, source.sso.providerId) : null;
    if (!target) return { error: ssoRefusals.providerDisabled };
    if (!target.active) return { error: ssoRefusals.entityInactive };
    if (source.action === 'link-account') return { error: ssoRefusals.addressTaken };
    if (source.action === 'create-user' && !inDomains(user.email ?? '', target.emailDomains)) {
      return { error: ssoRefusals.domainNotAllowed };
    }
    return;
  };
}

/**
 * Better Auth's `databaseHooks.user.create.before`: the only users Better Auth itself creates are
 * single sign-on newcomers, and they become members of the provider's entity. Role and entity come
 * from the provider's configuration, never from its claims. Any other creation is refused.
 */
export function ssoAffiliation(db: Db) {
  return async (
    data: Record<string, unknown>,
    context: { path?: string; params?: Record<string, string | undefined> } | null,
  ) => {
    const providerId = context?.path === ssoCallbackEndpoint ? context.params?.providerId : undefined;
    const target = providerId ? await enabledSsoTarget(db, providerId) : null;
    if (!target) return false;
    return {
      data: {
        ...data,
        role: 'entity_member',
        entityId: target.entityId,
        memberStateId: null,
        emailVerified: true,
      },
    };
  };
}

/** Whether the user has a password here; people who sign in through their organisation have none. */
export async function hasPassword(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: account.id })
    .from(account)
    .where(and(eq(account.userId, userId), eq(account.providerId, 'credential')));
  return row !== undefined;
}

/**
 * The sign-in pages' forms end at an organisation's provider (POST /sign-in/sso answers with a redirect
 * there), and browsers hold that redirect to the page's CSP `form-action`. So on /sign-in pages only,
 * the origins of the enabled providers' authorization endpoints are added to it (see `formTargetsOf`).
 */
export function allowSsoFormTargets(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('formTargets', c.req.path.startsWith('/sign-in') ? await ssoFormTargets(db) : []);
    await next();
  };
}

export const formTargetsOf = (c: Context<AppEnv>) => (c.get('formTargets') ?? []).join(' ');

async function ssoFormTargets(db: Db): Promise<string[]> {
  const rows = await db
    .select({ oidcConfig: ssoProvider.oidcConfig })
    .from(ssoProvider)
    .where(isNull(ssoProvider.disabledAt));
  const origins = rows.flatMap((row) => {
    const endpoint = (JSON.parse(row.oidcConfig ?? '{}') as { authorizationEndpoint?: string })
      .authorizationEndpoint;
    return endpoint ? [new URL(endpoint).origin] : [];
  });
  return [...new Set(origins)];
}
