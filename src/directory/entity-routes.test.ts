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
import { textOf } from '../../tests/helpers/html.ts';
import { auditEvents } from '../audit/schema.ts';
import { findEntity } from './queries.ts';

let platform: TestPlatform;
let unodcFocal: string;
let interpol: string;
let kenya: string;
let secretariat: string;

const signIn = async (email: string, ip: string) =>
  cookiesFrom(await platform.postForm('/sign-in', { email, password: testPassword }, {}, ip));

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  unodcFocal = await signInEnrolled(platform, 'unodc-focal@demo.example', '203.0.113.60');
  secretariat = await signInEnrolled(platform, 'secretariat@demo.example', '203.0.113.61');
  interpol = await signIn('interpol@demo.example', '203.0.113.62');
  kenya = await signIn('kenya@demo.example', '203.0.113.63');
});
afterAll(() => platform.close());

const versionOf = async (slug: string) => String((await findEntity(platform.database.db, slug))?.version);
const profileForm = async (slug: string, changes: Record<string, string>) => ({
  version: await versionOf(slug),
  name_en: 'United Nations Office on Drugs and Crime',
  acronym_fr: 'ONUDC',
  website: 'https://www.unodc.org',
  description_en: 'Leads on criminal justice responses to terrorism.',
  ...changes,
});

describe('an entity’s profile page', () => {
  it('shows names in the UN languages, status history and bodies to every visitor, but not its people', async () => {
    const response = await platform.get('/members/unodc');
    expect(response.status).toBe(200);
    const text = textOf(await response.text());
    expect(text).toContain('Names in the UN languages');
    expect(text).toContain('ONUDC');
    expect(text).toMatch(/Member since 23 February 2018/);
    expect(text).toContain('Criminal Justice');
    expect(text).toContain('Sign in to see the entity’s people');
    expect(text).not.toContain('Grace Mwangi');
  });

  it('answers 404 for an entity that does not exist', async () => {
    expect((await platform.get('/members/no-such-entity')).status).toBe(404);
  });

  it('shows contact details to Compact entities and names only to a Member State', async () => {
    const forInterpol = textOf(await (await platform.get('/members/unodc', { Cookie: interpol })).text());
    expect(forInterpol).toContain('Grace Mwangi');
    expect(forInterpol).toContain('grace.mwangi@unodc.demo.example');
    expect(forInterpol).not.toContain('Pierre Lambert');
    const forKenya = textOf(await (await platform.get('/members/unodc', { Cookie: kenya })).text());
    expect(forKenya).toContain('Grace Mwangi');
    expect(forKenya).not.toContain('@unodc.demo.example');
  });
});

describe('editing an entity', () => {
  it('lets UNODC’s focal point edit UNODC and audits it', async () => {
    expect((await platform.get('/members/unodc/edit', { Cookie: unodcFocal })).status).toBe(200);
    const response = await platform.postForm(
      '/members/unodc/edit',
      await profileForm('unodc', { description_en: 'Edited by the UNODC focal point.' }),
      { Cookie: unodcFocal },
    );
    expect(response.status).toBe(303);
    const page = textOf(await (await platform.get('/members/unodc')).text());
    expect(page).toContain('Edited by the UNODC focal point.');
    const events = await platform.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'entity.profile_updated'));
    expect(events.length).toBeGreaterThan(0);
  });

  it('refuses UNODC’s focal point on INTERPOL’s profile by URL, and changes nothing', async () => {
    expect((await platform.get('/members/interpol/edit', { Cookie: unodcFocal })).status).toBe(403);
    const response = await platform.postForm(
      '/members/interpol/edit',
      { ...(await profileForm('interpol', {})), name_en: 'Taken over' },
      { Cookie: unodcFocal },
    );
    expect(response.status).toBe(403);
    expect((await findEntity(platform.database.db, 'interpol'))?.name.en).not.toBe('Taken over');
  });

  it('refuses an INTERPOL member who is not a focal point, and sends visitors to sign in', async () => {
    expect((await platform.get('/members/interpol/edit', { Cookie: interpol })).status).toBe(403);
    const visitor = await platform.get('/members/unodc/edit');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toMatch(/^\/sign-in\?returnTo=/);
  });

  it('keeps the user’s input on a bad web address and on a stale edit', async () => {
    const bad = await platform.postForm(
      '/members/unodc/edit',
      await profileForm('unodc', { website: 'javascript:alert(1)', description_en: 'My careful text' }),
      { Cookie: unodcFocal },
    );
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(textOf(badHtml)).toContain('Enter a web address starting with https://');
    expect(badHtml).toContain('My careful text');

    const stale = await profileForm('unodc', { description_en: 'Written from an old page' });
    await platform.postForm('/members/unodc/edit', await profileForm('unodc', {}), { Cookie: secretariat });
    const conflict = await platform.postForm('/members/unodc/edit', stale, { Cookie: unodcFocal });
    expect(conflict.status).toBe(409);
    const conflictHtml = await conflict.text();
    expect(textOf(conflictHtml)).toContain('Someone else saved a change to this record');
    expect(conflictHtml).toContain('Written from an old page');
    expect((await findEntity(platform.database.db, 'unodc'))?.description?.en).not.toBe(
      'Written from an old page',
    );
  });

  it('takes a PNG logo and refuses a file that is not an image', async () => {
    const upload = (bytes: Buffer, name: string, cookie: string, slug = 'unodc') => {
      const form = new FormData();
      form.set('logo', new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
      return platform.app.request(`${testBaseUrl}/members/${slug}/logo`, {
        method: 'POST',
        body: form,
        headers: { Cookie: cookie, Origin: testBaseUrl },
      });
    };
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect((await upload(png, 'logo.png', unodcFocal)).status).toBe(303);
    const logo = await platform.get('/members/unodc/logo');
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await logo.arrayBuffer())).toEqual(png);
    expect(await (await platform.get('/members/unodc')).text()).toContain('/members/unodc/logo?v=');
    const fake = await upload(Buffer.from('<svg onload="alert(1)"/>'), 'logo.png', unodcFocal);
    expect(fake.status).toBe(400);
    expect(textOf(await fake.text())).toContain('The logo must be a PNG or JPEG image.');
    expect((await upload(png, 'logo.png', unodcFocal, 'interpol')).status).toBe(403);
  });
});

