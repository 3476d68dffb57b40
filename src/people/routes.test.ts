import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import { cookiesFrom, createTestPlatform, type TestPlatform, testPassword } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { people } from './schema.ts';

let platform: TestPlatform;
let unodcFocal: string;
let interpol: string;
let kenya: string;

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  unodcFocal = await signInEnrolled(platform, 'unodc-focal@demo.example', '203.0.113.80');
  const signIn = async (email: string, ip: string) =>
    cookiesFrom(await platform.postForm('/sign-in', { email, password: testPassword }, {}, ip));
  interpol = await signIn('interpol@demo.example', '203.0.113.81');
  kenya = await signIn('kenya@demo.example', '203.0.113.82');
});
afterAll(() => platform.close());

const personRows = (html: string) => (html.match(/data-testid="person-row"/g) ?? []).length;

describe('the people directory', () => {
  it('is for signed-in users: visitors are sent to sign in', async () => {
    const response = await platform.get('/people');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?returnTo=%2Fpeople');
  });

  it('shows contacts to a Compact entity and hides them from a Member State', async () => {
    const forInterpol = textOf(await (await platform.get('/people', { Cookie: interpol })).text());
    expect(forInterpol).toContain('Giulia Rossi');
    expect(forInterpol).toContain('giulia.rossi@unicri.demo.example');
    expect(forInterpol).toContain('Focal point for ETCIP');
    const forKenya = textOf(await (await platform.get('/people', { Cookie: kenya })).text());
    expect(forKenya).toContain('Giulia Rossi');
    expect(forKenya).not.toContain('@unicri.demo.example');
  });

  it('lists people who left only when asked, with their dates', async () => {
    const current = await (await platform.get('/people?entity=unodc', { Cookie: interpol })).text();
    expect(textOf(current)).not.toContain('Pierre Lambert');
    const withFormer = textOf(
      await (await platform.get('/people?entity=unodc&former=1', { Cookie: interpol })).text(),
    );
    expect(withFormer).toContain('Pierre Lambert');
    expect(withFormer).toContain('From 23 February 2018 to 31 March 2022');
  });

  it('lets UNODC’s focal point add, edit and retire a UNODC person, keeping input on errors', async () => {
    const bad = await platform.postForm(
      '/members/unodc/people/new',
      { name: 'New Colleague', email: 'not-an-address', since: '2026-02-01' },
      { Cookie: unodcFocal },
    );
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(textOf(badHtml)).toContain('Enter an e-mail address such as name@example.org.');
    expect(badHtml).toContain('value="New Colleague"');

    const added = await platform.postForm(
      '/members/unodc/people/new',
      {
        name: 'New Colleague',
        email: 'new.colleague@unodc.demo.example',
        since: '2026-02-01',
        topics: 'Victims',
      },
      { Cookie: unodcFocal },
    );
    expect(added.status).toBe(303);
    const listed = await (await platform.get('/people?entity=unodc', { Cookie: unodcFocal })).text();
    expect(textOf(listed)).toContain('Focal point on Victims');
    const [row] = (await platform.database.db.select().from(people)).filter(
      (person) => person.name === 'New Colleague',
    );
    const left = await platform.postForm(
      `/people/${row?.id}/leave`,
      { version: String(row?.version), leftOn: '2026-10-31' },
      { Cookie: unodcFocal },
    );
    expect(left.status).toBe(303);
    expect(
      textOf(await (await platform.get('/people?entity=unodc', { Cookie: unodcFocal })).text()),
    ).not.toContain('New Colleague');
  });

  it('refuses UNODC’s focal point on INTERPOL’s people, by form and by URL', async () => {
    expect((await platform.get('/members/interpol/people/new', { Cookie: unodcFocal })).status).toBe(403);
    const before = personRows(
      await (await platform.get('/people?entity=interpol', { Cookie: interpol })).text(),
    );
    const post = await platform.postForm(
      '/members/interpol/people/new',
      { name: 'Intruder', since: '2026-01-01' },
      { Cookie: unodcFocal },
    );
    expect(post.status).toBe(403);
    const [carlos] = (await platform.database.db.select().from(people)).filter(
      (person) => person.name === 'Carlos Mendes',
    );
    expect((await platform.get(`/people/${carlos?.id}/edit`, { Cookie: unodcFocal })).status).toBe(403);
    expect((await platform.get(`/people/${carlos?.id}/edit`, { Cookie: interpol })).status).toBe(403);
    expect(
      personRows(await (await platform.get('/people?entity=interpol', { Cookie: interpol })).text()),
    ).toBe(before);
  });

  it('answers 404, not an error, for an address that is not a person', async () => {
    expect((await platform.get('/people/not-a-uuid/edit', { Cookie: unodcFocal })).status).toBe(404);
  });
});
