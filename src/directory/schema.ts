import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  date,
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
import type { LocalizedText, UnLanguage } from '../web/i18n/locales.ts';

/** UN entities and the four that are not (INTERPOL, WCO, IPU, FATF) differ in what the policy lets them see. */
export const entityKind = pgEnum('entity_kind', ['un', 'non_un']);
export const participation = pgEnum('participation', ['member', 'observer']);

export const entities = pgTable(
  'entities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A compact id, for values stored many times over: the library's facet keys (ADR 0028). */
    shortId: integer('short_id').generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    acronym: text('acronym').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    kind: entityKind('kind').notNull(),
    status: participation('status').notNull(),
    joinedOn: date('joined_on').notNull(),
    leftOn: date('left_on'),
    website: text('website'),
    description: jsonb('description').$type<LocalizedText>(),
    /** The acronym in other UN languages where it differs (UNODC is ONUDC in French). */
    acronyms: jsonb('acronyms').$type<Partial<Record<UnLanguage, string>>>().notNull().default({}),
    /** Domains of the entity's e-mail addresses: its focal points may invite only people at these. */
    emailDomains: text('email_domains').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('entities_slug_key').on(t.slug),
    check('entities_left_after_joined', sql`${t.leftOn} is null or ${t.leftOn} >= ${t.joinedOn}`),
  ],
);

export type EntityRow = typeof entities.$inferSelect;

/** Each change of an entity's standing (member or observer), from the day it took effect (issue 4). */
export const entityStatusChanges = pgTable(
  'entity_status_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entityId: uuid('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    status: participation('status').notNull(),
    since: date('since').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('entity_status_changes_natural_key').on(t.entityId, t.since)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** An entity's logo, small enough to keep in the database and serve with a content hash as its ETag. */
export const entityLogos = pgTable(
  'entity_logos',
  {
    entityId: uuid('entity_id')
      .primaryKey()
      .references(() => entities.id, { onDelete: 'cascade' }),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('entity_logos_sha_idx').on(t.sha256)],
);

export type EntityStatusChangeRow = typeof entityStatusChanges.$inferSelect;
