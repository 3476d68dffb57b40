import { and, asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, selectRows, type TestDatabase } from '../../tests/helpers/database.ts';
import { listBodiesOn } from '../bodies/queries.ts';
import { bodies } from '../bodies/schema.ts';
import { memberStates } from '../countries/schema.ts';
import { entityFiguresOn, listEntitiesOn } from '../directory/queries.ts';
import { entities } from '../directory/schema.ts';
import { loadDemoData, loadDemoDataIfEmpty } from './seed.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('the 2022 demo data', () => {
  it('loads into an empty database at start-up', async () => {
    const report = await loadDemoDataIfEmpty(database.db);
    expect(report).toEqual({
      entities: 45,
      bodies: 9,
      memberships: expect.any(Number),
      chairTerms: expect.any(Number),
      memberStates: 193,
      people: 9,
    });
  });

  it('has 45 entities at the end of 2022: 41 UN and INTERPOL, WCO, IPU and FATF', async () => {
    expect(await entityFiguresOn(database.db, '2022-12-31')).toMatchObject({ total: 45, un: 41, nonUn: 4 });
    const nonUn = await listEntitiesOn(database.db, '2022-12-31', { kind: 'non_un' });
    expect(nonUn.map((entity) => entity.acronym)).toEqual(['FATF', 'INTERPOL', 'IPU', 'WCO']);
  });

  it('has UNITAD and FATF joining in April 2022', async () => {
    const march = (await listEntitiesOn(database.db, '2022-03-31')).map((entity) => entity.acronym);
    const may = (await listEntitiesOn(database.db, '2022-05-01')).map((entity) => entity.acronym);
    expect(march).toHaveLength(43);
    expect(may.filter((acronym) => !march.includes(acronym)).sort()).toEqual(['FATF', 'UNITAD']);
  });

  it('has the Coordination Committee and the eight working groups with their pillars', async () => {
    const rows = await database.db
      .select({ shortName: bodies.shortName, kind: bodies.kind, pillar: bodies.pillar })
      .from(bodies)
      .orderBy(asc(bodies.sortOrder));
    expect(rows).toEqual([
      { shortName: 'CC', kind: 'coordination_committee', pillar: null },
      { shortName: 'PCVE', kind: 'working_group', pillar: 1 },
      { shortName: 'BMLE', kind: 'working_group', pillar: 2 },
      { shortName: 'CJLRCFT', kind: 'working_group', pillar: 2 },
      { shortName: 'ETCIP', kind: 'working_group', pillar: 2 },
      { shortName: 'NARS', kind: 'working_group', pillar: 3 },
      { shortName: 'RMME', kind: 'working_group', pillar: 3 },
      { shortName: 'HRRLSVT', kind: 'working_group', pillar: 4 },
      { shortName: 'Gender', kind: 'working_group', pillar: 4 },
    ]);
  });

  it.each([
    ['2022-03-15', 'UNICRI'],
    ['2022-06-30', 'UNICRI'],
    ['2022-07-01', 'OPCW'],
    ['2022-08-15', 'OPCW'],
    ['2022-11-15', 'INTERPOL'],
  ])('has ETCIP chaired on %s by %s', async (day, chair) => {
    const etcip = (await listBodiesOn(database.db, day)).find((body) => body.shortName === 'ETCIP');
    expect(etcip?.chairs.map((holder) => holder.acronym)).toEqual([chair]);
  });

  it('has every chair be a member of its body while chairing', async () => {
    const offenders = await selectRows(
      database,
      sql`
      select b.short_name, e.acronym, t.since
      from chair_terms t join bodies b on b.id = t.body_id join entities e on e.id = t.entity_id
      where not exists (
        select 1 from body_memberships m
        where m.body_id = t.body_id and m.entity_id = t.entity_id
          and m.since <= t.since and (m.until is null or m.until >= coalesce(t.until, '9999-12-31'))
      )`,
    );
    expect(offenders).toEqual([]);
  });

  it('has the 193 Member States with their UN geographic regions, from the country package', async () => {
    const [total] = await database.db.select({ n: count() }).from(memberStates);
    expect(total?.n).toBe(193);
    const [france] = await database.db.select().from(memberStates).where(eq(memberStates.iso3, 'FRA'));
    expect(france).toMatchObject({ iso2: 'FR', region: 'Europe', subregion: 'Western Europe' });
    expect(france?.name).toMatchObject({ en: 'France', fr: 'France' });
    const holySee = await database.db.select().from(memberStates).where(eq(memberStates.iso3, 'VAT'));
    expect(holySee).toEqual([]);
  });

  it('adds nothing when loaded again, and keeps what a user changed', async () => {
    await database.db
      .update(entities)
      .set({ name: { en: 'UNOCT (renamed by a user)' } })
      .where(eq(entities.slug, 'unoct'));
    await database.db.delete(entities).where(eq(entities.slug, 'upu'));

    expect(await loadDemoDataIfEmpty(database.db)).toBeNull();
    const [afterStart] = await database.db.select({ n: count() }).from(entities);
    expect(afterStart?.n).toBe(44);

    const report = await loadDemoData(database.db);
    expect(report.bodies).toBe(0);
    expect(report.memberStates).toBe(0);
    expect(report.entities).toBe(1);
    const [unoct] = await database.db
      .select({ name: entities.name })
      .from(entities)
      .where(and(eq(entities.slug, 'unoct')));
    expect(unoct?.name.en).toBe('UNOCT (renamed by a user)');
    expect(await loadDemoData(database.db)).toEqual({
      entities: 0,
      bodies: 0,
      memberships: 0,
      chairTerms: 0,
      memberStates: 0,
      people: 0,
    });
  });

  it('never loads into a database that already holds entities, even without the marker', async () => {
    const other = await createTestDatabase();
    try {
      await other.db.insert(entities).values({
        slug: 'own',
        acronym: 'OWN',
        name: { en: 'An installation’s own entity' },
        kind: 'un',
        status: 'member',
        joinedOn: '2024-01-01',
      });
      expect(await loadDemoDataIfEmpty(other.db)).toBeNull();
      const [total] = await other.db.select({ n: count() }).from(entities);
      expect(total?.n).toBe(1);
    } finally {
      await other.close();
    }
  });
});
