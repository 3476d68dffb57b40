import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database.ts';
import { bodies } from '../bodies/schema.ts';
import { entities } from '../directory/schema.ts';
import { Forbidden, StaleEdit } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { addPerson, personLeaves, updatePerson } from './commands.ts';
import { peopleFor } from './queries.ts';

let database: TestDatabase;
const idOf: Record<string, string> = {};
const entityActor = (slug: string, focalPoint: boolean, entityKind: 'un' | 'non_un' = 'un'): Actor => ({
  kind: 'entity',
  userId: `${slug}-user`,
  entityId: idOf[slug] as string,
  entityKind,
  focalPoint,
  bodyIds: [],
  chairedBodyIds: [],
});
const memberState: Actor = { kind: 'member_state', userId: 'kenya-user', memberStateId: 'kenya' };

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  for (const row of await database.db.select({ id: entities.id, slug: entities.slug }).from(entities))
    idOf[row.slug] = row.id;
  for (const row of await database.db.select({ id: bodies.id, slug: bodies.slug }).from(bodies))
    idOf[`body:${row.slug}`] = row.id;
});
afterAll(() => database.close());

const person = () => ({
  name: 'Test Person',
  jobTitle: 'Officer',
  email: 'test.person@unodc.demo.example',
  phone: '+43 1 000',
  since: '2024-01-01',
  functions: [
    { kind: 'body_focal_point' as const, bodyId: idOf['body:cjlrcft'] as string },
    { kind: 'topic_focal_point' as const, topic: 'Victims' },
  ],
});

describe('the people directory', () => {
  it('lets a focal point add someone to their own entity only', async () => {
    const id = await addPerson(database.db, entityActor('unodc', true), idOf.unodc as string, person());
    const [added] = await peopleFor(database.db, entityActor('unodc', false), { personId: id });
    expect(added?.functions).toEqual([
      { kind: 'body_focal_point', bodyId: idOf['body:cjlrcft'], body: 'CJLRCFT', bodySlug: 'cjlrcft' },
      { kind: 'topic_focal_point', topic: 'Victims' },
    ]);
    await expect(
      addPerson(database.db, entityActor('unodc', true), idOf.interpol as string, person()),
    ).rejects.toThrow(Forbidden);
    await expect(
      addPerson(database.db, entityActor('unodc', false), idOf.unodc as string, person()),
    ).rejects.toThrow(Forbidden);
  });

  it('shows names to every signed-in user, contacts to Compact entities only, and nothing to visitors', async () => {
    const anyone = (await peopleFor(database.db, entityActor('interpol', false, 'non_un'))).find(
      (row) => row.entityAcronym === 'UNODC',
    );
    expect(anyone?.email).toMatch(/@unodc\.demo\.example$/);
    const forState = (await peopleFor(database.db, memberState)).find((row) => row.entityAcronym === 'UNODC');
    expect(forState?.name).toBeTruthy();
    expect(forState?.email).toBeNull();
    expect(forState?.phone).toBeNull();
    expect(await peopleFor(database.db, { kind: 'anonymous' })).toEqual([]);
  });

  it('keeps a person who left, with their functions, among former people only', async () => {
    const focal = entityActor('unodc', true);
    const id = await addPerson(database.db, focal, idOf.unodc as string, {
      ...person(),
      name: 'Leaving Person',
    });
    const [current] = await peopleFor(database.db, focal, { personId: id });
    await personLeaves(database.db, focal, id, current?.version as number, '2026-06-30');
    expect(await peopleFor(database.db, focal, { personId: id })).toEqual([]);
    const [former] = await peopleFor(database.db, focal, { personId: id, includeFormer: true });
    expect(former?.leftOn).toBe('2026-06-30');
    expect(former?.functions).toHaveLength(2);
    await expect(updatePerson(database.db, focal, id, current?.version as number, person())).rejects.toThrow(
      StaleEdit,
    );
  });
});
