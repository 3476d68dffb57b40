import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import { createTestPlatform, type TestPlatform } from '../../tests/helpers/app.ts';
import { section, textOf } from '../../tests/helpers/html.ts';
import { entities } from '../directory/schema.ts';
import { findBody, historyOfBody } from './queries.ts';

let platform: TestPlatform;
let secretariat: string;
let unodcFocal: string;
const idOf: Record<string, string> = {};

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  secretariat = await signInEnrolled(platform, 'secretariat@demo.example', '203.0.113.70');
  unodcFocal = await signInEnrolled(platform, 'unodc-focal@demo.example', '203.0.113.71');
  for (const row of await platform.database.db
    .select({ id: entities.id, slug: entities.slug })
    .from(entities))
    idOf[row.slug] = row.id;
});
afterAll(() => platform.close());

const versionOf = async (slug: string) => String((await findBody(platform.database.db, slug))?.version);

describe('a working group’s home', () => {
  it('answers who chaired ETCIP on 15 August 2022: OPCW', async () => {
    const html = await (await platform.get('/working-groups/etcip?at=2022-08-15')).text();
    const composition = textOf(section(html, 'body-composition'));
    expect(composition).toContain('Composition on 15 August 2022');
    expect(composition).toMatch(/Chair: OPCW \(since 1 July 2022\)/);
  });

  it('shows the mandate, the terms of reference, placeholders for meetings and documents, and the history', async () => {
    const html = await (await platform.get('/working-groups/etcip')).text();
    const text = textOf(html);
    expect(text).toContain('critical infrastructure');
    expect(text).toContain('CTC/WG-ETCIP/TOR, version 2.0, last reviewed on 11 December 2020');
    expect(text).toContain('No meetings scheduled.');
    expect(text).toContain('No documents yet.');
    const chairs = textOf(section(html, 'chair-history'));
    expect(chairs).toMatch(/chair UNICRI 1 January 2021 30 June 2022/);
    expect(chairs).toMatch(/chair INTERPOL 1 October 2022 31 December 2022/);
  });

  it('shows today’s composition for a date that cannot be, rather than failing', async () => {
    const response = await platform.get('/working-groups/etcip?at=0000-01-01');
    expect(response.status).toBe(200);
    expect(textOf(section(await response.text(), 'body-composition'))).toContain('Composition today');
  });

  it('is linked from the working groups page, and answers 404 for an unknown body', async () => {
    expect(await (await platform.get('/working-groups')).text()).toContain('href="/working-groups/etcip"');
    expect((await platform.get('/working-groups/no-such-group')).status).toBe(404);
  });
});

describe('the secretariat’s forms for a body', () => {
  it('are refused to everyone else, even the chair of another group, by page and by post', async () => {
    expect((await platform.get('/working-groups/etcip/admin', { Cookie: unodcFocal })).status).toBe(403);
    const post = await platform.postForm(
      '/working-groups/etcip/members',
      {
        version: await versionOf('etcip'),
        entityId: idOf.ipu as string,
        role: 'member',
        since: '2030-01-01',
      },
      { Cookie: unodcFocal },
    );
    expect(post.status).toBe(403);
    expect((await platform.get('/working-groups/etcip/admin')).status).toBe(303);
  });

  it('refuse a second chair in the same days, with a precise message and the input kept', async () => {
    const response = await platform.postForm(
      '/working-groups/etcip/chairs',
      {
        version: await versionOf('etcip'),
        entityId: idOf.unodc as string,
        seat: 'chair',
        since: '2022-08-01',
        until: '2022-08-31',
      },
      { Cookie: secretariat },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(textOf(html)).toContain('The seat is already held during some of these dates');
    expect(html).toContain('value="2022-08-31"');
  });

  it('refuse a chair who is not a member, and an end date before the start', async () => {
    const notMember = await platform.postForm(
      '/working-groups/bmle/chairs',
      {
        version: await versionOf('bmle'),
        entityId: idOf.ipu as string,
        seat: 'vice_chair',
        since: '2030-01-01',
      },
      { Cookie: secretariat },
    );
    const notMemberText = textOf(await notMember.text());
    expect(notMember.status).toBe(400);
    expect(notMemberText).toContain('A chair or vice-chair must be a member of the body for the whole term.');
    const inverted = await platform.postForm(
      '/working-groups/gender/members',
      {
        version: await versionOf('gender'),
        entityId: idOf.ipu as string,
        role: 'member',
        since: '2030-05-01',
        until: '2030-04-30',
      },
      { Cookie: secretariat },
    );
    expect(inverted.status).toBe(400);
    expect(textOf(await inverted.text())).toContain('The end date must be on or after the start date.');
  });

  it('add a membership and end it, audited, and turn a stale form into a conflict', async () => {
    const version = await versionOf('bmle');
    const added = await platform.postForm(
      '/working-groups/bmle/members',
      { version, entityId: idOf.ipu as string, role: 'observer', since: '2030-01-01', until: '' },
      { Cookie: secretariat },
    );
    expect(added.status).toBe(303);
    const body = await findBody(platform.database.db, 'bmle');
    const membership = (await historyOfBody(platform.database.db, body?.id as string)).memberships.find(
      (row) => row.entity.acronym === 'IPU' && row.since === '2030-01-01',
    );
    expect(membership).toBeTruthy();
    const stale = await platform.postForm(
      `/working-groups/bmle/members/${membership?.id}/end`,
      { version, until: '2030-12-31' },
      { Cookie: secretariat },
    );
    expect(stale.status).toBe(409);
    expect(textOf(await stale.text())).toContain('Someone else saved a change to this record');
    const ended = await platform.postForm(
      `/working-groups/bmle/members/${membership?.id}/end`,
      { version: await versionOf('bmle'), until: '2030-12-31' },
      { Cookie: secretariat },
    );
    expect(ended.status).toBe(303);
    const page = textOf(await (await platform.get('/working-groups/bmle')).text());
    expect(page).toContain('IPU observer 1 January 2030 31 December 2030');
  });

  it('change the mandate and terms of reference', async () => {
    const response = await platform.postForm(
      '/working-groups/gender/admin',
      {
        version: await versionOf('gender'),
        mandate_en: 'A new mandate agreed in 2026.',
        mandate_fr: 'Un nouveau mandat adopté en 2026.',
        torReference: 'CTC/WG-GENDER/TOR/2026',
        torVersion: '3.0',
        torReviewedOn: '2026-10-01',
        chairSeats: '1',
        viceChairSeats: '2',
      },
      { Cookie: secretariat },
    );
    expect(response.status).toBe(303);
    const text = textOf(await (await platform.get('/working-groups/gender')).text());
    expect(text).toContain('A new mandate agreed in 2026.');
    expect(text).toContain('CTC/WG-GENDER/TOR/2026, version 3.0, last reviewed on 1 October 2026');
    const french = textOf(
      await (await platform.get('/working-groups/gender', { 'Accept-Language': 'fr' })).text(),
    );
    expect(french).toContain('Un nouveau mandat adopté en 2026.');
  });
});
