import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(() => platform.close());

describe('the working groups page', () => {
  it('shows the Coordination Committee and the eight groups under their four pillars', async () => {
    const html = await (await platform.get('/working-groups')).text();
    const groupHeadings = [...html.matchAll(/<h3 id="body-([\w-]+)">/g)].map((match) => match[1]);
    expect(groupHeadings).toEqual(['pcve', 'bmle', 'cjlrcft', 'etcip', 'nars', 'rmme', 'hrrlsvt', 'gender']);
    const pillarHeadings = [...html.matchAll(/<h2 id="pillar-(\d)">/g)].map((match) => match[1]);
    expect(pillarHeadings).toEqual(['1', '2', '3', '4']);
    const text = textOf(html);
    expect(text).toContain(
      'Coordination Committee The Coordination Committee is chaired by the Under-Secretary-General',
    );
    expect(text).toMatch(
      /Emerging Threats and Critical Infrastructure Protection \(ETCIP\) Chair: UNICRI \(since 1 January 2025\)/,
    );
    expect(text).toMatch(
      /\(PCVE\) Chair: UNOCT \(since 1 January 2020\) Vice-chairs: UNDP \(since 1 January 2020\), UNESCO/,
    );
    expect(text).toContain('45 members, 0 observers');
  });

  it('names group and pillars in Arabic for an Arabic reader', async () => {
    const html = await (await platform.get('/working-groups', { 'Accept-Language': 'ar' })).text();
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    const text = textOf(html);
    expect(text).toContain('التهديدات الناشئة وحماية البنية التحتية الحيوية (ETCIP)');
    expect(text).toContain('منع الإرهاب ومكافحته');
  });
});
