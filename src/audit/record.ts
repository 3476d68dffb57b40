import type { Db } from '../db/client.ts';
import { type AuditEvent, auditEvents } from './schema.ts';

/**
 * Writes one audit event. Pass the transaction of the change it records, so the event and the change
 * commit or roll back together (ADR 0014).
 */
export async function recordAudit(db: Pick<Db, 'insert'>, event: AuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}
