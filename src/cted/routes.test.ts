import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import { createTestPlatform, type TestPlatform, testBaseUrl } from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { loadDemoCountriesIfEmpty } from '../demo/countries.ts';

let platform: TestPlatform;
let cted: string;
let unodc: string;

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  await loadDemoCountriesIfEmpty(platform.database.db);
  cted = await signInEnrolled(platform, 'cted@demo.example', '192.0.2.40');
  unodc = await signInEnrolled(platform, 'unodc@demo.example', '192.0.2.41');
});
afterAll(() => platform.close());

const send = (path: string, cookie: string, init: { method: string; body: BodyInit; type?: string }) =>
  platform.app.request(`${testBaseUrl}${path}`, {
    method: init.method,
    body: init.body,
    headers: { Cookie: cookie, Origin: testBaseUrl, ...(init.type ? { 'Content-Type': init.type } : {}) },
  });

const upload = (csv: string, mode: string) => {
  const form = new FormData();
  form.set('file', new File([csv], 'recommendations.csv', { type: 'text/csv' }));
  form.set('mode', mode);
  return form;
};

describe('CTED’s pages and API', () => {
  it('checks an import file on the page, lists its problems by row, and adds nothing', async () => {
    const csv = [
      'country,assessment_start,theme,priority,status,issued_on,due_on,text',
      'KEN,2022-02-07,border_management,high,open,2023-06-01,,Screen cargo at the port of Mombasa.',
      'KEN,2022-02-07,border_management,urgent,open,2023-06-01,,Bad priority.',
    ].join('\n');
    const before = (
      (await (await platform.get('/api/v1/cted/recommendations', { Cookie: cted })).json()) as {
        total: number;
      }
    ).total;
    const response = await send('/cted/import', cted, { method: 'POST', body: upload(csv, 'import') });
    expect(response.status).toBe(400);
    const text = textOf(await response.text());
    expect(text).toContain('Nothing was added: the file has 1 problem.');
    expect(text).toContain('3 priority Choose one of the options.');
    const after = (
      (await (await platform.get('/api/v1/cted/recommendations', { Cookie: cted })).json()) as {
        total: number;
      }
    ).total;
    expect(after).toBe(before);
    const good = csv.split('\n').slice(0, 2).join('\n');
    const dry = await send('/cted/import', cted, { method: 'POST', body: upload(good, 'dry_run') });
    expect(textOf(await dry.text())).toContain('Every row is valid: 1 recommendation would be added.');
    const done = await send('/cted/import', cted, { method: 'POST', body: upload(good, 'import') });
    expect(textOf(await done.text())).toContain('1 recommendation was added.');
    const again = await send('/api/v1/cted/recommendations/import?dryRun=true', cted, {
      method: 'POST',
      body: upload(good, 'dry_run'),
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { problems: { message: string }[] }).problems[0]?.message).toBe(
      'This assessment already has this recommendation.',
    );
    const refused = await send('/cted/import', unodc, { method: 'POST', body: upload(good, 'import') });
    expect(refused.status).toBe(403);
  });

  it('lets UNODC record its uptake, and refuses changes to a superseded recommendation', async () => {
    const list = (await (
      await platform.get('/api/v1/cted/recommendations?country=PER&status=open', {
        Cookie: unodc,
      })
    ).json()) as { items: { id: string }[] };
    const id = list.items[0]?.id as string;
    const uptake = await platform.postForm(
      `/cted/recommendations/${id}/uptake`,
      { note: 'Mentoring of financial analysts.', since: '2024-01-10' },
      { Cookie: unodc },
    );
    expect(uptake.status).toBe(303);
    expect(await (await platform.get(`/cted/recommendations/${id}`, { Cookie: unodc })).text()).toContain(
      'Mentoring of financial analysts.',
    );

    const current = (await (
      await platform.get(`/api/v1/cted/recommendations/${id}`, { Cookie: cted })
    ).json()) as {
      version: number;
    };
    const superseded = await send(`/api/v1/cted/recommendations/${id}/supersede`, cted, {
      method: 'POST',
      type: 'application/json',
      body: JSON.stringify({
        version: current.version,
        theme: 'financing_of_terrorism',
        priority: 'high',
        text: 'Give the financial intelligence unit and prosecutors access to the registry of beneficial owners.',
        issuedOn: '2024-02-01',
        dueOn: null,
      }),
    });
    expect(superseded.status).toBe(201);
    const edit = await send(`/api/v1/cted/recommendations/${id}`, cted, {
      method: 'PUT',
      type: 'application/json',
      body: JSON.stringify({
        version: current.version + 1,
        theme: 'financing_of_terrorism',
        priority: 'low',
        text: 'Changed.',
        status: 'open',
        dueOn: null,
      }),
    });
    expect(edit.status).toBe(400);
    expect(((await edit.json()) as { message: string }).message).toContain(
      'This recommendation was superseded',
    );
    const page = await platform.get(`/cted/recommendations/${id}/edit`, { Cookie: cted });
    expect(page.status).toBe(409);
    const late = await platform.postForm(
      `/cted/recommendations/${id}/uptake`,
      { note: 'Too late.', since: '2024-03-01' },
      { Cookie: unodc },
    );
    expect(late.status).toBe(400);
    const byUnodc = await send(`/api/v1/cted/recommendations`, unodc, {
      method: 'POST',
      type: 'application/json',
      body: JSON.stringify({
        assessment: '00000000-0000-4000-8000-000000000000',
        theme: 'legislation',
        priority: 'low',
        text: 'x',
        issuedOn: '2024-01-01',
      }),
    });
    expect(byUnodc.status).toBe(403);
    expect(((await byUnodc.json()) as { message: string }).message).toBe(
      'Only CTED creates and changes assessments and recommendations.',
    );
  });
});
