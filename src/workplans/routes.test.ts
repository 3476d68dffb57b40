import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import {
  cookiesFrom,
  createTestPlatform,
  type TestPlatform,
  testBaseUrl,
  testPassword,
} from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { auditEvents } from '../audit/schema.ts';
import { bodies } from '../bodies/schema.ts';
import { workPlanActivities, workPlans } from './schema.ts';

let platform: TestPlatform;
let interpol: string;
let kenya: string;
const planId: Record<string, string> = {};

const signIn = async (email: string, ip: string) =>
  cookiesFrom(await platform.postForm('/sign-in', { email, password: testPassword }, {}, ip));
const get = (path: string, cookie = '') => platform.get(path, cookie ? { Cookie: cookie } : {});
const post = (path: string, form: Record<string, string>, cookie: string) =>
  platform.postForm(path, form, { Cookie: cookie });

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  interpol = await signIn('interpol@demo.example', '203.0.113.90');
  kenya = await signIn('kenya@demo.example', '203.0.113.91');
  const db = platform.database.db;
  for (const row of await db
    .select({ id: workPlans.id, slug: bodies.slug, startYear: workPlans.startYear })
    .from(workPlans)
    .innerJoin(bodies, eq(bodies.id, workPlans.bodyId))) {
    planId[`${row.slug}:${row.startYear}`] = row.id;
  }
  // CJLRCFT's plan for United Nations entities only: INTERPOL sits in the group but is not a UN entity.
  await db
    .update(workPlans)
    .set({ level: 'un_system' })
    .where(eq(workPlans.id, planId['cjlrcft:2021'] as string));
  await db
    .update(workPlanActivities)
    .set({ title: '=HYPERLINK("https://evil.example")' })
    .where(
      and(
        eq(workPlanActivities.workPlanId, planId['gender:2021'] as string),
        eq(workPlanActivities.position, 1),
      ),
    );
});
afterAll(() => platform.close());

