import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database.ts';
import { auditEvents } from '../audit/schema.ts';
import { Forbidden, InvalidInput, StaleEdit } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import {
  administerEntity,
  changeEntityStatus,
  createEntity,
  setEntityLogo,
  updateEntityProfile,
} from './commands.ts';
import { emailDomainsOf, findEntity, logoOf, statusHistoryOf } from './queries.ts';
import { entities } from './schema.ts';

let database: TestDatabase;
const idOf: Record<string, string> = {};
const secretariat: Actor = { kind: 'secretariat', userId: 'secretariat-user', entityId: null };
const personOf = (slug: string, focalPoint: boolean): Actor => ({
  kind: 'entity',
  userId: `${slug}-user`,
  entityId: idOf[slug] as string,
  entityKind: 'un',
  focalPoint,
  bodyIds: [],
  chairedBodyIds: [],
});
const profile = {
  name: {
    en: 'United Nations Office on Drugs and Crime',
    fr: 'Office des Nations Unies contre la drogue et le crime',
  },
  acronyms: { fr: 'ONUDC' },
  website: 'https://www.unodc.org',
  description: { en: 'Works on drugs, crime and terrorism prevention.' },
};

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  for (const row of await database.db.select({ id: entities.id, slug: entities.slug }).from(entities))
    idOf[row.slug] = row.id;
});
afterAll(() => database.close());

const versionOf = async (slug: string) => (await findEntity(database.db, slug))?.version as number;

describe('who edits an entity', () => {
  it('lets UNODC’s focal point edit UNODC, and audits it', async () => {
    await updateEntityProfile(
      database.db,
      personOf('unodc', true),
      idOf.unodc as string,
      await versionOf('unodc'),
      profile,
    );
    const unodc = await findEntity(database.db, 'unodc');
    expect(unodc?.description).toEqual(profile.description);
    expect(unodc?.acronyms).toEqual({ fr: 'ONUDC' });
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'entity.profile_updated'));
    expect(event).toMatchObject({ subjectId: idOf.unodc, actorUserId: 'unodc-user' });
  });

  it('refuses UNODC’s focal point on INTERPOL, and a UNODC member who is not a focal point', async () => {
    await expect(
      updateEntityProfile(
        database.db,
        personOf('unodc', true),
        idOf.interpol as string,
        await versionOf('interpol'),
        profile,
      ),
    ).rejects.toThrow(Forbidden);
    await expect(
      updateEntityProfile(
        database.db,
        personOf('unodc', false),
        idOf.unodc as string,
        await versionOf('unodc'),
        profile,
      ),
    ).rejects.toThrow(Forbidden);
    expect((await findEntity(database.db, 'interpol'))?.name.en).not.toBe(profile.name.en);
  });

  it('keeps standing, dates and domains for the secretariat', async () => {
    const fields = {
      acronym: 'UNODC',
      kind: 'un' as const,
      joinedOn: '2018-02-23',
      leftOn: null,
      emailDomains: ['unodc.org'],
    };
    await expect(
      administerEntity(
        database.db,
        personOf('unodc', true),
        idOf.unodc as string,
        await versionOf('unodc'),
        fields,
      ),
    ).rejects.toThrow(Forbidden);
    await administerEntity(database.db, secretariat, idOf.unodc as string, await versionOf('unodc'), fields);
    expect(await emailDomainsOf(database.db, idOf.unodc as string)).toEqual(['unodc.org']);
    await expect(
      administerEntity(database.db, secretariat, idOf.unodc as string, await versionOf('unodc'), {
        ...fields,
        leftOn: '2017-01-01',
      }),
    ).rejects.toThrow(InvalidInput);
  });

  it('turns a stale profile edit into a conflict', async () => {
    const version = await versionOf('unicri');
    await updateEntityProfile(database.db, secretariat, idOf.unicri as string, version, {
      ...profile,
      name: { en: 'First' },
    });
    await expect(
      updateEntityProfile(database.db, secretariat, idOf.unicri as string, version, {
        ...profile,
        name: { en: 'Second' },
      }),
    ).rejects.toThrow(StaleEdit);
    expect((await findEntity(database.db, 'unicri'))?.name.en).toBe('First');
  });
});

describe('status history', () => {
  it('records a change of standing after the last one, and refuses one before it or the same again', async () => {
    const ipu = idOf.ipu as string;
    const change = (status: 'member' | 'observer', since: string) =>
      versionOf('ipu').then((version) =>
        changeEntityStatus(
          database.db,
          secretariat,
          ipu,
          version,
          { status, since, note: null },
          '2026-11-27',
        ),
      );
    const before = await statusHistoryOf(database.db, ipu);
    const current = (await findEntity(database.db, 'ipu'))?.status;
    const other = current === 'member' ? 'observer' : 'member';
    await change(other, '2025-01-01');
    expect((await findEntity(database.db, 'ipu'))?.status).toBe(other);
    expect(await statusHistoryOf(database.db, ipu)).toHaveLength(before.length + 1);
    await expect(change(current as 'member', '2024-01-01')).rejects.toMatchObject({
      problems: [{ field: 'since', code: 'not_after_last_change' }],
    });
    await expect(change(other, '2026-01-01')).rejects.toMatchObject({
      problems: [{ field: 'status', code: 'same_status' }],
    });
    await expect(change(current as 'member', '2027-01-01')).rejects.toMatchObject({
      problems: [{ field: 'since', code: 'in_future' }],
    });
  });
});

describe('adding an entity', () => {
  it('adds one with its first status line, and refuses a taken acronym', async () => {
    const entity = {
      acronym: 'UNX',
      name: { en: 'United Nations Example' },
      kind: 'un' as const,
      status: 'observer' as const,
      joinedOn: '2026-01-15',
      website: null,
      emailDomains: ['unx.example'],
    };
    await expect(createEntity(database.db, personOf('unodc', true), entity)).rejects.toThrow(Forbidden);
    const { id, slug } = await createEntity(database.db, secretariat, entity);
    expect(slug).toBe('unx');
    expect(await statusHistoryOf(database.db, id)).toEqual([
      { status: 'observer', since: '2026-01-15', note: null },
    ]);
    await expect(
      createEntity(database.db, secretariat, { ...entity, acronym: 'unodc' }),
    ).rejects.toMatchObject({
      problems: [{ field: 'acronym', code: 'acronym_taken' }],
    });
  });
});

describe('logos', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

  it('takes a PNG by its bytes and refuses a script named logo.png', async () => {
    await setEntityLogo(database.db, personOf('unodc', true), idOf.unodc as string, png);
    expect((await logoOf(database.db, idOf.unodc as string))?.contentType).toBe('image/png');
    await expect(
      setEntityLogo(
        database.db,
        personOf('unodc', true),
        idOf.unodc as string,
        Buffer.from('<svg onload=alert(1)>'),
      ),
    ).rejects.toMatchObject({ problems: [{ field: 'logo', code: 'logo_type' }] });
    await expect(
      setEntityLogo(
        database.db,
        personOf('unodc', true),
        idOf.unodc as string,
        Buffer.concat([png, Buffer.alloc(300 * 1024)]),
      ),
    ).rejects.toMatchObject({ problems: [{ field: 'logo', code: 'logo_too_large' }] });
    await expect(
      setEntityLogo(database.db, personOf('unodc', true), idOf.interpol as string, png),
    ).rejects.toThrow(Forbidden);
  });
});
