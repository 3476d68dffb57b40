import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import type { Auth } from './auth.ts';
import { apikey } from './schema.ts';

/** What a key may do: `read` keys only read (GET); `read_write` keys may also change what their owner may. */
export const apiKeyScopes = ['read', 'read_write'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];
export const apiKeyLifetimes = [30, 90, 365] as const;

const permissionsOf = (scope: ApiKeyScope) => ({ platform: scope === 'read' ? ['read'] : ['read', 'write'] });

export function scopeOf(permissions: unknown): ApiKeyScope {
  const parsed = typeof permissions === 'string' ? (JSON.parse(permissions) as unknown) : permissions;
  const platform = (parsed as { platform?: unknown } | null)?.platform;
  return Array.isArray(platform) && platform.includes('write') ? 'read_write' : 'read';
}

/**
 * Creates a key for its owner, who is signed in (ADR 0017). The scope is set here, on the server: a client
 * cannot give a key permissions. Returns the key in clear, the only time it exists outside the hash.
 */
export async function createApiKey(
  db: Db,
  auth: Auth,
  owner: { userId: string },
  input: { name: string; scope: ApiKeyScope; days: number },
): Promise<{ id: string; key: string }> {
  const created = await auth.api.createApiKey({
    body: {
      userId: owner.userId,
      name: input.name,
      expiresIn: input.days * 24 * 60 * 60,
      permissions: permissionsOf(input.scope),
    },
  });
  await recordAudit(db, {
    action: 'api_key.created',
    subjectType: 'api_key',
    subjectId: created.id,
    actorUserId: owner.userId,
    details: { name: input.name, scope: input.scope, days: input.days },
  });
  return { id: created.id, key: created.key };
}

export async function listApiKeys(db: Db, userId: string) {
  const rows = await db
    .select({
      id: apikey.id,
      name: apikey.name,
      start: apikey.start,
      permissions: apikey.permissions,
      expiresAt: apikey.expiresAt,
      lastRequest: apikey.lastRequest,
      createdAt: apikey.createdAt,
    })
    .from(apikey)
    .where(eq(apikey.referenceId, userId))
    .orderBy(desc(apikey.createdAt));
  return rows.map(({ permissions, ...row }) => ({ ...row, scope: scopeOf(permissions) }));
}

/** Revokes one of the owner's keys; another user's key id finds nothing. */
export async function revokeApiKey(db: Db, userId: string, keyId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(apikey)
      .where(and(eq(apikey.id, keyId), eq(apikey.referenceId, userId)))
      .returning({ id: apikey.id, name: apikey.name });
    if (deleted.length === 0) return false;
    await recordAudit(tx, {
      action: 'api_key.revoked',
      subjectType: 'api_key',
      subjectId: keyId,
      actorUserId: userId,
      details: { name: deleted[0]?.name ?? null },
    });
    return true;
  });
}

export interface VerifiedKey {
  id: string;
  userId: string;
  scope: ApiKeyScope;
  expiresAt: Date | null;
}

/** Checks a key: unknown, revoked, disabled and expired keys give a stable code, never a session. */
export async function verifyApiKey(auth: Auth, key: string): Promise<VerifiedKey | { code: string }> {
  const result = await auth.api.verifyApiKey({ body: { key } });
  if (!result.valid || !result.key) return { code: result.error?.code ?? 'INVALID_API_KEY' };
  return {
    id: result.key.id,
    userId: result.key.referenceId,
    scope: scopeOf(result.key.permissions),
    expiresAt: result.key.expiresAt ? new Date(result.key.expiresAt) : null,
  };
}