describe('the secretariat’s administration of entities', () => {
  it('adds an entity, which then has a profile with its first status line', async () => {
    expect((await platform.get('/members/new', { Cookie: unodcFocal })).status).toBe(403);
    const form = {
      acronym: 'UNX',
      name_en: 'United Nations Example Office',
      kind: 'un',
      status: 'observer',
      joinedOn: '2026-01-15',
      website: '',
      emailDomains: 'unx.example',
    };
    const created = await platform.postForm('/members/new', form, { Cookie: secretariat });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/members/unx?saved=1');
    const page = textOf(await (await platform.get('/members/unx')).text());
    expect(page).toContain('United Nations Example Office');
    expect(page).toContain('Observer since 15 January 2026');
    const again = await platform.postForm('/members/new', form, { Cookie: secretariat });
    expect(again.status).toBe(400);
    expect(textOf(await again.text())).toContain('Another entity already uses this acronym.');
  });

  it('records a change of status, refuses a backdated one, and keeps it from focal points', async () => {
    const change = { status: 'member', since: '2025-03-01', note: 'At its own request' };
    expect(
      (
        await platform.postForm(
          '/members/ipu/status',
          { ...change, version: await versionOf('ipu') },
          { Cookie: unodcFocal },
        )
      ).status,
    ).toBe(403);
    const ok = await platform.postForm(
      '/members/ipu/status',
      { ...change, version: await versionOf('ipu') },
      { Cookie: secretariat },
    );
    expect(ok.status).toBe(303);
    const page = textOf(await (await platform.get('/members/ipu')).text());
    expect(page).toContain('Member since 1 March 2025 — At its own request');
    const timeline = textOf(await (await platform.get('/timeline')).text());
    expect(timeline).toContain('Status of IPU changed to Member (1 March 2025)');
    const backdated = await platform.postForm(
      '/members/ipu/status',
      { status: 'observer', since: '2020-01-01', version: await versionOf('ipu') },
      { Cookie: secretariat },
    );
    expect(backdated.status).toBe(400);
    expect(textOf(await backdated.text())).toContain('must come after the last one');
  });

  it('bumps the version on every save, so a second form from the same page gets a conflict it can resolve', async () => {
    const version = await versionOf('wco');
    const form = {
      version,
      acronym: 'WCO',
      kind: 'non_un',
      joinedOn: '2018-02-23',
      leftOn: '',
      emailDomains: 'wcoomd.org',
    };
    expect((await platform.postForm('/members/wco/admin', form, { Cookie: secretariat })).status).toBe(303);
    expect(await versionOf('wco')).toBe(String(Number(version) + 1));
    const conflict = await platform.postForm(
      '/members/wco/admin',
      { ...form, emailDomains: 'second.example' },
      { Cookie: secretariat },
    );
    expect(conflict.status).toBe(409);
    const html = await conflict.text();
    expect(html).toContain('value="second.example"');
    const current = html.match(/name="version" value="(\d+)"/)?.[1];
    expect(current).toBe(await versionOf('wco'));
    const again = await platform.postForm(
      '/members/wco/admin',
      { ...form, version: current as string, emailDomains: 'second.example' },
      { Cookie: secretariat },
    );
    expect(again.status).toBe(303);
  });
});

describe('text in several languages', () => {
  it('asks for the English text when only another language is filled in, and keeps both', async () => {
    const response = await platform.postForm(
      '/members/unodc/edit',
      await profileForm('unodc', { description_en: '', description_fr: 'Seulement en français' }),
      { Cookie: unodcFocal },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(textOf(html)).toContain('Enter a value.');
    expect(html).toContain('Seulement en français');
  });
});
