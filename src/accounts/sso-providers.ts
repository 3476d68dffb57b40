import { randomUUID } from 'node:crypto';
import { isPublicRoutableHost } from '@better-auth/core/utils/host';
import { DiscoveryError, discoverOIDCConfig } from '@better-auth/sso';
import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { entities } from '../directory/schema.ts';
import { ssoProviderIdFor } from './sso.ts';
import { ssoProvider } from './sso-schema.ts';

export type SsoProviderProblem =
  | 'entity_not_found'
  | 'no_domains'
  | 'issuer_locked'
  | 'discovery_failed'
  | 'private_address'
  | 'not_found';

export class SsoProviderError extends Error {
  constructor(readonly code: SsoProviderProblem) {
    super(code);
    this.name = 'SsoProviderError';
  }
}

export interface SsoProviderInput {
  entityId: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** What the plugin reads from `oidcConfig`: the client, and the provider's endpoints found at set-up. */
interface StoredOidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  pkce: true;
  scopes: string[];
  discoveryEndpoint: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksEndpoint: string;
  userInfoEndpoint?: string | undefined;
  tokenEndpointAuthentication?: Awaited<ReturnType<typeof discoverOIDCConfig>>['tokenEndpointAuthentication'];
}

/**
 * Whether the platform may fetch `url` while setting a provider up: https on a public address, or an
 * origin the operator listed in OIDC_TRUSTED_ORIGINS. Sign-ins are held to the same rule by the plugin.
 */
export function mayCallIdentityProvider(url: string, trustedOrigins: readonly string[]): boolean {
  const parsed = new URL(url);
  if (trustedOrigins.includes(parsed.origin)) return true;
  return parsed.protocol === 'https:' && isPublicRoutableHost(parsed.hostname);
}

/**
 * Reads the provider's discovery document, so a wrong issuer is reported while the secretariat is still
 * on the form, and so sign-ins need no discovery (the plugin would otherwise demand that every
 * provider's origin be trusted).
 */
async function discoverEndpoints(issuer: string, trustedOrigins: readonly string[]) {
  if (!mayCallIdentityProvider(issuer, trustedOrigins)) throw new SsoProviderError('private_address');
  try {
    return await discoverOIDCConfig({
      issuer,
      isTrustedOrigin: (url) => mayCallIdentityProvider(url, trustedOrigins),
    });
  } catch (error) {
    if (error instanceof DiscoveryError) throw new SsoProviderError('discovery_failed');
    throw error;
  }
}

/**
 * Adds or updates an entity's OpenID provider and turns it on (ADR 0019), audited in the same
 * transaction. The issuer of an entity's provider never changes: accounts are keyed by the provider
 * and the subject, so a new issuer would hand old accounts to whoever holds the same subject there.
 */
export async function configureSsoProvider(
  deps: { db: Db; trustedOrigins: readonly string[] },
  actorUserId: string,
  input: SsoProviderInput,
): Promise<string> {
  const { db } = deps;
  const [entity] = await db
    .select({ id: entities.id, slug: entities.slug, emailDomains: entities.emailDomains })
    .from(entities)
    .where(eq(entities.id, input.entityId));
  if (!entity) throw new SsoProviderError('entity_not_found');
  if (entity.emailDomains.length === 0) throw new SsoProviderError('no_domains');
  const [existing] = await db.select().from(ssoProvider).where(eq(ssoProvider.entityId, entity.id));
  if (existing && existing.issuer !== input.issuer) throw new SsoProviderError('issuer_locked');
  const discovered = await discoverEndpoints(input.issuer, deps.trustedOrigins);
  const oidcConfig: StoredOidcConfig = {
    issuer: input.issuer,
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    pkce: true,
    scopes: ['openid', 'email', 'profile'],
    discoveryEndpoint: discovered.discoveryEndpoint,
    authorizationEndpoint: discovered.authorizationEndpoint,
    tokenEndpoint: discovered.tokenEndpoint,
    jwksEndpoint: discovered.jwksEndpoint,
    userInfoEndpoint: discovered.userInfoEndpoint,
    tokenEndpointAuthentication: discovered.tokenEndpointAuthentication,
  };
  const providerId = ssoProviderIdFor(entity.slug);
  const values = {
    issuer: input.issuer,
    oidcConfig: JSON.stringify(oidcConfig),
    domain: entity.emailDomains.join(','),
    userId: actorUserId,
    disabledAt: null,
  };
  await db.transaction(async (tx) => {
    if (existing) await tx.update(ssoProvider).set(values).where(eq(ssoProvider.id, existing.id));
    else
      await tx.insert(ssoProvider).values({ id: randomUUID(), providerId, entityId: entity.id, ...values });
    await recordAudit(tx, {
      action: existing ? 'sso.provider_updated' : 'sso.provider_added',
      subjectType: 'sso_provider',
      subjectId: providerId,
      actorUserId,
      details: { entityId: entity.id, issuer: input.issuer, clientId: input.clientId },
    });
  });
  return providerId;
}

/** Turns an entity's provider off (its people can no longer sign in through it) or on again. */
export async function setSsoProviderEnabled(
  db: Db,
  actorUserId: string,
  providerId: string,
  enabled: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(ssoProvider)
      .set({ disabledAt: enabled ? null : new Date() })
      .where(eq(ssoProvider.providerId, providerId))
      .returning({ entityId: ssoProvider.entityId });
    const [row] = changed;
    if (!row) throw new SsoProviderError('not_found');
    await recordAudit(tx, {
      action: enabled ? 'sso.provider_enabled' : 'sso.provider_disabled',
      subjectType: 'sso_provider',
      subjectId: providerId,
      actorUserId,
      details: { entityId: row.entityId },
    });
  });
}

export interface SsoProviderSummary {
  providerId: string;
  entityAcronym: string;
  issuer: string;
  clientId: string;
  enabled: boolean;
}

/** Every configured provider for the secretariat's page: never the client secret. */
export async function listSsoProviders(db: Db): Promise<SsoProviderSummary[]> {
  const rows = await db
    .select({
      providerId: ssoProvider.providerId,
      entityAcronym: entities.acronym,
      issuer: ssoProvider.issuer,
      oidcConfig: ssoProvider.oidcConfig,
      disabledAt: ssoProvider.disabledAt,
    })
    .from(ssoProvider)
    .innerJoin(entities, eq(entities.id, ssoProvider.entityId))
    .orderBy(asc(entities.acronym));
  return rows.map((row) => ({
    providerId: row.providerId,
    entityAcronym: row.entityAcronym,
    issuer: row.issuer,
    clientId: (JSON.parse(row.oidcConfig ?? '{}') as { clientId?: string }).clientId ?? '',
    enabled: row.disabledAt === null,
  }));
}
