import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { type Role, user } from '../accounts/schema.ts';
import { memberStates } from '../countries/schema.ts';
import { entities } from '../directory/schema.ts';

/**
 * An invitation to create an account (ADR 0016). Only a hash of its token is stored; it expires, can be
 * revoked, and is used at most once (`accepted_at` is set by the same statement that checks it is unset).
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    role: text('role').$type<Role>().notNull(),
    entityId: uuid('entity_id').references(() => entities.id, { onDelete: 'cascade' }),
    memberStateId: uuid('member_state_id').references(() => memberStates.id, { onDelete: 'cascade' }),
    invitedBy: text('invited_by')
      .notNull()
      .references(() => user.id, { onDelete: 'restrict' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash),
    index('invitations_entity_idx').on(t.entityId),
    check(
      'invitations_affiliation_matches_role',
      sql`(${t.role} in ('entity_focal_point', 'entity_member') and ${t.entityId} is not null and ${t.memberStateId} is null)
        or (${t.role} = 'member_state_focal_point' and ${t.memberStateId} is not null and ${t.entityId} is null)`,
    ),
  ],
);

export type InvitationRow = typeof invitations.$inferSelect;
