import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import { cookiesFrom, createTestPlatform, type TestPlatform, testPassword } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';

let platform: TestPlatform;
let secretariat: string;
let interpol: string;

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  secretariat = await signInEnrolled(platform, 'secretariat@demo.example', '203.0.113.100');
  interpol = cookiesFrom(
    await platform.postForm(
      '/sign-in',
      { email: 'interpol@demo.example', password: testPassword },
      {},
      '203.0.113.101',
    ),
  );
});
afterAll(() => platform.close());

describe('the managed list of document types', () => {
  it('lets the secretariat add a type that the upload form then offers, and rename it', async () => {
    const added = await platform.postForm(
      '/admin/document-types',
      { name_en: 'Lessons learned', name_fr: 'Enseignements tirés' },
      { Cookie: secretariat },
    );
    expect(added.status).toBe(303);
    expect(await (await platform.get('/documents/new', { Cookie: interpol })).text()).toContain(
      '<option value="lessons-learned">Lessons learned</option>',
    );
    const renamed = await platform.postForm(
      '/admin/document-types/lessons-learned',
      { name_en: 'Lessons identified' },
      { Cookie: secretariat },
    );
    expect(renamed.status).toBe(303);
    const list = textOf(await (await platform.get('/admin/document-types', { Cookie: secretariat })).text());
    expect(list).toContain('Lessons identified');
    expect(list).toContain('lessons-learned');
  });

  it('refuses a second type with the same English name, keeping the typing', async () => {
    const response = await platform.postForm(
      '/admin/document-types',
      { name_en: 'Minutes', name_fr: 'Procès-verbal' },
      { Cookie: secretariat },
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(textOf(html)).toContain('There is already a type with this English name.');
    expect(html).toContain('value="Procès-verbal"');
  });

  it('is the secretariat’s alone', async () => {
    expect((await platform.get('/admin/document-types', { Cookie: interpol })).status).toBe(403);
    const posted = await platform.postForm(
      '/admin/document-types',
      { name_en: 'Sneaky' },
      { Cookie: interpol },
    );
    expect(posted.status).toBe(403);
    expect((await platform.get('/admin/document-types')).status).toBe(303);
  });
});
