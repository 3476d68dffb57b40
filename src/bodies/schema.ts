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
import { entities, participation } from '../directory/schema.ts';
import type { LocalizedText } from '../web/i18n/locales.ts';

export const bodyKind = pgEnum('body_kind', ['coordination_committee', 'working_group']);
export const chairSeat = pgEnum('chair_seat', ['chair', 'vice_chair']);

/** The Coordination Committee and the working groups; a working group sits under one GCTS pillar (1-4). */
export const bodies = pgTable(
  'bodies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A compact id, for values stored many times over: the library's facet keys (ADR 0028). */
    shortId: integer('short_id').generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    kind: bodyKind('kind').notNull(),
    shortName: text('short_name').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    pillar: smallint('pillar'),
    mandate: jsonb('mandate').$type<LocalizedText>(),
    /** Terms of reference: a reference to the document, its version and when it was last reviewed. */
    torReference: text('tor_reference'),
    torVersion: text('tor_version'),
    torReviewedOn: date('tor_reviewed_on'),
    /** How many entities may hold each seat at once (co-chairs are two chair seats). */
    chairSeats: smallint('chair_seats').notNull().default(1),
    viceChairSeats: smallint('vice_chair_seats').notNull().default(2),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bodies_slug_key').on(t.slug),
    check(
      'bodies_pillar_matches_kind',
      sql`(${t.kind} = 'working_group' and ${t.pillar} between 1 and 4) or (${t.kind} = 'coordination_committee' and ${t.pillar} is null)`,
    ),
    check(
      'bodies_seats_positive',
      sql`${t.chairSeats} between 1 and 4 and ${t.viceChairSeats} between 0 and 6`,
    ),
  ],
);

/** Membership over time: an open end (`until` null) means the entity still takes part. */
export const bodyMemberships = pgTable(
  'body_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    entityId: uuid('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    role: participation('role').notNull(),
    since: date('since').notNull(),
    until: date('until'),
  },
  (t) => [
    index('body_memberships_body_idx').on(t.bodyId, t.since),
    uniqueIndex('body_memberships_natural_key').on(t.bodyId, t.entityId, t.since),
    check('body_memberships_until_after_since', sql`${t.until} is null or ${t.until} >= ${t.since}`),
  ],
);

/** Chair and vice-chair terms; rights derived from a term start and stop with it (issue 3). */
export const chairTerms = pgTable(
  'chair_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    entityId: uuid('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    seat: chairSeat('seat').notNull(),
    since: date('since').notNull(),
    until: date('until'),
  },
  (t) => [
    index('chair_terms_body_idx').on(t.bodyId, t.since),
    uniqueIndex('chair_terms_natural_key').on(t.bodyId, t.entityId, t.seat, t.since),
    check('chair_terms_until_after_since', sql`${t.until} is null or ${t.until} >= ${t.since}`),
  ],
);

export type BodyRow = typeof bodies.$inferSelect;
