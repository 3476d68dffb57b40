import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database.ts';
import { entities } from '../directory/schema.ts';
import { entityStandingOn, listBodiesOn } from './queries.ts';
import { bodies } from './schema.ts';

let database: TestDatabase;
const idOf: Record<string, string> = {};
beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  for (const row of await database.db.select({ id: entities.id, slug: entities.slug }).from(entities))
    idOf[row.slug] = row.id;
  for (const row of await database.db.select({ id: bodies.id, slug: bodies.slug }).from(bodies))
    idOf[`body:${row.slug}`] = row.id;
});
afterAll(() => database.close());

describe('an entity’s standing in the bodies on a given day', () => {
  it('gives OPCW the ETCIP chair in the third quarter of 2022 only', async () => {
    const etcip = idOf['body:etcip'] as string;
    const opcw = idOf.opcw as string;
    expect((await entityStandingOn(database.db, opcw, '2022-08-15')).chairedBodyIds).toEqual([etcip]);
    expect((await entityStandingOn(database.db, opcw, '2022-06-30')).chairedBodyIds).toEqual([]);
    expect((await entityStandingOn(database.db, opcw, '2022-10-01')).chairedBodyIds).toEqual([]);
    expect((await entityStandingOn(database.db, opcw, '2022-08-15')).bodyIds).toContain(etcip);
    expect((await entityStandingOn(database.db, opcw, '2022-08-15')).holdsChair).toBe(true);
  });

  it('tells a vice-chair from a chair', async () => {
    const interpol = await entityStandingOn(database.db, idOf.interpol as string, '2026-01-01');
    expect(interpol.chairedBodyIds).toEqual([idOf['body:bmle']]);
    expect(interpol.holdsChair).toBe(false);
  });

  it('lists the bodies INTERPOL takes part in, observers included', async () => {
    const standing = await entityStandingOn(database.db, idOf.interpol as string, '2022-12-31');
    const expected = ['coordination-committee', 'pcve', 'bmle', 'cjlrcft', 'etcip'].map(
      (slug) => idOf[`body:${slug}`],
    );
    expect(standing.bodyIds).toEqual([...expected].sort());
  });

  it('gives nothing before an entity joined', async () => {
    expect(await entityStandingOn(database.db, idOf.unitad as string, '2022-03-31')).toEqual({
      bodyIds: [],
      chairedBodyIds: [],
      holdsChair: false,
    });
  });

  it('counts only current participants of a body, leaving out an entity that has left the Compact', async () => {
    const count = async () =>
      (await listBodiesOn(database.db, '2026-01-01')).find((body) => body.slug === 'coordination-committee')
        ?.members;
    expect(await count()).toBe(45);
    await database.db.update(entities).set({ leftOn: '2025-12-31' }).where(eq(entities.slug, 'upu'));
    expect(await count()).toBe(44);
  });
});
