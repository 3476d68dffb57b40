import { sql } from 'drizzle-orm';
import {
  check,
  date,
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

/** UN entities and the four that are not (INTERPOL, WCO, IPU, FATF) differ in what the policy lets them see. */
export const entityKind = pgEnum('entity_kind', ['un', 'non_un']);
export const participation = pgEnum('participation', ['member', 'observer']);

export const entities = pgTable(
  'entities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    acronym: text('acronym').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    kind: entityKind('kind').notNull(),
    status: participation('status').notNull(),
    joinedOn: date('joined_on').notNull(),
    leftOn: date('left_on'),
    website: text('website'),
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
