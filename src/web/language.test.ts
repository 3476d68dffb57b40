import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../tests/helpers/app.ts';
import { safeReturnPath } from './language.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({ demo: false });
});
afterAll(() => platform.close());

const langOf = async (response: Response) =>
  (await response.text()).match(/<html lang="(\w+)" dir="(\w+)">/)?.slice(1);

describe('choosing the language', () => {
  it.each([
    [undefined, ['en', 'ltr']],
    ['fr', ['fr', 'ltr']],
    ['fr-CA,en;q=0.5', ['fr', 'ltr']],
    ['ar-EG', ['ar', 'rtl']],
    ['de-DE,de;q=0.9', ['en', 'ltr']],
    ['zz', ['en', 'ltr']],
    ['de, ar;q=0.4, fr;q=0.8', ['fr', 'ltr']],
  ])('Accept-Language %s gives %j', async (header, expected) => {
    expect(await langOf(await platform.get('/', header ? { 'Accept-Language': header } : {}))).toEqual(
      expected,
    );
  });

  it('remembers the choice made with the switcher, over the browser’s language', async () => {
    const response = await platform.postForm('/language', { lang: 'ar', next: '/members?status=observer' });
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/members?status=observer');
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/^lang=ar;/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const page = await platform.get('/', { Cookie: 'lang=ar', 'Accept-Language': 'fr' });
    expect(await langOf(page)).toEqual(['ar', 'rtl']);
  });

  it('ignores an unknown language in the switcher and in the cookie', async () => {
    const response = await platform.postForm('/language', { lang: 'xx', next: '/' });
    expect(response.status).toBe(303);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    expect(await langOf(await platform.get('/', { Cookie: 'lang=xx' }))).toEqual(['en', 'ltr']);
  });

  it('refuses a language switch posted from another site', async () => {
    const response = await platform.postForm(
      '/language',
      { lang: 'fr', next: '/' },
      { Origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  it('marks the current language in the switcher and returns to the same page', async () => {
    const html = await (await platform.get('/members', { 'Accept-Language': 'fr' })).text();
    expect(html).toContain('<input type="hidden" name="next" value="/members"/>');
    expect(html).toMatch(
      /<button type="submit" name="lang" value="fr" lang="fr" dir="ltr" aria-pressed="true">Français<\/button>/,
    );
    expect(html).toMatch(/value="ar" lang="ar" dir="rtl" aria-pressed="false">العربية</);
  });
});

describe('the switcher’s return address', () => {
  it.each([
    ['/members?status=observer', '/members?status=observer'],
    ['/', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    [undefined, '/'],
  ])('%s -> %s', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});
