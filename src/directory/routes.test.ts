import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(() => platform.close());

const rowsOf = (html: string) =>
  [...html.matchAll(/<tr><th scope="row">([^<]+)<\/th>/g)].map((match) => match[1]);

describe('the members page', () => {
  it('lists the 45 entities with type, status and the month they joined', async () => {
    const html = await (await platform.get('/members')).text();
    const rows = rowsOf(html);
    expect(rows).toHaveLength(45);
    expect(rows).toContain('UNITAD');
    const text = textOf(html);
    expect(text).toContain('45 entities take part in the Compact.');
    expect(text).toContain('FATF Financial Action Task Force Outside the United Nations Observer April 2022');
    expect(text).toContain('UNITAD United Nations Investigative Team');
    expect(text).toMatch(/UNITAD .*? Da’esh\/ISIL United Nations Member April 2022/);
  });

  it('filters by status and by type', async () => {
    expect(rowsOf(await (await platform.get('/members?status=observer')).text())).toEqual([
      'FATF',
      'IMF',
      'IPU',
      'UPU',
      'WBG',
    ]);
    expect(rowsOf(await (await platform.get('/members?kind=non_un')).text())).toEqual([
      'FATF',
      'INTERPOL',
      'IPU',
      'WCO',
    ]);
    expect(rowsOf(await (await platform.get('/members?kind=non_un&status=member')).text())).toEqual([
      'INTERPOL',
      'WCO',
    ]);
  });

  it('ignores a filter value it does not know instead of failing', async () => {
    const response = await platform.get('/members?status=%3Cscript%3E&kind=everything');
    expect(response.status).toBe(200);
    expect(rowsOf(await response.text())).toHaveLength(45);
  });

  it('marks the current filter and shows names in French for a French reader', async () => {
    const html = await (await platform.get('/members?status=observer', { 'Accept-Language': 'fr' })).text();
    expect(html).toContain('<a href="/members?status=observer" aria-current="true">Observateur</a>');
    expect(textOf(html)).toContain("Groupe d'action financière");
    expect(textOf(html)).toContain('5 entités participent au Pacte.');
  });

  it('shows an empty state when no entity matches', async () => {
    const { sql } = await import('drizzle-orm');
    await platform.database.db.execute(sql`update entities set status = 'member' where kind = 'non_un'`);
    await expect
      .poll(async () => textOf(await (await platform.get('/members?kind=non_un&status=observer')).text()), {
        timeout: 5000,
      })
      .toContain('No entity matches these filters. Show all entities');
  });
});
