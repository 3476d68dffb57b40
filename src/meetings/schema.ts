import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from '../accounts/schema.ts';
import { bodies } from '../bodies/schema.ts';
import { memberStates } from '../countries/schema.ts';
import { entities } from '../directory/schema.ts';
import { accessLevel } from '../documents/schema.ts';

export const meetingTypes = [
  'regular',
  'in_focus',
  'principal_committee',
  'briefing',
  'workshop',
  'conference',
  'side_event',
] as const;
export type MeetingType = (typeof meetingTypes)[number];
export const meetingType = pgEnum('meeting_type', meetingTypes);

export const modalities = ['in_person', 'virtual', 'hybrid'] as const;
export type Modality = (typeof modalities)[number];
export const modality = pgEnum('meeting_modality', modalities);

export const agendaStatus = pgEnum('agenda_status', ['draft', 'circulated']);
export const minutesStatus = pgEnum('minutes_status', ['draft', 'approved']);

export const actionItemStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];
export const actionItemStatus = pgEnum('action_item_status', actionItemStatuses);

export const inviteeKinds = ['body', 'entity', 'person', 'regional_group'] as const;
export type InviteeKind = (typeof inviteeKinds)[number];
export const inviteeKind = pgEnum('invitee_kind', inviteeKinds);

/**
 * A meeting of a body, or of the Compact as a whole (no body): its facts and the facts the access policy
 * reads (ADR 0013, 0024). Times are instants; `timeZone` is where the meeting is held, so that it can be
 * shown in its own zone next to each viewer's.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id').references(() => bodies.id),
    type: meetingType('type').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    timeZone: text('time_zone').notNull(),
    modality: modality('modality').notNull(),
    venue: text('venue'),
    /** Shown to invitees and organisers only. */
    onlineLink: text('online_link'),
    /** UN regional groups a meeting is about (briefings for Member States of a region). */
    regions: text('regions').array().notNull().default(sql`'{}'::text[]`),
    level: accessLevel('level').notNull(),
    ownerEntityId: uuid('owner_entity_id').references(() => entities.id),
    namedEntityIds: uuid('named_entity_ids').array().notNull().default(sql`'{}'::uuid[]`),
    namedMemberStateIds: uuid('named_member_state_ids').array().notNull().default(sql`'{}'::uuid[]`),
    agendaStatus: agendaStatus('agenda_status').notNull().default('draft'),
    agendaCirculatedAt: timestamp('agenda_circulated_at', { withTimezone: true }),
    /** Optimistic lock of the agenda alone, so that editing it does not clash with editing the meeting. */
    agendaVersion: integer('agenda_version').notNull().default(1),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    /** A cancelled meeting stays, marked, so that calendars and people learn it will not take place. */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancellationNote: text('cancellation_note'),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meetings_starts_idx').on(t.startsAt, t.id),
    index('meetings_body_idx').on(t.bodyId, t.startsAt),
    index('meetings_level_idx').on(t.level, t.startsAt),
    index('meetings_reminder_idx').on(t.startsAt).where(sql`${t.reminderSentAt} is null`),
    check('meetings_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    check('meetings_body_level_has_body', sql`${t.level} <> 'body' or ${t.bodyId} is not null`),
  ],
);

/** An agenda item: its place, what it is, who presents it and the documents it rests on. */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    presenterEntityIds: uuid('presenter_entity_ids').array().notNull().default(sql`'{}'::uuid[]`),
    documentIds: uuid('document_ids').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [uniqueIndex('agenda_items_position_key').on(t.meetingId, t.position)],
);

/** Who is invited: a body (its members on the day), an entity, a person, or a UN regional group's States. */
export const meetingInvitations = pgTable(
  'meeting_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: inviteeKind('kind').notNull(),
    bodyId: uuid('body_id').references(() => bodies.id),
    entityId: uuid('entity_id').references(() => entities.id),
    userId: text('user_id').references(() => user.id, { onDelete: 'cascade' }),
    regionalGroup: text('regional_group'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meeting_invitations_meeting_idx').on(t.meetingId),
    index('meeting_invitations_user_idx').on(t.userId),
    index('meeting_invitations_entity_idx').on(t.entityId),
    check(
      'meeting_invitations_one_target',
      sql`num_nonnulls(${t.bodyId}, ${t.entityId}, ${t.userId}, ${t.regionalGroup}) = 1`,
    ),
  ],
);

/** An invitee who said they will come. */
export const meetingRegistrations = pgTable(
  'meeting_registrations',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_registrations_key').on(t.meetingId, t.userId)],
);

/**
 * One representative who attended, by person and by the entity or Member State they represented:
 * "95 representatives of 23 entities" is a count of these rows and of their distinct entities.
 */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    entityId: uuid('entity_id').references(() => entities.id),
    memberStateId: uuid('member_state_id').references(() => memberStates.id),
  },
  (t) => [
    index('meeting_attendance_meeting_idx').on(t.meetingId),
    check('meeting_attendance_represents_one', sql`num_nonnulls(${t.entityId}, ${t.memberStateId}) = 1`),
  ],
);

/** The minutes of a meeting, written on the platform (Markdown), a draft until the chair approves them. */
export const meetingMinutes = pgTable('meeting_minutes', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  status: minutesStatus('status').notNull().default('draft'),
  approvedBy: text('approved_by'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A decision taken at a meeting, in the order recorded. */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('meeting_decisions_position_key').on(t.meetingId, t.position)],
);

/** Something a meeting asked an entity or a person to do by a day; it is seen by whoever sees the meeting. */
export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    ownerEntityId: uuid('owner_entity_id').references(() => entities.id),
    ownerUserId: text('owner_user_id').references(() => user.id, { onDelete: 'set null' }),
    dueOn: date('due_on').notNull(),
    status: actionItemStatus('status').notNull().default('open'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('action_items_meeting_idx').on(t.meetingId),
    index('action_items_owner_entity_idx').on(t.ownerEntityId, t.dueOn),
    index('action_items_owner_user_idx').on(t.ownerUserId, t.dueOn),
    index('action_items_due_idx').on(t.dueOn).where(sql`${t.status} in ('open', 'in_progress')`),
    check('action_items_has_owner', sql`num_nonnulls(${t.ownerEntityId}, ${t.ownerUserId}) >= 1`),
  ],
);

/**
 * A private calendar feed address: a secret token whose hash is kept, so a leaked database does not leak
 * feeds. Revoking it stops the address at once.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_key').on(t.tokenHash),
    index('calendar_feeds_user_idx').on(t.userId),
  ],
);

export type MeetingRow = typeof meetings.$inferSelect;
export type ActionItemRow = typeof actionItems.$inferSelect;
