import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database.ts';
import { auditEvents } from '../audit/schema.ts';
import { entities } from '../directory/schema.ts';
import { Forbidden, InvalidInput, NotFound, StaleEdit } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { addChairTerm, addMembership, endChairTerm, endMembership, updateBody } from './commands.ts';
import { chairsOfBodyOn, findBody } from './queries.ts';
import { bodies, bodyMemberships, chairTerms } from './schema.ts';

let database: TestDatabase;
const idOf: Record<string, string> = {};
const secretariat: Actor = { kind: 'secretariat', userId: 'secretariat-user', entityId: null };
const chairOfEtcip = (): Actor => ({
  kind: 'entity',
  userId: 'unicri-user',
  entityId: idOf.unicri as string,
  entityKind: 'un',
  focalPoint: true,
  bodyIds: [idOf['body:etcip'] as string],
  chairedBodyIds: [idOf['body:etcip'] as string],
});

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  for (const row of await database.db.select({ id: entities.id, slug: entities.slug }).from(entities))
    idOf[row.slug] = row.id;
  for (const row of await database.db.select({ id: bodies.id, slug: bodies.slug }).from(bodies))
    idOf[`body:${row.slug}`] = row.id;
});
afterAll(() => database.close());

const versionOf = async (slug: string) => (await findBody(database.db, slug))?.version as number;
const problemsOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidInput);
  return (error as InvalidInput).problems.map((problem) => `${problem.field}:${problem.code}`);
};
const countRows = async (table: typeof chairTerms | typeof bodyMemberships, bodyId: string) =>
  (await database.db.select().from(table).where(eq(table.bodyId, bodyId))).length;

describe('administering a body’s chairs and members', () => {
  it('refuses a second chair in the same quarter and saves nothing', async () => {
    const etcip = idOf['body:etcip'] as string;
    const before = await countRows(chairTerms, etcip);
    const version = await versionOf('etcip');
    const attempt = addChairTerm(database.db, secretariat, etcip, version, {
      entityId: idOf.unodc as string,
      seat: 'chair',
      since: '2022-08-01',
      until: '2022-08-31',
    });
    expect(await problemsOf(attempt)).toEqual(['since:seat_full']);
    expect(await countRows(chairTerms, etcip)).toBe(before);
    expect(await versionOf('etcip')).toBe(version);
  });

  it('refuses inverted dates and an unknown entity with precise problems', async () => {
    const etcip = idOf['body:etcip'] as string;
    const version = await versionOf('etcip');
    expect(
      await problemsOf(
        addMembership(database.db, secretariat, etcip, version, {
          entityId: idOf.unodc as string,
          role: 'member',
          since: '2023-05-01',
          until: '2023-04-30',
        }),
      ),
    ).toEqual(['until:ends_before_start']);
    expect(
      await problemsOf(
        addMembership(database.db, secretariat, etcip, version, {
          entityId: '00000000-0000-4000-8000-000000000000',
          role: 'member',
          since: '2023-05-01',
          until: null,
        }),
      ),
    ).toEqual(['entityId:unknown_entity']);
  });

  it('adds a member, then lets it chair, and audits both', async () => {
    const nars = idOf['body:nars'] as string;
    const ipu = idOf.ipu as string;
    await database.db
      .delete(bodyMemberships)
      .where(and(eq(bodyMemberships.bodyId, nars), eq(bodyMemberships.entityId, ipu)));
    const version = await versionOf('nars');
    await expect(
      addChairTerm(database.db, secretariat, nars, version, {
        entityId: ipu,
        seat: 'vice_chair',
        since: '2030-01-01',
        until: null,
      }),
    ).rejects.toThrow(InvalidInput);
    await addMembership(database.db, secretariat, nars, version, {
      entityId: ipu,
      role: 'member',
      since: '2030-01-01',
      until: null,
    });
    const termId = await addChairTerm(database.db, secretariat, nars, version + 1, {
      entityId: ipu,
      seat: 'vice_chair',
      since: '2030-01-01',
      until: null,
    });
    const chairs = await chairsOfBodyOn(database.db, nars, '2030-06-01');
    expect(chairs.map((row) => `${row.seat}:${row.entity.acronym}`)).toContain('vice_chair:IPU');
    const actions = (
      await database.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.subjectId, nars))
    ).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['body.membership_added', 'body.chair_term_added']));

    // The membership cannot end while the term runs; ending the term first makes it possible.
    const [membership] = await database.db
      .select({ id: bodyMemberships.id })
      .from(bodyMemberships)
      .where(and(eq(bodyMemberships.bodyId, nars), eq(bodyMemberships.entityId, ipu)));
    const membershipId = membership?.id as string;
    expect(
      await problemsOf(
        endMembership(database.db, secretariat, nars, version + 2, membershipId, '2030-12-31'),
      ),
    ).toEqual(['until:chair_outlives_membership']);
    await endChairTerm(database.db, secretariat, nars, version + 2, termId, '2030-12-31');
    await endMembership(database.db, secretariat, nars, version + 3, membershipId, '2030-12-31');
    expect(await chairsOfBodyOn(database.db, nars, '2031-01-01')).not.toContainEqual(
      expect.objectContaining({ entity: expect.objectContaining({ acronym: 'IPU' }) }),
    );
  });

  it('gives a stale edit a conflict and keeps the other person’s change', async () => {
    const gender = idOf['body:gender'] as string;
    const version = await versionOf('gender');
    const profile = {
      mandate: { en: 'First editor' },
      torReference: 'REF-1',
      torVersion: '3',
      torReviewedOn: '2026-01-01',
      chairSeats: 1,
      viceChairSeats: 2,
    };
    await updateBody(database.db, secretariat, gender, version, profile);
    await expect(
      updateBody(database.db, secretariat, gender, version, { ...profile, mandate: { en: 'Second editor' } }),
    ).rejects.toThrow(StaleEdit);
    expect((await findBody(database.db, 'gender'))?.mandate).toEqual({ en: 'First editor' });
  });

  it('lets exactly one of two simultaneous edits from the same version win', async () => {
    const rmme = idOf['body:rmme'] as string;
    const version = await versionOf('rmme');
    const edit = (torVersion: string) =>
      updateBody(database.db, secretariat, rmme, version, {
        mandate: null,
        torReference: null,
        torVersion,
        torReviewedOn: null,
        chairSeats: 1,
        viceChairSeats: 2,
      });
    const results = await Promise.allSettled([edit('A'), edit('B')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(StaleEdit);
  });

  it('refuses fewer seats than the history already fills', async () => {
    const cc = idOf['body:pcve'] as string;
    const version = await versionOf('pcve');
    expect(
      await problemsOf(
        updateBody(database.db, secretariat, cc, version, {
          mandate: null,
          torReference: null,
          torVersion: null,
          torReviewedOn: null,
          chairSeats: 1,
          viceChairSeats: 1,
        }),
      ),
    ).toEqual(['viceChairSeats:seats_below_history']);
  });

  it('leaves body administration to the secretariat, even for the chair, and knows unknown bodies', async () => {
    const etcip = idOf['body:etcip'] as string;
    await expect(
      addMembership(database.db, chairOfEtcip(), etcip, await versionOf('etcip'), {
        entityId: idOf.unodc as string,
        role: 'observer',
        since: '2030-01-01',
        until: null,
      }),
    ).rejects.toThrow(Forbidden);
    await expect(
      endChairTerm(database.db, secretariat, '00000000-0000-4000-8000-000000000000', 1, etcip, '2030-01-01'),
    ).rejects.toThrow(NotFound);
  });
});
