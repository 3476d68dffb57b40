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

describe('Annex II, computed for any year', () => {
  it('reproduces 2022: eight groups under four pillars, with ETCIP’s rotating chair', async () => {
    const html = await (await platform.get('/annex-ii?year=2022')).text();
    expect(textOf(html)).toContain('Annex II: working group structure and composition in 2022');
    const groups = [...html.matchAll(/data-testid="annex-([\w-]+)"/g)].map((match) => match[1]);
    expect(groups).toEqual(['PCVE', 'BMLE', 'CJLRCFT', 'ETCIP', 'NARS', 'RMME', 'HRRLSVT', 'Gender']);
    const text = textOf(html);
    expect(text).toContain(
      'Chairs: UNICRI (1 January 2022 to 30 June 2022); OPCW (1 July 2022 to 30 September 2022); INTERPOL (1 October 2022 to 31 December 2022)',
    );
    expect(text).toMatch(/\(PCVE\) Chair: UNOCT \(1 January 2022 to 31 December 2022\)/);
    expect(text).toMatch(/\(ETCIP\).*Observers: WBG/);
  });

  it('exports the same as CSV, and refuses a year the Compact has not lived', async () => {
    const csv = await (await platform.get('/annex-ii.csv?year=2022')).text();
    expect(csv).toContain('2022,2,ETCIP,chair,OPCW,2022-07-01,2022-09-30');
    expect(csv).toContain('2022,2,ETCIP,observer,WBG,,');
    const bad = await platform.get('/annex-ii?year=1999');
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain('Choose a year from 2018 to');
    expect((await platform.get('/annex-ii.csv?year=abc')).status).toBe(400);
  });
});

describe('the membership timeline', () => {
  it('says that FATF and UNITAD joined in April 2022, and shows ETCIP’s chairs, in each language', async () => {
    const english = await (await platform.get('/timeline')).text();
    expect(textOf(english)).toContain('April 2022 FATF and UNITAD joined the Compact.');
    expect(textOf(english)).toContain('OPCW took the chair of ETCIP on 1 July 2022.');
    const french = await (await platform.get('/timeline', { 'Accept-Language': 'fr' })).text();
    expect(textOf(french)).toContain('FATF et UNITAD ont rejoint le Pacte.');
  });

  it('offers the same as an Atom feed', async () => {
    const response = await platform.get('/timeline.atom');
    expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
    const feed = await response.text();
    expect(feed).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/,
    );
    expect(feed).toContain('<title>INTERPOL took the chair of ETCIP on 1 October 2022.</title>');
    expect(feed).toContain('<updated>2022-04-01T00:00:00Z</updated>');
  });
});
