import { sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database.ts';
import type { Actor } from './actor.ts';
import { accessLevels } from './levels.ts';
import { canSee, type ProtectedRecord, visibleTo } from './visibility.ts';

/**
 * For random users and random records, the SQL filter returns exactly the records the single-record
 * check allows (ADR 0013). Small pools of ids make owners, bodies and names collide often.
 */
const probe = pgTable('policy_probe', {
  id: text('id').primaryKey(),
  level: text('level').notNull(),
  ownerEntityId: uuid('owner_entity_id'),
  ownerMemberStateId: uuid('owner_member_state_id'),
  bodyId: uuid('body_id'),
  namedEntityIds: uuid('named_entity_ids').array().notNull(),
  namedMemberStateIds: uuid('named_member_state_ids').array().notNull(),
  subjectMemberStateId: uuid('subject_member_state_id'),
});

const pool = (prefix: string, size: number) =>
  Array.from({ length: size }, (_, index) => `${prefix}-0000-4000-8000-${String(index).padStart(12, '0')}`);
const entityIds = pool('00000000', 4);
const bodyIds = pool('11111111', 3);
const stateIds = pool('22222222', 3);

const anyOf = <T>(values: readonly T[]) => fc.constantFrom(...values);
const someOf = <T>(values: readonly T[]) => fc.subarray([...values]);

const actorArbitrary: fc.Arbitrary<Actor> = fc.oneof(
  fc.constant<Actor>({ kind: 'anonymous' }),
  fc.record({
    kind: fc.constant('secretariat' as const),
    userId: fc.constant('s'),
    entityId: fc.option(anyOf(entityIds), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('entity' as const),
    userId: fc.constant('e'),
    entityId: anyOf(entityIds),
    entityKind: anyOf(['un', 'non_un'] as const),
    focalPoint: fc.boolean(),
    bodyIds: someOf(bodyIds),
    chairedBodyIds: someOf(bodyIds),
  }),
  fc.record({
    kind: fc.constant('member_state' as const),
    userId: fc.constant('m'),
    memberStateId: anyOf(stateIds),
  }),
);

const recordArbitrary: fc.Arbitrary<ProtectedRecord> = fc.record({
  level: anyOf(accessLevels),
  ownerEntityId: fc.option(anyOf(entityIds), { nil: null }),
  ownerMemberStateId: fc.option(anyOf(stateIds), { nil: null }),
  bodyId: fc.option(anyOf(bodyIds), { nil: null }),
  namedEntityIds: someOf(entityIds),
  namedMemberStateIds: someOf(stateIds),
  subjectMemberStateId: fc.option(anyOf(stateIds), { nil: null }),
});

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`
    create table policy_probe (
      id text primary key, level text not null, owner_entity_id uuid, owner_member_state_id uuid,
      body_id uuid, named_entity_ids uuid[] not null, named_member_state_ids uuid[] not null,
      subject_member_state_id uuid)`);
});
afterAll(() => database.close());

describe('the SQL visibility filter', () => {
  it('returns exactly what canSee allows, for random users and records', async () => {
    await fc.assert(
      fc.asyncProperty(
        actorArbitrary,
        fc.array(recordArbitrary, { minLength: 1, maxLength: 25 }),
        async (actor, records) => {
          await database.db.delete(probe);
          const rows = records.map((record, index) => ({
            ...record,
            id: `r${index}`,
            namedEntityIds: [...record.namedEntityIds],
            namedMemberStateIds: [...record.namedMemberStateIds],
          }));
          await database.db.insert(probe).values(rows);
          const selected = await database.db
            .select({ id: probe.id })
            .from(probe)
            .where(visibleTo(actor, probe));
          const expected = rows.filter((row) => canSee(actor, row)).map((row) => row.id);
          expect(selected.map((row) => row.id).sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 150 },
    );
  });
});
