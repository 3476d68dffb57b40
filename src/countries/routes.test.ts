import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import { cookiesFrom, createTestPlatform, type TestPlatform, testPassword } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { loadDemoCountriesIfEmpty } from '../demo/countries.ts';

let platform: TestPlatform;
let kenya: string;
let secretariat: string;

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  await loadDemoCountriesIfEmpty(platform.database.db);
  kenya = cookiesFrom(
    await platform.postForm(
      '/sign-in',
      { email: 'kenya@demo.example', password: testPassword },
      {},
      '192.0.2.30',
    ),
  );
  secretariat = await signInEnrolled(platform, 'secretariat@demo.example', '192.0.2.31');
});
afterAll(() => platform.close());

describe('Member State pages', () => {
  it('draws the map on the server, with a title, a description and a table of the same figures', async () => {
    const response = await platform.get('/countries?measure=strategy');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<svg class="world-map"');
    expect(html).toContain(
      '<title id="map-title">Map of the Member States: Counter-terrorism strategy</title>',
    );
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('data-testid="value-KEN">Strategy adopted<');
    expect(html).toContain('data-testid="value-TJK">Not stated<');
    const africa = await (await platform.get('/countries?region=Africa')).text();
    expect([...africa.matchAll(/data-testid="value-/g)]).toHaveLength(54);
    const french = await (await platform.get('/countries', { 'Accept-Language': 'fr' })).text();
    expect(french).toContain('Stratégie adoptée');
  });

  it('shows visitors the public sections only', async () => {
    const html = await (await platform.get('/countries/KEN')).text();
    expect(html).toContain('border security along its northern and eastern borders');
    expect(html).not.toContain('limited forensic capacity');
    expect(html).not.toContain('focal.point@kenya.demo.example');
    const history = await (await platform.get('/countries/KEN/sections/priorities/history')).text();
    expect(history).toContain('data-testid="comparison"');
    expect(history).toContain('<ins>');
  });

  it('lets Kenya’s focal point save a draft, and refuses another State’s page with the reason', async () => {
    const form = await platform.get('/countries/KEN/sections/good_practices/edit', { Cookie: kenya });
    expect(form.status).toBe(200);
    const empty = await platform.postForm(
      '/countries/KEN/sections/good_practices/edit',
      { version: '0', text: '  ', level: 'public', submit: '1' },
      { Cookie: kenya },
    );
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Enter a value.');
    const saved = await platform.postForm(
      '/countries/KEN/sections/good_practices/edit',
      { version: '0', text: 'Mentoring of young people by county elders.', level: 'public', submit: '1' },
      { Cookie: kenya },
    );
    expect(saved.status).toBe(303);
    for (const path of [
      '/countries/UGA/sections/priorities/edit',
      '/countries/uga/sections/priorities/edit',
    ]) {
      const other = await platform.postForm(
        path,
        { version: '0', text: 'Not ours.', level: 'public' },
        { Cookie: kenya },
      );
      expect(other.status).toBe(403);
      expect(textOf(await other.text())).toContain('You may edit only the page of your own State (Kenya).');
    }
    const api = await platform.app.request(
      'http://localhost:3000/api/v1/countries/UGA/sections/priorities/draft',
      {
        method: 'PUT',
        headers: { Cookie: kenya, 'Content-Type': 'application/json', Origin: 'http://localhost:3000' },
        body: JSON.stringify({ version: 0, text: 'Not ours.', level: 'public' }),
      },
    );
    expect(api.status).toBe(403);
    expect(((await api.json()) as { message: string }).message).toBe(
      'You may edit only the page of your own State.',
    );
    const visitor = await (await platform.get('/countries/KEN')).text();
    expect(visitor).not.toContain('Mentoring of young people');
  });

  it('lets the secretariat publish it, after which visitors see it', async () => {
    const queue = await (await platform.get('/countries/review', { Cookie: secretariat })).text();
    expect(queue).toContain('/countries/KEN/sections/good_practices/review');
    const review = await (
      await platform.get('/countries/KEN/sections/good_practices/review', { Cookie: secretariat })
    ).text();
    const version = review.match(/name="version" value="(\d+)"/)?.[1] as string;
    const refused = await platform.postForm(
      '/countries/KEN/sections/good_practices/review',
      { version, decision: 'return', comment: '' },
      { Cookie: secretariat },
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Write a comment for the State');
    const published = await platform.postForm(
      '/countries/KEN/sections/good_practices/review',
      { version, decision: 'publish', comment: '' },
      { Cookie: secretariat },
    );
    expect(published.status).toBe(303);
    const visitor = await (await platform.get('/countries/KEN')).text();
    expect(visitor).toContain('Mentoring of young people by county elders.');
    expect(
      (await platform.get('/countries/KEN/sections/good_practices/review', { Cookie: kenya })).status,
    ).toBe(403);
  });
});
