import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import { cookiesFrom, createTestPlatform, type TestPlatform, testPassword } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { user } from '../accounts/schema.ts';
import { entities } from '../directory/schema.ts';
import type { Actor } from '../policy/actor.ts';
import type { AccessLevel } from '../policy/levels.ts';
import { recordRestrictedRead } from './record.ts';

let platform: TestPlatform;
let unodcFocal: string;
let interpol: string;
const idOf: Record<string, string> = {};

const record = (level: AccessLevel, owner: string) => ({
  level,
  ownerEntityId: idOf[owner] as string,
  ownerMemberStateId: null,
  bodyId: null,
  namedEntityIds: [],
  namedMemberStateIds: [],
});

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  for (const row of await platform.database.db
    .select({ id: entities.id, slug: entities.slug })
    .from(entities))
    idOf[row.slug] = row.id;
  unodcFocal = await signInEnrolled(platform, 'unodc-focal@demo.example', '203.0.113.100');
  interpol = cookiesFrom(
    await platform.postForm(
      '/sign-in',
      { email: 'interpol@demo.example', password: testPassword },
      {},
      '203.0.113.101',
    ),
  );
  const [cted] = await platform.database.db.select().from(user).where(eq(user.email, 'cted@demo.example'));
  const reader: Actor = {
    kind: 'entity',
    userId: cted?.id as string,
    entityId: idOf.cted as string,
    entityKind: 'un',
    focalPoint: false,
    bodyIds: [],
    chairedBodyIds: [],
  };
  const db = platform.database.db;
  expect(
    await recordRestrictedRead(
      db,
      reader,
      { type: 'document', id: 'unodc-assessment', record: record('un_system', 'unodc') },
      'read',
    ),
  ).toBe(true);
  expect(
    await recordRestrictedRead(
      db,
      reader,
      { type: 'document', id: 'unodc-minutes', record: record('named', 'unodc') },
      'download',
    ),
  ).toBe(true);
  expect(
    await recordRestrictedRead(
      db,
      reader,
      { type: 'document', id: 'unodc-guide', record: record('compact', 'unodc') },
      'read',
    ),
  ).toBe(false);
  expect(
    await recordRestrictedRead(
      db,
      reader,
      { type: 'document', id: 'interpol-note', record: record('body', 'interpol') },
      'read',
    ),
  ).toBe(true);
});
afterAll(() => platform.close());

describe('who opened our restricted records', () => {
  it('shows UNODC’s focal point the reads of UNODC’s restricted records, with the reader and their entity', async () => {
    const response = await platform.get('/audit/our-records', { Cookie: unodcFocal });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect((html.match(/data-testid="own-read-row"/g) ?? []).length).toBe(2);
    const text = textOf(html);
    expect(text).toContain('cted@demo.example');
    expect(text).toContain('CTED');
    expect(text).toContain('unodc-assessment');
    expect(text).toContain('Downloaded');
    expect(text).not.toContain('unodc-guide');
    expect(text).not.toContain('interpol-note');
  });

  it('is refused to people who are not focal points, and sends visitors to sign in', async () => {
    expect((await platform.get('/audit/our-records', { Cookie: interpol })).status).toBe(403);
    expect((await platform.get('/audit/our-records')).status).toBe(303);
  });

  it('is linked from the entity’s own profile for its focal points only', async () => {
    expect(await (await platform.get('/members/unodc', { Cookie: unodcFocal })).text()).toContain(
      'href="/audit/our-records"',
    );
    expect(await (await platform.get('/members/interpol', { Cookie: unodcFocal })).text()).not.toContain(
      'href="/audit/our-records"',
    );
  });
});
