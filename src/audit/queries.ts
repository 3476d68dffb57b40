import { and, count, desc, eq, gte, ilike, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import type { Db } from '../db/client.ts';
import { entities } from '../directory/schema.ts';
import { auditEvents } from './schema.ts';

export interface AuditFilters {
  action?: string | undefined;
  who?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function conditions(filters: AuditFilters): SQL | undefined {
  const escapeLike = (value: string) => value.replace(/[\\%_]/g, (match) => `\\${match}`);
  return and(
    filters.action ? eq(auditEvents.action, filters.action) : undefined,
    filters.who ? ilike(user.email, `%${escapeLike(filters.who)}%`) : undefined,
    filters.from ? gte(auditEvents.occurredAt, new Date(`${filters.from}T00:00:00Z`)) : undefined,
    filters.to
      ? lt(auditEvents.occurredAt, sql`${`${filters.to}T00:00:00Z`}::timestamptz + interval '1 day'`)
      : undefined,
  );
}

/** Audit entries for the secretariat, newest first, with the acting user's address (ADR 0014). */
export async function searchAudit(db: Db, filters: AuditFilters, page: { limit: number; offset: number }) {
  const where = conditions(filters);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditEvents.id,
        occurredAt: auditEvents.occurredAt,
        action: auditEvents.action,
        actorEmail: user.email,
        actorUserId: auditEvents.actorUserId,
        subjectType: auditEvents.subjectType,
        subjectId: auditEvents.subjectId,
        details: auditEvents.details,
      })
      .from(auditEvents)
      .leftJoin(user, eq(user.id, auditEvents.actorUserId))
      .where(where)
      .orderBy(desc(auditEvents.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: count() })
      .from(auditEvents)
      .leftJoin(user, eq(user.id, auditEvents.actorUserId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .orderBy(auditEvents.action);
  return rows.map((row) => row.action);
}

/**
 * Who opened an entity's restricted records (issue 3): the audited reads and downloads of records it owns,
 * newest first, with the reader's address and entity.
 */
export async function readsOfOwnRecords(db: Db, entityId: string, page: { limit: number; offset: number }) {
  const where = and(
    eq(auditEvents.subjectOwnerEntityId, entityId),
    inArray(auditEvents.action, ['record.read', 'record.downloaded']),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditEvents.id,
        occurredAt: auditEvents.occurredAt,
        action: auditEvents.action,
        actorEmail: user.email,
        actorEntity: entities.acronym,
        subjectType: auditEvents.subjectType,
        subjectId: auditEvents.subjectId,
      })
      .from(auditEvents)
      .leftJoin(user, eq(user.id, auditEvents.actorUserId))
      .leftJoin(entities, sql`${entities.id}::text = ${auditEvents.actorEntityId}`)
      .where(where)
      .orderBy(desc(auditEvents.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
