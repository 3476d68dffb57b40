import type { Db } from '../db/client.ts';
import type { Actor } from '../policy/actor.ts';
import { isRestricted } from '../policy/levels.ts';
import type { ProtectedRecord } from '../policy/visibility.ts';
import { type AuditEvent, auditEvents } from './schema.ts';

/**
 * Writes one audit event. Pass the transaction of the change it records, so the event and the change
 * commit or roll back together (ADR 0014).
 */
export async function recordAudit(db: Pick<Db, 'insert'>, event: AuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}

/** Who did it, as every audit event records it. */
export function auditedBy(actor: Actor): { actorUserId: string | null; actorEntityId: string | null } {
  return {
    actorUserId: actor.kind === 'anonymous' ? null : actor.userId,
    actorEntityId: actor.kind === 'entity' || actor.kind === 'secretariat' ? actor.entityId : null,
  };
}

/**
 * Audits a read or download of a record above the `compact` level (ADR 0014): who, which record, and the
 * entity that owns it, which may then see who opened its records. Reads of wider records are not logged.
 * Returns whether an event was written.
 */
export async function recordRestrictedRead(
  db: Pick<Db, 'insert'>,
  actor: Actor,
  subject: { type: string; id: string; record: ProtectedRecord },
  action: 'read' | 'download',
): Promise<boolean> {
  if (!isRestricted(subject.record.level)) return false;
  await recordAudit(db, {
    action: action === 'read' ? 'record.read' : 'record.downloaded',
    subjectType: subject.type,
    subjectId: subject.id,
    subjectOwnerEntityId: subject.record.ownerEntityId,
    ...auditedBy(actor),
    details: { level: subject.record.level },
  });
  return true;
}
