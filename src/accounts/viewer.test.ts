import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../tests/helpers/app.ts';
import { entities } from '../directory/schema.ts';
import { user } from './schema.ts';
import { type AccountFacts, viewerOn } from './viewer.ts';

let platform: TestPlatform;
const account = async (email: string) =>
  (await platform.database.db.select().from(user).where(eq(user.email, email)))[0] as AccountFacts;

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
});
afterAll(() => platform.close());

describe('who a signed-in user is, on a given day', () => {
  it('derives chair rights from the chair terms of that day', async () => {
    const chair = await account('etcip-chair@demo.example');
    const today = await viewerOn(platform.database.db, chair, '2026-11-27');
    expect(today.entityAcronym).toBe('UNICRI');
    expect(today.requiresTwoFactor).toBe(true);
    const [etcip] = await platform.database.db.select().from(entities).where(eq(entities.slug, 'unicri'));
    expect(today.actor).toMatchObject({ kind: 'entity', entityId: etcip?.id, entityKind: 'un' });
    const q3of2022 = await viewerOn(platform.database.db, chair, '2022-08-15');
    expect(q3of2022.actor.kind === 'entity' && q3of2022.actor.chairedBodyIds).toEqual([]);
    expect(q3of2022.requiresTwoFactor).toBe(false);
  });

  it('knows INTERPOL is not a UN entity, and a Member State focal point by their State', async () => {
    expect(
      (await viewerOn(platform.database.db, await account('interpol@demo.example'), '2026-11-27')).actor,
    ).toMatchObject({
      kind: 'entity',
      entityKind: 'non_un',
      focalPoint: false,
    });
    const kenya = await viewerOn(platform.database.db, await account('kenya@demo.example'), '2026-11-27');
    expect(kenya.actor.kind).toBe('member_state');
    expect(kenya.affiliation?.en).toBe('Kenya');
  });

  it('gives no rights to the people of an entity that has left the Compact', async () => {
    await platform.database.db
      .update(entities)
      .set({ leftOn: '2026-06-30' })
      .where(eq(entities.slug, 'interpol'));
    const interpol = await account('interpol@demo.example');
    expect((await viewerOn(platform.database.db, interpol, '2026-06-30')).actor.kind).toBe('entity');
    expect((await viewerOn(platform.database.db, interpol, '2026-07-01')).actor).toEqual({
      kind: 'anonymous',
    });
  });
});
