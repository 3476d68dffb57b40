import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInEnrolled } from '../../tests/helpers/accounts.ts';
import {
  cookiesFrom,
  createTestPlatform,
  type TestPlatform,
  testBaseUrl,
  testPassword,
} from '../../tests/helpers/app.ts';
import { loadDemoMeetingsIfEmpty } from '../demo/meetings.ts';

let platform: TestPlatform;
let unodc: string;
let chair: string;
let kenya: string;

beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  await loadDemoMeetingsIfEmpty(platform.database.db);
  unodc = await signInEnrolled(platform, 'unodc@demo.example', '203.0.113.70');
  chair = await signInEnrolled(platform, 'etcip-chair@demo.example', '203.0.113.71');
  kenya = cookiesFrom(
    await platform.postForm(
      '/sign-in',
      { email: 'kenya@demo.example', password: testPassword },
      {},
      '203.0.113.72',
    ),
  );
});
afterAll(() => platform.close());

const api = (path: string, init: RequestInit & { cookie?: string } = {}) =>
  platform.app.request(`${testBaseUrl}${path}`, {
    ...init,
    headers: {
      Origin: testBaseUrl,
      ...(init.cookie ? { Cookie: init.cookie } : {}),
      ...(init.headers ?? {}),
    },
  });

interface Summary {
  id: string;
  title: string;
  type: string;
  level: string;
}

const year2022 = '/api/v1/meetings?from=2022-01-01T00:00:00Z&until=2023-01-01T00:00:00Z&pageSize=100';

describe('the meetings API', () => {
  it('lists what each caller may see, paginated', async () => {
    const visitor = (await (await api(year2022)).json()) as { items: Summary[]; total: number };
    expect(visitor.items.map((item) => item.type).sort()).toEqual(['conference', 'conference']);
    const member = (await (await api(year2022, { cookie: unodc })).json()) as {
      items: Summary[];
      total: number;
    };
    expect(member.total).toBe(37 + 1 + 4 + 2);
    const second = (await (
      await api(`${year2022.replace('pageSize=100', 'pageSize=10')}&page=2`, { cookie: unodc })
    ).json()) as {
      items: Summary[];
      page: number;
    };
    expect(second.page).toBe(2);
    expect(second.items).toHaveLength(10);
    expect(second.items[0]?.id).toBe(member.items[10]?.id);
  });

  it('answers a body-level meeting to its members only, and the same not-found to others', async () => {
    const list = (await (
      await api('/api/v1/meetings?body=etcip&from=2026-12-01T00:00:00Z', { cookie: unodc })
    ).json()) as {
      items: Summary[];
    };
    const meeting = list.items.find((item) => item.level === 'body');
    expect(meeting).toBeDefined();
    const member = await api(`/api/v1/meetings/${meeting?.id}`, { cookie: unodc });
    expect(member.status).toBe(200);
    const detail = (await member.json()) as {
      agenda: { title: string }[];
      onlineLink: string | null;
      invited: boolean;
    };
    expect(detail.agenda.map((item) => item.title)).toContain('Calendar for 2027');
    expect(detail.invited).toBe(true);
    expect(detail.onlineLink).toBe('https://meet.example.org/compact-demo');
    for (const cookie of [kenya, undefined]) {
      const refused = await api(`/api/v1/meetings/${meeting?.id}`, cookie ? { cookie } : {});
      expect(refused.status).toBe(404);
      const listed = (await (
        await api('/api/v1/meetings?body=etcip&pageSize=100', cookie ? { cookie } : {})
      ).json()) as {
        items: Summary[];
      };
      expect(listed.items.some((item) => item.id === meeting?.id)).toBe(false);
    }
  });

  it('schedules a meeting, with precise problems for bad input', async () => {
    const body = {
      title: 'ETCIP extraordinary meeting',
      type: 'regular',
      body: 'etcip',
      startDay: '2027-03-01',
      startTime: '10:00',
      endDay: '2027-03-01',
      endTime: '09:00',
      timeZone: 'Europe/Vienna',
      modality: 'virtual',
      level: 'body',
    };
    const bad = await api('/api/v1/meetings', {
      method: 'POST',
      cookie: chair,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('The meeting must end after it starts.');
    const good = await api('/api/v1/meetings', {
      method: 'POST',
      cookie: chair,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...body, endTime: '11:00' }),
    });
    expect(good.status).toBe(201);
    const created = (await good.json()) as { startsAt: string; timeZone: string };
    expect(created.startsAt).toBe('2027-03-01T09:00:00.000Z');
    const refused = await api('/api/v1/meetings', {
      method: 'POST',
      cookie: kenya,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...body, endTime: '11:00' }),
    });
    expect(refused.status).toBe(403);
  });

  it('gives a member their overdue action items, and a visitor nothing', async () => {
    const overdue = (await (await api('/api/v1/action-items?overdue=true', { cookie: unodc })).json()) as {
      items: { title: string; overdue: boolean }[];
    };
    expect(overdue.items.map((item) => item.title)).toContain(
      'Send comments on the draft guidance on drones',
    );
    expect(overdue.items.every((item) => item.overdue)).toBe(true);
    expect((await api('/api/v1/action-items')).status).toBe(401);
    const states = (await (await api('/api/v1/action-items?overdue=true', { cookie: kenya })).json()) as {
      items: unknown[];
    };
    expect(states.items).toEqual([]);
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await (await api('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/meetings',
        '/api/v1/meetings/{id}',
        '/api/v1/action-items',
        '/api/v1/meetings/{id}/action-items',
      ]),
    );
  });
});
