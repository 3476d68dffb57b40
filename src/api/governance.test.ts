import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import {
  cookiesFrom,
  createTestPlatform,
  type TestPlatform,
  testBaseUrl,
  testPassword,
} from '../../tests/helpers/app.ts';
import { createApiKey } from '../accounts/api-keys.ts';
import { user } from '../accounts/schema.ts';
import { findBody } from '../bodies/queries.ts';
import { findEntity } from '../directory/queries.ts';
import { entities } from '../directory/schema.ts';

let platform: TestPlatform;
let secretariat: string;
let unodcFocal: string;
let kenya: string;
const idOf: Record<string, string> = {};

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  secretariat = await signInEnrolled(platform, 'secretariat@demo.example', '203.0.113.90');
  unodcFocal = await signInEnrolled(platform, 'unodc-focal@demo.example', '203.0.113.91');
  kenya = cookiesFrom(
    await platform.postForm(
      '/sign-in',
      { email: 'kenya@demo.example', password: testPassword },
      {},
      '203.0.113.92',
    ),
  );
  for (const row of await platform.database.db
    .select({ id: entities.id, slug: entities.slug })
    .from(entities))
    idOf[row.slug] = row.id;
});
afterAll(() => platform.close());

async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await platform.app.request(`${testBaseUrl}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...headers },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const entityVersion = async (slug: string) =>
  (await findEntity(platform.database.db, slug))?.version as number;
const bodyVersion = async (slug: string) => (await findBody(platform.database.db, slug))?.version as number;

describe('the directory API’s write side', () => {
  it('asks visitors to authenticate', async () => {
    const response = await send('PATCH', '/api/v1/entities/unodc', { version: 1 });
    expect(response).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
  });

  it('lets UNODC’s focal point change UNODC but not INTERPOL', async () => {
    const ok = await send(
      'PATCH',
      '/api/v1/entities/unodc',
      { version: await entityVersion('unodc'), description: { en: 'Changed through the API.' } },
      { Cookie: unodcFocal },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.description).toEqual({ en: 'Changed through the API.' });
    const acronymOnly = await send(
      'PATCH',
      '/api/v1/entities/unodc',
      { version: await entityVersion('unodc'), acronyms: { fr: 'ONUDC' } },
      { Cookie: unodcFocal },
    );
    expect(acronymOnly.status).toBe(200);
    expect(acronymOnly.body.acronyms).toEqual({ fr: 'ONUDC' });
    const huge = await send(
      'PATCH',
      '/api/v1/entities/unodc',
      { version: await entityVersion('unodc'), description: { en: 'x'.repeat(5000) } },
      { Cookie: unodcFocal },
    );
    expect(huge.status).toBe(400);
    const other = await send(
      'PATCH',
      '/api/v1/entities/interpol',
      { version: await entityVersion('interpol'), description: { en: 'Hijacked' } },
      { Cookie: unodcFocal },
    );
    expect(other).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect((await findEntity(platform.database.db, 'interpol'))?.description).toBeNull();
  });

  it('refuses fields the endpoint does not take, such as a role or a status', async () => {
    const response = await send(
      'PATCH',
      '/api/v1/entities/unodc',
      { version: await entityVersion('unodc'), status: 'observer', role: 'secretariat_admin' },
      { Cookie: unodcFocal },
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_REQUEST');
    expect((await findEntity(platform.database.db, 'unodc'))?.status).toBe('member');
  });

  it('answers a stale version with 409 and saves nothing', async () => {
    const version = await entityVersion('unicri');
    await send(
      'PATCH',
      '/api/v1/entities/unicri',
      { version, website: 'https://unicri.org' },
      { Cookie: secretariat },
    );
    const stale = await send(
      'PATCH',
      '/api/v1/entities/unicri',
      { version, website: 'https://stale.example' },
      { Cookie: secretariat },
    );
    expect(stale).toMatchObject({ status: 409, body: { code: 'STALE_EDIT' } });
    expect((await findEntity(platform.database.db, 'unicri'))?.website).toBe('https://unicri.org');
  });

  it('refuses a second chair with a precise problem, in the caller’s language', async () => {
    const term = {
      version: await bodyVersion('etcip'),
      entityId: idOf.unodc,
      seat: 'chair',
      since: '2022-08-01',
      until: '2022-08-31',
    };
    const english = await send('POST', '/api/v1/bodies/etcip/chairs', term, { Cookie: secretariat });
    expect(english.status).toBe(400);
    expect(english.body).toMatchObject({
      code: 'INVALID_INPUT',
      problems: [{ field: 'since', code: 'seat_full', message: expect.stringContaining('already held') }],
    });
    const french = await send('POST', '/api/v1/bodies/etcip/chairs', term, {
      Cookie: secretariat,
      'Accept-Language': 'fr',
    });
    expect(String(french.body.message)).toContain('déjà occupé');
    const badDate = await send(
      'POST',
      '/api/v1/bodies/etcip/chairs',
      { ...term, since: '2022-02-30' },
      { Cookie: secretariat },
    );
    expect(badDate.body).toMatchObject({
      code: 'INVALID_REQUEST',
      problems: [{ field: 'since', code: 'bad_date' }],
    });
  });

  it('adds a membership and a chair term with an API key of the secretariat, then reads them back', async () => {
    const [owner] = await platform.database.db
      .select()
      .from(user)
      .where(eq(user.email, 'secretariat@demo.example'));
    const { key } = await createApiKey(
      platform.database.db,
      platform.auth,
      { userId: owner?.id as string },
      {
        name: 'sync',
        scope: 'read_write',
        days: 1,
      },
    );
    const readOnly = await createApiKey(
      platform.database.db,
      platform.auth,
      { userId: owner?.id as string },
      {
        name: 'read',
        scope: 'read',
        days: 1,
      },
    );
    const before = await send('GET', '/api/v1/bodies/bmle/chairs?at=2031-06-01', undefined);
    expect(JSON.stringify(before.body)).not.toContain('"acronym":"FATF"');
    const membership = {
      version: await bodyVersion('bmle'),
      entityId: idOf.fatf,
      role: 'member',
      since: '2031-01-01',
    };
    expect(
      (await send('POST', '/api/v1/bodies/bmle/members', membership, { 'X-API-Key': readOnly.key })).status,
    ).toBe(403);
    const added = await send('POST', '/api/v1/bodies/bmle/members', membership, { 'X-API-Key': key });
    expect(added.status).toBe(201);
    const term = await send(
      'POST',
      '/api/v1/bodies/bmle/chairs',
      { version: await bodyVersion('bmle'), entityId: idOf.fatf, seat: 'vice_chair', since: '2031-01-01' },
      { 'X-API-Key': key },
    );
    expect(term.status).toBe(201);
    // The read was cached; the change's notification drops it, so the next read shows FATF.
    await expect
      .poll(async () =>
        JSON.stringify((await send('GET', '/api/v1/bodies/bmle/chairs?at=2031-06-01', undefined)).body),
      )
      .toContain('"acronym":"FATF"');
  });

  it('is refused to a focal point for bodies, and gives people’s contacts only to those allowed', async () => {
    const refused = await send(
      'POST',
      '/api/v1/bodies/etcip/members',
      { version: await bodyVersion('etcip'), entityId: idOf.ipu, role: 'observer', since: '2031-01-01' },
      { Cookie: unodcFocal },
    );
    expect(refused.status).toBe(403);
    expect((await send('GET', '/api/v1/entities/unicri/people', undefined)).status).toBe(401);
    const forKenya = await send('GET', '/api/v1/entities/unicri/people', undefined, { Cookie: kenya });
    const items = forKenya.body.items as { name: string; email: string | null }[];
    expect(items.map((item) => item.name)).toContain('Giulia Rossi');
    expect(items.every((item) => item.email === null)).toBe(true);
    const forUnodc = await send('GET', '/api/v1/entities/unicri/people', undefined, { Cookie: unodcFocal });
    expect((forUnodc.body.items as { email: string | null }[])[0]?.email).toMatch(/@unicri\.demo\.example$/);
  });
});
