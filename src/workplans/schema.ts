import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bodies } from '../bodies/schema.ts';
import { entities } from '../directory/schema.ts';
import { accessLevel, documents } from '../documents/schema.ts';
import { meetings } from '../meetings/schema.ts';
import type { LocalizedText } from '../web/i18n/locales.ts';

export const workPlanStatus = pgEnum('work_plan_status', ['draft', 'adopted']);
export const activityStatus = pgEnum('activity_status', [
  'not_started',
  'on_track',
  'at_risk',
  'done',
  'dropped',
]);
export const evidenceKind = pgEnum('evidence_kind', ['document', 'meeting', 'url']);

/**
 * The Joint Programme of Work's overarching priorities (ADR 0026): a managed list, seeded from the 2022
 * annual report by migration, to which work plan outputs are linked.
 */
export const jpowPriorities = pgTable(
  'jpow_priorities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** "1", "1.iii", "2": as the Joint Programme numbers them. */
    code: text('code').notNull(),
    /** The Joint Programme of Work it belongs to, e.g. "2022-2023". */
    programme: text('programme').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('jpow_priorities_code_key').on(t.programme, t.code)],
);

/**
 * A body's work plan for a period of years (2021-2022). Reading follows its access level through the
 * one access policy (ADR 0013); the body's chairs and the secretariat edit it.
 */
export const workPlans = pgTable(
  'work_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    startYear: smallint('start_year').notNull(),
    endYear: smallint('end_year').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    status: workPlanStatus('status').notNull().default('draft'),
    level: accessLevel('level').notNull().default('compact'),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('work_plans_body_period_key').on(t.bodyId, t.startYear, t.endYear),
    index('work_plans_period_idx').on(t.startYear, t.endYear),
    check(
      'work_plans_period_in_order',
      sql`${t.endYear} >= ${t.startYear} and ${t.endYear} - ${t.startYear} <= 4`,
    ),
    check('work_plans_level_of_a_body', sql`${t.level} <> 'named'`),
  ],
);

/** An output of a work plan, in its order, linked to the Joint Programme's priorities it serves. */
export const workPlanOutputs = pgTable(
  'work_plan_outputs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workPlanId: uuid('work_plan_id')
      .notNull()
      .references(() => workPlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    priorityIds: uuid('priority_ids').array().notNull().default(sql`'{}'::uuid[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('work_plan_outputs_plan_idx').on(t.workPlanId, t.position)],
);

/** An activity under an output: who leads it, who partners, when, and how it stands. */
export const workPlanActivities = pgTable(
  'work_plan_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workPlanId: uuid('work_plan_id')
      .notNull()
      .references(() => workPlans.id, { onDelete: 'cascade' }),
    outputId: uuid('output_id')
      .notNull()
      .references(() => workPlanOutputs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    leadEntityId: uuid('lead_entity_id')
      .notNull()
      .references(() => entities.id),
    partnerEntityIds: uuid('partner_entity_ids').array().notNull().default(sql`'{}'::uuid[]`),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: activityStatus('status').notNull().default('not_started'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('work_plan_activities_output_idx').on(t.outputId, t.position),
    index('work_plan_activities_plan_idx').on(t.workPlanId),
    index('work_plan_activities_lead_idx').on(t.leadEntityId),
    check('work_plan_activities_dates_in_order', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** A quarterly progress update on an activity: what happened, and the status it had then. */
export const workPlanUpdates = pgTable(
  'work_plan_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workPlanId: uuid('work_plan_id')
      .notNull()
      .references(() => workPlans.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => workPlanActivities.id, { onDelete: 'cascade' }),
    /** "2022-Q3". */
    quarter: text('quarter').notNull(),
    status: activityStatus('status').notNull(),
    text: text('text').notNull(),
    /** The account that posted it (as `documents.created_by`: accounts are never deleted, no key needed). */
    authorUserId: text('author_user_id'),
    authorEntityId: uuid('author_entity_id').references(() => entities.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('work_plan_updates_activity_idx').on(t.activityId, t.quarter),
    index('work_plan_updates_plan_idx').on(t.workPlanId),
    check('work_plan_updates_quarter_format', sql`${t.quarter} ~ '^[0-9]{4}-Q[1-4]$'`),
  ],
);

/**
 * What a progress update points to as evidence: a document of the library, a meeting, or a web page.
 */
export const workPlanEvidence = pgTable(
  'work_plan_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    updateId: uuid('update_id')
      .notNull()
      .references(() => workPlanUpdates.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: evidenceKind('kind').notNull(),
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
    url: text('url'),
  },
  (t) => [
    index('work_plan_evidence_update_idx').on(t.updateId, t.position),
    index('work_plan_evidence_document_idx').on(t.documentId),
    check(
      'work_plan_evidence_one_target',
      sql`(${t.kind} = 'document' and ${t.documentId} is not null and ${t.meetingId} is null and ${t.url} is null)
        or (${t.kind} = 'meeting' and ${t.meetingId} is not null and ${t.documentId} is null and ${t.url} is null)
        or (${t.kind} = 'url' and ${t.url} is not null and ${t.documentId} is null and ${t.meetingId} is null)`,
    ),
  ],
);

export type WorkPlanRow = typeof workPlans.$inferSelect;
export type ActivityStatus = (typeof activityStatus.enumValues)[number];
export const activityStatuses = activityStatus.enumValues;
export const workPlanStatuses = workPlanStatus.enumValues;
