import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../tests/helpers/app.ts';
import { section, textOf } from '../../tests/helpers/html.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(() => platform.close());

describe('the Compact at a glance (home page)', () => {
  it('shows the 2022 figures read from the database, in English', async () => {
    const response = await platform.get('/');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
    expect(textOf(section(html, 'entity-figures'))).toBe(
      '45 entities 40 members 5 observers 41 United Nations entities 4 entities outside the United Nations',
    );
    const text = textOf(html);
    expect(text).toContain('8 working groups under 4 pillars');
    expect(text).toContain(
      'The Coordination Committee gives the Compact its strategic direction. 45 entities take part.',
    );
    expect(text).toContain('The Compact supports the 193 Member States of the United Nations.');
    expect(text).toMatch(/Africa: 54 .*Americas: 35 .*Asia: 46 .*Europe: 44 .*Oceania: 14/);
    for (const group of ['PCVE', 'BMLE', 'CJLRCFT', 'ETCIP', 'NARS', 'RMME', 'HRRLSVT', 'Gender']) {
      expect(text).toContain(`${group} :`);
    }
  });

  it('puts each working group under its pillar', async () => {
    const text = textOf(await (await platform.get('/')).text());
    const order = [
      'Pillar 1',
      'PCVE',
      'Pillar 2',
      'BMLE',
      'CJLRCFT',
      'ETCIP',
      'Pillar 3',
      'NARS',
      'RMME',
      'Pillar 4',
      'HRRLSVT',
      'Gender',
    ];
    const positions = order.map((marker) => text.indexOf(marker));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('is in French for a French browser', async () => {
    const html = await (await platform.get('/', { 'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.5' })).text();
    expect(html).toMatch(/<html lang="fr" dir="ltr">/);
    expect(textOf(section(html, 'entity-figures'))).toBe(
      '45 entités 40 membres 5 observateurs 41 entités des Nations Unies 4 entités extérieures aux Nations Unies',
    );
    expect(textOf(html)).toContain('8 groupes de travail répartis en 4 piliers');
  });

  it('is in Arabic, right to left, for an Arabic browser', async () => {
    const html = await (await platform.get('/', { 'Accept-Language': 'ar' })).text();
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    const figures = textOf(section(html, 'entity-figures'));
    const arabic = (n: number) => new Intl.NumberFormat('ar').format(n);
    expect(figures).toContain(`${arabic(45)} كيانًا`);
    expect(figures).toContain(`${arabic(4)} كيانات من خارج الأمم المتحدة`);
    expect(textOf(html)).toContain('الاتفاق في لمحة');
  });

  it('changes when the data changes', async () => {
    const { sql } = await import('drizzle-orm');
    expect(textOf(await (await platform.get('/')).text())).toContain('45 entities');
    await platform.database.db.execute(sql`update entities set left_on = '2023-01-31' where slug = 'upu'`);
    await expect
      .poll(async () => textOf(await (await platform.get('/')).text()), { timeout: 5000 })
      .toContain('44 entities 40 members 4 observers 40 United Nations entities');
    await platform.database.db.execute(sql`update entities set left_on = null where slug = 'upu'`);
    await expect
      .poll(async () => textOf(await (await platform.get('/')).text()), { timeout: 5000 })
      .toContain('45 entities 40 members 5 observers');
  });

  it('answers a repeat visit with 304 and compresses what it sends', async () => {
    const first = await platform.get('/', { 'Accept-Encoding': 'gzip, br' });
    expect(first.headers.get('Content-Encoding')).toBe('br');
    expect(first.headers.get('Vary')).toContain('Accept-Language');
    const etag = first.headers.get('ETag');
    expect(etag).toBeTruthy();
    const again = await platform.get('/', { 'If-None-Match': etag as string });
    expect(again.status).toBe(304);
    const gzip = await platform.get('/', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip');
  });
});
