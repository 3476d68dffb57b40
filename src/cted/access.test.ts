import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import { cookiesFrom, createTestPlatform, type TestPlatform, testPassword } from '../../tests/helpers/app.ts';
import { createAccount } from '../accounts/commands.ts';
import { auditEvents } from '../audit/schema.ts';
import { loadDemoCountriesIfEmpty } from '../demo/countries.ts';
import { findEntity } from '../directory/queries.ts';

/**
 * CTED shares "with United Nations entities": INTERPOL, WCO, IPU and FATF users see none of it, on any
 * page, count, map shade, search, export or API answer (issue 7); a UN entity's user does (the control).
 */
let platform: TestPlatform;
const cookies = new Map<string, string>();
let kenyaRecommendationId: string;

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  await loadDemoCountriesIfEmpty(platform.database.db);
  for (const slug of ['wco', 'ipu', 'fatf']) {
    const entity = await findEntity(platform.database.db, slug);
    await createAccount(platform.database.db, platform.auth, {
      email: `${slug}@demo.example`,
      name: `${slug.toUpperCase()} member (test)`,
      role: 'entity_member',
      entityId: entity?.id ?? null,
      memberStateId: null,
      password: testPassword,
    });
  }
  let ip = 10;
  cookies.set('unodc', await signInEnrolled(platform, 'unodc@demo.example', '192.0.2.9'));
  for (const email of ['interpol', 'wco', 'ipu', 'fatf', 'kenya']) {
    const response = await platform.postForm(
      '/sign-in',
      { email: `${email}@demo.example`, password: testPassword },
      {},
      `192.0.2.${ip++}`,
    );
    cookies.set(email, cookiesFrom(response));
  }
  const list = await as('unodc', '/api/v1/cted/recommendations?country=KEN');
  const body = (await list.json()) as { items?: { id: string }[] };
  if (!body.items) throw new Error(`list: ${list.status} ${JSON.stringify(body)} ${cookies.get('unodc')}`);
  kenyaRecommendationId = body.items[0]?.id as string;
});
afterAll(() => platform.close());

const as = (who: string, path: string) => platform.get(path, { Cookie: cookies.get(who) ?? '' });

describe('what the non-UN entities of the Compact never see of CTED’s material', () => {
  it('the control: a UN entity sees Kenya’s recommendations everywhere', async () => {
    expect(kenyaRecommendationId).toBeTruthy();
    const page = await (await as('unodc', '/countries/KEN')).text();
    expect(page).toMatch(/data-testid="recommendation-count"><a[^>]*>3 recommendations you may see/);
    const map = await (await as('unodc', '/countries?measure=open_recommendations')).text();
    expect(map).toContain('data-testid="value-KEN">3<');
    const csv = await (await as('unodc', '/cted/recommendations.csv')).text();
    expect(csv).toContain('\nKEN,');
    const [exported] = await platform.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'record.exported'))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(exported?.subjectType).toBe('cted_recommendation');
    expect((exported?.details as { restricted?: number } | undefined)?.restricted).toBeGreaterThan(0);
  });

  it('refuses an import by the API to anyone but CTED before reading the file', async () => {
    const form = new FormData();
    form.append('file', new Blob(['country\nKEN']), 'recommendations.csv');
    const response = await platform.app.request('http://localhost:3000/api/v1/cted/recommendations/import', {
      method: 'POST',
      body: form,
      headers: { Cookie: cookies.get('unodc') ?? '', Origin: 'http://localhost:3000' },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { problems: { code: string }[] }).problems[0]?.code).toBe('cted_only');
  });

  for (const who of ['interpol', 'wco', 'ipu', 'fatf']) {
    describe(who.toUpperCase(), () => {
      it('is signed in', () => {
        expect(cookies.get(who)).toMatch(/session/);
      });

      it('sees no count of recommendations on a country page, and no assessment', async () => {
        const response = await as(who, '/countries/KEN');
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html).toContain('No recommendation you may see');
        expect(html).not.toContain('data-testid="assessments"');
        expect(html).not.toContain('Follow-up visit');
      });

      it('sees every map shade at zero', async () => {
        for (const measure of ['open_recommendations', 'unaddressed']) {
          const html = await (await as(who, `/countries?measure=${measure}`)).text();
          const values = [...html.matchAll(/data-testid="value-[A-Z]{3}">([^<]*)</g)].map(
            (match) => match[1],
          );
          expect(values).toHaveLength(193);
          expect(new Set(values)).toEqual(new Set(['0']));
        }
      });

      it('finds nothing in a search, a list, the gaps or an export', async () => {
        const search = await (await as(who, '/cted/recommendations?q=airports')).text();
        expect(search).toContain('No recommendation that you may see.');
        const list = await (await as(who, '/cted/recommendations')).text();
        expect(list).not.toContain('data-testid="recommendations"');
        const gaps = await (await as(who, '/cted/gaps')).text();
        expect(gaps).not.toContain('Kenya');
        const csv = await (await as(who, '/cted/recommendations.csv')).text();
        expect(csv.trim().split('\n')).toHaveLength(1);
        expect((await as(who, `/cted/recommendations/${kenyaRecommendationId}`)).status).toBe(404);
        expect((await as(who, '/cted/assessments')).status).toBe(200);
        expect(await (await as(who, '/cted/assessments')).text()).toContain(
          'No assessment that you may see.',
        );
      });

      it('gets nothing from the API', async () => {
        const list = (await (await as(who, '/api/v1/cted/recommendations?q=airports')).json()) as {
          total: number;
        };
        expect(list.total).toBe(0);
        expect((await as(who, `/api/v1/cted/recommendations/${kenyaRecommendationId}`)).status).toBe(404);
        const assessments = (await (await as(who, '/api/v1/cted/assessments')).json()) as {
          items: unknown[];
        };
        expect(assessments.items).toEqual([]);
        const countries = (await (await as(who, '/api/v1/countries')).json()) as {
          items: { openRecommendations: number }[];
        };
        expect(countries.items.every((item) => item.openRecommendations === 0)).toBe(true);
        const kenya = (await (await as(who, '/api/v1/countries/KEN')).json()) as { recommendations: number };
        expect(kenya.recommendations).toBe(0);
      });
    });
  }

  it('shows Kenya its own recommendations and assessment, and no other State’s', async () => {
    const html = await (await as('kenya', '/countries/KEN')).text();
    expect(html).toMatch(/3 recommendations you may see/);
    expect(html).toContain('data-testid="assessments"');
    const other = await (await as('kenya', '/countries/IDN')).text();
    expect(other).toContain('No recommendation you may see');
    const list = (await (await as('kenya', '/api/v1/cted/recommendations')).json()) as {
      items: { country: string }[];
    };
    expect(new Set(list.items.map((item) => item.country))).toEqual(new Set(['KEN']));
  });

  it('shows visitors no recommendation figure and sends them to sign in for CTED pages', async () => {
    const html = await (await platform.get('/countries/KEN')).text();
    expect(html).toContain('sign in to see them');
    const map = await (await platform.get('/countries?measure=open_recommendations')).text();
    expect(map).not.toContain('Open CTED recommendations</option>');
    expect((await platform.get('/cted/recommendations')).status).toBe(303);
    const api = (await (await platform.get('/api/v1/cted/recommendations')).json()) as { total: number };
    expect(api.total).toBe(0);
  });
});
