import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../web/i18n/locales.ts';

/** The 193 UN Member States, with their UN geographic region and subregion and their UN regional group. */
export const memberStates = pgTable(
  'member_states',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A compact id, for values stored many times over: the library's facet keys (ADR 0028). */
    shortId: integer('short_id').generatedAlwaysAsIdentity(),
    iso3: text('iso3').notNull(),
    iso2: text('iso2').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    region: text('region').notNull(),
    subregion: text('subregion').notNull(),
    regionalGroup: text('regional_group').notNull(),
  },
  (t) => [uniqueIndex('member_states_iso3_key').on(t.iso3)],
);

/**
 * What a Member State writes about itself (issue 7): its national counter-terrorism priorities, good
 * practices, challenges, the contacts of its focal points, and the status of its national or regional
 * strategy (ADR 0025).
 */
export const sectionKinds = ['priorities', 'good_practices', 'challenges', 'contacts', 'strategy'] as const;
export type SectionKind = (typeof sectionKinds)[number];
/** A section is public or for the Compact only; the State itself always sees its own. */
export const sectionLevels = ['public', 'compact'] as const;
export type SectionLevel = (typeof sectionLevels)[number];
export const strategyStatuses = ['adopted', 'in_preparation', 'under_review', 'none'] as const;
export type StrategyStatus = (typeof strategyStatuses)[number];
/** Where a draft stands: the State is writing it, it waits for the secretariat, or it came back. */
export const draftStates = ['editing', 'submitted', 'returned'] as const;
export type DraftState = (typeof draftStates)[number];

export const sectionKind = pgEnum('country_section_kind', sectionKinds);
export const sectionLevel = pgEnum('country_section_level', sectionLevels);
export const strategyStatus = pgEnum('country_strategy_status', strategyStatuses);
export const draftState = pgEnum('country_draft_state', draftStates);

/**
 * One section of a State's page: its draft (seen by the State and, once submitted, the secretariat) and
 * a copy of its latest published version, which lists, counts and the map read through the policy. Every
 * published version is also kept in `country_section_versions`.
 */
export const countrySections = pgTable(
  'country_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberStateId: uuid('member_state_id')
      .notNull()
      .references(() => memberStates.id),
    kind: sectionKind('kind').notNull(),
    draftState: draftState('draft_state'),
    draftText: text('draft_text'),
    draftLevel: sectionLevel('draft_level'),
    draftStrategyStatus: strategyStatus('draft_strategy_status'),
    draftUpdatedBy: text('draft_updated_by'),
    draftUpdatedAt: timestamp('draft_updated_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** The secretariat's comment when it returned the draft. */
    reviewComment: text('review_comment'),
    publishedNumber: integer('published_number').notNull().default(0),
    publishedText: text('published_text'),
    publishedLevel: sectionLevel('published_level'),
    publishedStrategyStatus: strategyStatus('published_strategy_status'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('country_sections_state_kind_key').on(t.memberStateId, t.kind),
    index('country_sections_submitted_idx').on(t.submittedAt).where(sql`${t.draftState} = 'submitted'`),
    check(
      'country_sections_published_complete',
      sql`(${t.publishedNumber} = 0) = (${t.publishedLevel} is null)`,
    ),
    check('country_sections_draft_complete', sql`(${t.draftState} is null) = (${t.draftLevel} is null)`),
  ],
);

/** Every published version of a section, kept for ever so versions can be compared. */
export const countrySectionVersions = pgTable(
  'country_section_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => countrySections.id),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    level: sectionLevel('level').notNull(),
    strategyStatus: strategyStatus('strategy_status'),
    submittedBy: text('submitted_by'),
    publishedBy: text('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('country_section_versions_number_key').on(t.sectionId, t.number)],
);
