import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import { cookiesFrom, createTestPlatform, type TestPlatform, testPassword } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { recordAudit } from './record.ts';

let platform: TestPlatform;
let secretariat: string;
let kenya: string;
beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  await platform.postForm(
    '/sign-in',
    { email: 'kenya@demo.example', password: 'wrong password 1' },
    {},
    '203.0.113.40',
  );
  kenya = cookiesFrom(
    await platform.postForm(
      '/sign-in',
      { email: 'kenya@demo.example', password: testPassword },
      {},
      '203.0.113.41',
    ),
  );
  secretariat = await signInEnrolled(platform, 'secretariat@demo.example', '203.0.113.42');
  await recordAudit(platform.database.db, {
    action: 'test.formula',
    subjectType: 'document',
    subjectId: '=HYPERLINK("http://evil.example","open")',
  });
  for (let index = 0; index < 55; index++) {
    await recordAudit(platform.database.db, {
      action: 'test.bulk',
      subjectType: 'document',
      subjectId: `d-${index}`,
    });
  }
});
afterAll(() => platform.close());

const rowsIn = (html: string) => (html.match(/data-testid="audit-row"/g) ?? []).length;

describe('the audit log for the secretariat', () => {
  it('lists entries newest first, fifty a page, with the acting person', async () => {
    const html = await (await platform.get('/admin/audit', { Cookie: secretariat })).text();
    expect(rowsIn(html)).toBe(50);
    expect(textOf(html)).toContain('Page 1 of 2');
    const second = await (await platform.get('/admin/audit?page=2', { Cookie: secretariat })).text();
    expect(rowsIn(second)).toBeGreaterThan(0);
    expect(textOf(second)).toContain('kenya@demo.example');
  });

  it('filters by event, person and dates, and says when a date is malformed', async () => {
    const failures = await (
      await platform.get('/admin/audit?action=auth.sign_in_failed', { Cookie: secretariat })
    ).text();
    expect(rowsIn(failures)).toBe(1);
    expect(textOf(failures)).toContain('INVALID_EMAIL_OR_PASSWORD');
    const byPerson = await (await platform.get('/admin/audit?who=KENYA', { Cookie: secretariat })).text();
    expect(textOf(byPerson)).toContain('auth.signed_in kenya@demo.example');
    const future = await (await platform.get('/admin/audit?from=2999-01-01', { Cookie: secretariat })).text();
    expect(textOf(future)).toContain('No entry matches these filters.');
    const bad = await platform.get('/admin/audit?from=08/06/2022', { Cookie: secretariat });
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain('Enter a date as YYYY-MM-DD');
  });

  it('exports the filtered entries as CSV that cannot run formulas, and records the export', async () => {
    const response = await platform.get('/admin/audit.csv?action=test.formula', { Cookie: secretariat });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parse((await response.text()).replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual([
      'occurred_at',
      'action',
      'actor_email',
      'actor_user_id',
      'subject_type',
      'subject_id',
      'details',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[5]).toBe(`'=HYPERLINK("http://evil.example","open")`);
    const exports = await (
      await platform.get('/admin/audit?action=audit.exported', { Cookie: secretariat })
    ).text();
    expect(rowsIn(exports)).toBe(1);
  });
});

describe('who may not read the audit log', () => {
  it('refuses a Member State focal point, by page and by export, and sends a visitor to sign in', async () => {
    expect((await platform.get('/admin/audit', { Cookie: kenya })).status).toBe(403);
    expect((await platform.get('/admin/audit.csv', { Cookie: kenya })).status).toBe(403);
    expect((await platform.get('/admin/audit.csv')).status).toBe(303);
  });
});