describe('a plan the reader may not see does not exist for them', () => {
  it('by address, API and CSV export, for a visitor, a Member State and a non-UN entity', async () => {
    const hidden: [string, string][] = [
      [planId['etcip:2021'] as string, ''],
      [planId['bmle:2021'] as string, ''],
      [planId['bmle:2021'] as string, kenya],
      [planId['cjlrcft:2021'] as string, interpol],
    ];
    for (const [id, cookie] of hidden) {
      for (const path of [`/work-plans/${id}`, `/work-plans/${id}/export.csv`, `/api/v1/work-plans/${id}`]) {
        const response = await get(path, cookie);
        expect(response.status, `${path} ${cookie ? 'signed in' : 'visitor'}`).toBe(404);
        expect(await response.text()).not.toContain('CJLRCFT work plan');
      }
    }
  });

  it('is left out of lists, roll-ups and the API list', async () => {
    const list = await (await get('/api/v1/work-plans?period=2021-2022', interpol)).json();
    const ids = list.items.map((item: { id: string }) => item.id);
    expect(ids).not.toContain(planId['cjlrcft:2021']);
    expect(ids).toContain(planId['etcip:2021']);
    expect(list.total).toBe(7);
    const visitor = await (await get('/api/v1/work-plans')).json();
    expect(visitor.items.map((item: { body: { slug: string } }) => item.body.slug)).toEqual(['gender']);
    const page = textOf(await (await get('/work-plans?period=2021-2022', interpol)).text());
    expect(page).toContain('ETCIP');
    expect(page).not.toContain('CJLRCFT');
    const csv = await (await get('/work-plans.csv?period=2021-2022', interpol)).text();
    expect(csv).not.toContain('CJLRCFT');
    expect(csv).toContain('ETCIP');
    const body = textOf(await (await get('/working-groups/cjlrcft/work-plans', interpol)).text());
    expect(body).toContain('There is no work plan of this body that you may see.');
  });

  it('shows a public plan to a visitor, and audits reads of a members-only plan', async () => {
    const response = await get(`/work-plans/${planId['gender:2021']}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-testid="timeline"');
    expect(html).not.toContain('/edit');
    expect((await get(`/work-plans/${planId['etcip:2021']}`, interpol)).status).toBe(200);
    const events = await platform.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'record.read'), eq(auditEvents.subjectId, planId['etcip:2021'] as string)),
      );
    expect(events).toHaveLength(1);
  });

  it('says on a body’s home how its latest plan stands', async () => {
    // A visitor sees the public 2021-2022 plan; a Compact entity the newer one, shared with the Compact.
    const html = await (await get('/working-groups/gender')).text();
    expect(textOf(html)).toContain('Gender work plan 2021–2022');
    expect(html).toContain('/working-groups/gender/work-plans');
    expect(textOf(await (await get('/working-groups/gender', interpol)).text())).toContain(
      'Gender work plan 2025–2026',
    );
  });
});

describe('exports', () => {
  it('neutralises formulas in the CSV of a plan', async () => {
    const response = await get(`/work-plans/${planId['gender:2021']}/export.csv`);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const csv = await response.text();
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(csv.split('\r\n')[0]).toContain('Lead entity');
  });
});

describe('the lead entity reports progress through the form and the API', () => {
  const activityOf = async (plan: string, lead: string) => {
    const response = await get(`/api/v1/work-plans/${planId[plan]}`, interpol);
    const body = await response.json();
    for (const output of body.outputs)
      for (const activity of output.activities) if (activity.lead === lead) return activity;
    throw new Error('no such activity');
  };

  it('refuses the edit forms to a member that does not chair, but offers it the report on its own activity', async () => {
    const etcip = planId['etcip:2021'] as string;
    expect((await get(`/work-plans/${etcip}/edit`, interpol)).status).toBe(403);
    expect((await get(`/work-plans/${etcip}/outputs/new`, kenya)).status).toBe(404);
    const page = await (await get(`/work-plans/${etcip}`, interpol)).text();
    const activity = await activityOf('etcip:2021', 'interpol');
    expect(page).toContain(`/work-plans/${etcip}/activities/${activity.id}/progress`);
    const other = await activityOf('etcip:2021', 'opcw');
    expect(page).not.toContain(`/activities/${other.id}/progress`);
    expect((await get(`/work-plans/${etcip}/activities/${other.id}/progress`, interpol)).status).toBe(403);
  });

  it('keeps what was typed when the quarter is wrong, and catches a stale form', async () => {
    const etcip = planId['etcip:2021'] as string;
    const activity = await activityOf('etcip:2021', 'interpol');
    const address = `/work-plans/${etcip}/activities/${activity.id}/progress`;
    const bad = await post(
      address,
      {
        version: String(activity.version),
        quarter: 'Q3 2022',
        status: 'done',
        text: 'Typed words',
        evidence: '',
      },
      interpol,
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(textOf(html)).toContain('Enter a quarter such as 2022-Q3.');
    expect(html).toContain('Typed words');
    const stale = await post(
      address,
      { version: String(activity.version - 1), quarter: '2022-Q4', status: 'done', text: 'Late words' },
      interpol,
    );
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Late words');
    const saved = await post(
      address,
      {
        version: String(activity.version),
        quarter: '2022-Q4',
        status: 'done',
        text: 'Inventory completed.',
        evidence: 'https://www.un.org/counterterrorism/',
      },
      interpol,
    );
    expect(saved.status).toBe(303);
    expect((await activityOf('etcip:2021', 'interpol')).status).toBe('done');
  });

  it('answers the API with the plan, or with precise problems', async () => {
    const bmle = planId['bmle:2021'] as string;
    const activity = await activityOf('bmle:2021', 'interpol');
    const send = (body: unknown) =>
      platform.app.request(`${testBaseUrl}/api/v1/work-plans/${bmle}/activities/${activity.id}/updates`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { Cookie: interpol, 'Content-Type': 'application/json', Origin: testBaseUrl },
      });
    const refused = await send({
      version: activity.version,
      quarter: '2023-Q1',
      status: 'done',
      text: 'x',
      evidence: [],
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).problems[0].code).toBe('workplans_quarter_outside_period');
    const created = await send({
      version: activity.version,
      quarter: '2022-Q2',
      status: 'done',
      text: 'Calendar shared.',
      evidence: ['https://www.un.org/counterterrorism/'],
    });
    expect(created.status).toBe(201);
    const plan = await created.json();
    expect(plan.outputs.flatMap((o: { activities: unknown[] }) => o.activities).length).toBeGreaterThan(0);
    const openapi = await (await get('/api/v1/openapi.json')).json();
    expect(Object.keys(openapi.paths)).toContain('/api/v1/work-plans/{id}');
  });
});

describe('the chair changes the plan', () => {
  it('asks for confirmation before deleting, and refuses a deletion from a stale page', async () => {
    // INTERPOL is vice-chair of BMLE: it may change BMLE's plans.
    const bmle = planId['bmle:2021'] as string;
    const plan = await (await get(`/api/v1/work-plans/${bmle}`, interpol)).json();
    const output = plan.outputs[2];
    const confirm = await get(`/work-plans/${bmle}/outputs/${output.id}/delete`, interpol);
    expect(confirm.status).toBe(200);
    expect(textOf(await confirm.text())).toContain('Its 2 activities');
    const edited = await post(
      `/work-plans/${bmle}/outputs/${output.id}/edit`,
      { version: '1', title: 'Maritime, air cargo and postal security', description: '' },
      interpol,
    );
    expect(edited.status).toBe(303);
    const stale = await post(`/work-plans/${bmle}/outputs/${output.id}/delete`, { version: '1' }, interpol);
    expect(stale.status).toBe(409);
    const deleted = await post(`/work-plans/${bmle}/outputs/${output.id}/delete`, { version: '2' }, interpol);
    expect(deleted.status).toBe(303);
    expect((await (await get(`/api/v1/work-plans/${bmle}`, interpol)).json()).outputs).toHaveLength(2);
  });
});

describe('the pages in every language', () => {
  it('render the roll-up, a plan and its forms in English, French and Arabic, light enough for slow links', async () => {
    const bmle = planId['bmle:2021'] as string;
    const plan = await (await get(`/api/v1/work-plans/${bmle}`, interpol)).json();
    const activity = plan.outputs[0].activities[0];
    for (const language of ['en', 'fr', 'ar']) {
      for (const path of [
        '/work-plans',
        `/work-plans/${bmle}`,
        '/working-groups/bmle/work-plans',
        `/work-plans/${bmle}/edit`,
        `/work-plans/${bmle}/outputs/new`,
        `/work-plans/${bmle}/outputs/${plan.outputs[0].id}/activities/new`,
        `/work-plans/${bmle}/activities/${activity.id}/progress`,
        `/work-plans/${bmle}/activities/${activity.id}/delete`,
      ]) {
        const response = await platform.get(path, {
          Cookie: interpol,
          'Accept-Language': language,
          'Accept-Encoding': 'gzip',
        });
        expect(response.status, `${path} ${language}`).toBe(200);
        expect((await response.arrayBuffer()).byteLength, `${path} ${language}`).toBeLessThan(60 * 1024);
      }
    }
    const arabic = await (
      await platform.get(`/work-plans/${bmle}`, { Cookie: interpol, 'Accept-Language': 'ar' })
    ).text();
    expect(arabic).toContain('dir="rtl"');
    expect(arabic).toContain('الجدول الزمني للأنشطة');
  });
});

describe('the priorities of the Joint Programme of Work', () => {
  it('are seeded from the report and kept by the secretariat alone', async () => {
    expect((await get('/admin/jpow-priorities', interpol)).status).toBe(403);
    const secretariat = await signInEnrolled(platform, 'secretariat@demo.example', '203.0.113.92');
    const page = textOf(await (await get('/admin/jpow-priorities', secretariat)).text());
    expect(page).toContain('Increased use of CTED recommendations');
    const bad = await post(
      '/admin/jpow-priorities',
      { programme: '2024', code: '1.iii', name_en: 'Typed name' },
      secretariat,
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(textOf(html)).toContain('Enter the programme’s years as 2022-2023.');
    expect(html).toContain('Typed name');
    const taken = await post(
      '/admin/jpow-priorities',
      { programme: '2022-2023', code: '1.iii', name_en: 'Again' },
      secretariat,
    );
    expect(textOf(await taken.text())).toContain('This programme already has a priority with this code.');
    const added = await post(
      '/admin/jpow-priorities',
      { programme: '2024-2026', code: '2', name_en: 'Strengthen engagement with Member States' },
      secretariat,
    );
    expect(added.status).toBe(303);
    const form = await (await get(`/work-plans/${planId['gender:2021']}/outputs/new`, secretariat)).text();
    expect(form).toContain('Strengthen engagement with Member States');
  });
});
