import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bodies } from '../bodies/schema.ts';
import { entities } from '../directory/schema.ts';

/**
 * The people of each entity (issue 4). A person who leaves keeps their row with `leftOn` set, so what they
 * did (meetings attended, documents uploaded) still names them.
 */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entityId: uuid('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    jobTitle: text('job_title'),
    email: text('email'),
    phone: text('phone'),
    since: date('since').notNull(),
    leftOn: date('left_on'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('people_entity_idx').on(t.entityId, t.name),
    check('people_left_after_since', sql`${t.leftOn} is null or ${t.leftOn} >= ${t.since}`),
  ],
);

export const personFunctionKind = pgEnum('person_function_kind', ['body_focal_point', 'topic_focal_point']);

/** What a person is the entity's focal point for: a body, or a topic such as "gender" or "victims". */
export const personFunctions = pgTable(
  'person_functions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: personFunctionKind('kind').notNull(),
    bodyId: uuid('body_id').references(() => bodies.id, { onDelete: 'cascade' }),
    topic: text('topic'),
  },
  (t) => [
    index('person_functions_person_idx').on(t.personId),
    check(
      'person_functions_target',
      sql`(${t.kind} = 'body_focal_point' and ${t.bodyId} is not null and ${t.topic} is null) or (${t.kind} = 'topic_focal_point' and ${t.bodyId} is null and ${t.topic} is not null)`,
    ),
  ],
);

export type PersonRow = typeof people.$inferSelect;
export type PersonFunctionRow = typeof personFunctions.$inferSelect;
