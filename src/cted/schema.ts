import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { memberStates } from '../countries/schema.ts';
import { entities } from '../directory/schema.ts';
import { accessLevel, documents } from '../documents/schema.ts';

export const assessmentKinds = ['comprehensive', 'focused', 'follow_up'] as const;
export type AssessmentKind = (typeof assessmentKinds)[number];
export const recommendationStatuses = ['open', 'in_progress', 'implemented', 'superseded'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];
export const priorities = ['high', 'medium', 'low'] as const;
export type Priority = (typeof priorities)[number];
/** The thematic areas of CTED's recommendations, named after the Security Council's resolutions' areas. */
export const themes = [
  'legislation',
  'criminal_justice',
  'law_enforcement',
  'border_management',
  'financing_of_terrorism',
  'international_cooperation',
  'countering_violent_extremism',
  'human_rights',
  'emerging_threats',
] as const;
export type Theme = (typeof themes)[number];

export const assessmentKind = pgEnum('cted_assessment_kind', assessmentKinds);
export const recommendationStatus = pgEnum('cted_recommendation_status', recommendationStatuses);
export const priority = pgEnum('cted_priority', priorities);

/**
 * A CTED assessment visit to a Member State (issue 7, ADR 0025). Its level is `un_system` when the State
 * agreed to wider sharing, `named` (CTED and the entities it names) when it did not; the State assessed
 * always sees its own (`subjectMemberStateId` in the policy). Its report is a document of the library.
 */
export const ctedAssessments = pgTable(
  'cted_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberStateId: uuid('member_state_id')
      .notNull()
      .references(() => memberStates.id),
    kind: assessmentKind('kind').notNull(),
    visitStart: date('visit_start').notNull(),
    visitEnd: date('visit_end').notNull(),
    /** Whether the State agreed that CTED share the report and recommendations with UN entities. */
    widerSharing: boolean('wider_sharing').notNull(),
    level: accessLevel('level').notNull(),
    namedEntityIds: uuid('named_entity_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ownerEntityId: uuid('owner_entity_id')
      .notNull()
      .references(() => entities.id),
    reportDocumentId: uuid('report_document_id').references(() => documents.id),
    summary: text('summary'),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cted_assessments_visit_key').on(t.memberStateId, t.visitStart),
    check('cted_assessments_dates', sql`${t.visitEnd} >= ${t.visitStart}`),
    check('cted_assessments_level', sql`${t.level} in ('un_system', 'named')`),
  ],
);

/**
 * A technical assistance recommendation of CTED: structured, monitored and updated. Its access facts are
 * its assessment's, copied so that lists, counts and the map filter one table.
 */
export const ctedRecommendations = pgTable(
  'cted_recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => ctedAssessments.id),
    memberStateId: uuid('member_state_id')
      .notNull()
      .references(() => memberStates.id),
    theme: text('theme').notNull(),
    priority: priority('priority').notNull(),
    text: text('text').notNull(),
    /** SHA-256 of the text folded (case, spaces): the same recommendation twice in one assessment is refused. */
    textKey: text('text_key').notNull(),
    status: recommendationStatus('status').notNull().default('open'),
    issuedOn: date('issued_on').notNull(),
    dueOn: date('due_on'),
    statusChangedOn: date('status_changed_on').notNull(),
    supersededById: uuid('superseded_by_id'),
    level: accessLevel('level').notNull(),
    namedEntityIds: uuid('named_entity_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ownerEntityId: uuid('owner_entity_id')
      .notNull()
      .references(() => entities.id),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cted_recommendations_text_key').on(t.assessmentId, t.textKey),
    index('cted_recommendations_state_idx').on(t.memberStateId, t.status),
    index('cted_recommendations_theme_idx').on(t.theme, t.status),
    check('cted_recommendations_level', sql`${t.level} in ('un_system', 'named')`),
    check('cted_recommendations_due', sql`${t.dueOn} is null or ${t.dueOn} >= ${t.issuedOn}`),
  ],
);

/** An entity saying it addresses a recommendation, and with what (a note; projects when they exist). */
export const ctedUptakes = pgTable(
  'cted_uptakes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => ctedRecommendations.id),
    entityId: uuid('entity_id')
      .notNull()
      .references(() => entities.id),
    note: text('note').notNull(),
    since: date('since').notNull(),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cted_uptakes_entity_key').on(t.recommendationId, t.entityId)],
);
