import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The audit log (ADR 0014): append-only. The database refuses UPDATE, DELETE and TRUNCATE on it
 * (migration 0003), so no code path of the application, and no bug in one, can rewrite history.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: text('actor_user_id'),
    actorEntityId: text('actor_entity_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    /** The entity that owns the subject, for reads of restricted records: it may see who opened them. */
    subjectOwnerEntityId: text('subject_owner_entity_id'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_subject_idx').on(t.subjectType, t.subjectId),
    index('audit_events_owner_idx').on(t.subjectOwnerEntityId, t.id),
  ],
);

export type AuditEvent = typeof auditEvents.$inferInsert;
