import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  cookiesFrom,
  createTestPlatform,
  type TestPlatform,
  testBaseUrl,
  testPassword,
} from '../../tests/helpers/app.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { apikey, user } from './schema.ts';

let platform: TestPlatform;
let kenya: string;
let interpol: string;
beforeAll(async () => {
  platform = await createTestPlatform({ accounts: true });
  kenya = cookiesFrom(
    await platform.postForm(
      '/sign-in',
      { email: 'kenya@demo.example', password: testPassword },
      {},
      '203.0.113.20',
    ),
  );
  interpol = cookiesFrom(
    await platform.postForm(
      '/sign-in',
      { email: 'interpol@demo.example', password: testPassword },
      {},
      '203.0.113.21',
    ),
  );
});
afterAll(() => platform.close());

async function newKey(cookie: string, form: Record<string, string>) {
  const response = await platform.postForm('/account/api-keys', form, { Cookie: cookie });
  const key = (await response.text()).match(/data-testid="new-api-key">([^<]+)</)?.[1];
  if (!key) throw new Error('no key shown');
  return key;
}

const api = (path: string, key: string, method = 'GET') =>
  platform.app.request(`${testBaseUrl}${path}`, {
    method,
    headers: { 'X-API-Key': key, Origin: testBaseUrl },
  });

describe('API keys', () => {
  it('are shown once, listed by their first characters, and act as their owner on the API', async () => {
    const key = await newKey(kenya, { name: 'Reporting script', scope: 'read', days: '30' });
    expect(key).toMatch(/^ccp_/);
    const list = await (await platform.get('/account/api-keys', { Cookie: kenya })).text();
    expect(list).not.toContain(key);
    expect(textOf(list)).toContain(`Reporting script ${key.slice(0, 6)}… Read only`);
    const [stored] = await platform.database.db
      .select()
      .from(apikey)
      .where(eq(apikey.name, 'Reporting script'));
    expect(stored?.key).not.toBe(key);

    const me = await api('/api/v1/me', key);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      email: 'kenya@demo.example',
      role: 'member_state_focal_point',
      authenticatedWith: { type: 'api_key', scope: 'read' },
    });
  });

  it('refuse a read-only key anything but reading', async () => {
    const key = await newKey(kenya, { name: 'Reader', scope: 'read', days: '30' });
    const write = await api('/api/v1/me', key, 'POST');
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({ code: 'API_KEY_READ_ONLY' });
  });

  it('answer a bad, unknown or missing credential with JSON and a stable code', async () => {
    const bad = await api('/api/v1/me', 'ccp_not-a-key');
    expect(bad.status).toBe(401);
    expect((await bad.json()).code).toMatch(/^[A-Z_]+$/);
    const none = await platform.get('/api/v1/me');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const unknown = await platform.get('/api/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never open a session: not on Better Auth’s endpoints, not on pages', async () => {
    const key = await newKey(kenya, { name: 'No session', scope: 'read_write', days: '30' });
    const sessions = await platform.app.request(`${testBaseUrl}/api/auth/list-sessions`, {
      headers: { 'X-API-Key': key },
    });
    expect(sessions.status).toBe(401);
    const page = await platform.get('/account', { 'X-API-Key': key });
    expect(page.status).toBe(303);
  });

  it('cannot be given permissions by a client', async () => {
    const response = await platform.app.request(`${testBaseUrl}/api/auth/api-key/create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: testBaseUrl, Cookie: kenya },
      body: JSON.stringify({ name: 'sneaky', permissions: { platform: ['read', 'write', 'admin'] } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'SERVER_ONLY_PROPERTY' });
  });

  it('stop working when revoked, after a confirmation, and only their owner can revoke them', async () => {
    const key = await newKey(kenya, { name: 'To revoke', scope: 'read', days: '90' });
    const [row] = await platform.database.db.select().from(apikey).where(eq(apikey.name, 'To revoke'));
    const id = row?.id as string;
    expect((await platform.postForm(`/account/api-keys/${id}/revoke`, {}, { Cookie: interpol })).status).toBe(
      404,
    );
    expect((await api('/api/v1/me', key)).status).toBe(200);
    const confirm = await platform.get(`/account/api-keys/${id}/revoke`, { Cookie: kenya });
    expect(textOf(await confirm.text())).toContain(
      'Revoke the key “To revoke”? Anything using it will stop working at once.',
    );
    expect((await platform.postForm(`/account/api-keys/${id}/revoke`, {}, { Cookie: kenya })).status).toBe(
      303,
    );
    expect((await api('/api/v1/me', key)).status).toBe(401);
  });

  it('stop working when they expire, and when their owner is removed', async () => {
    const expiring = await newKey(interpol, { name: 'Expiring', scope: 'read', days: '30' });
    await platform.database.db.execute(
      sql`update apikey set expires_at = now() - interval '1 minute' where name = 'Expiring'`,
    );
    expect((await api('/api/v1/me', expiring)).status).toBe(401);
    const orphan = await newKey(interpol, { name: 'Orphan', scope: 'read', days: '30' });
    expect((await api('/api/v1/me', orphan)).status).toBe(200);
    const invalidations = platform.cache.stats.invalidations;
    await platform.database.db.delete(user).where(eq(user.email, 'interpol@demo.example'));
    // A verified key is trusted until the database announces the change (ADR 0015 addendum); on
    // PostgreSQL the notification comes over another connection, a moment after the commit.
    await vi.waitFor(() => expect(platform.cache.stats.invalidations).toBeGreaterThan(invalidations));
    expect((await api('/api/v1/me', orphan)).status).toBe(401);
    expect((await platform.get('/account', { Cookie: interpol })).status).toBe(303);
  });

  it('are trusted for a minute once verified, yet a key revoked or disabled elsewhere is refused on the next request', async () => {
    const key = await newKey(kenya, { name: 'Trusted', scope: 'read', days: '30' });
    expect((await api('/api/v1/me', key)).status).toBe(200);
    // Verifying writes `last_request`: that bookkeeping must not empty every cache (migration 0021).
    const invalidations = platform.cache.stats.invalidations;
    const verifications = vi.spyOn(platform.auth.api, 'verifyApiKey');
    expect((await api('/api/v1/me', key)).status).toBe(200);
    expect((await api('/api/v1/documents', key)).status).toBe(200);
    expect(verifications).not.toHaveBeenCalled();
    verifications.mockRestore();
    expect(platform.cache.stats.invalidations).toBe(invalidations);

    // Revoked by another instance, or by hand: the database's notification drops the trusted key.
    await platform.database.db.delete(apikey).where(eq(apikey.name, 'Trusted'));
    await vi.waitFor(() => expect(platform.cache.stats.invalidations).toBeGreaterThan(invalidations));
    expect((await api('/api/v1/me', key)).status).toBe(401);

    const disabled = await newKey(kenya, { name: 'Disabled', scope: 'read', days: '30' });
    expect((await api('/api/v1/me', disabled)).status).toBe(200);
    const before = platform.cache.stats.invalidations;
    await platform.database.db.update(apikey).set({ enabled: false }).where(eq(apikey.name, 'Disabled'));
    await vi.waitFor(() => expect(platform.cache.stats.invalidations).toBeGreaterThan(before));
    expect((await api('/api/v1/me', disabled)).status).toBe(401);
  });

  it('stop working at their expiry, trusted or not', async () => {
    const key = await newKey(kenya, { name: 'Short-lived', scope: 'read', days: '30' });
    expect((await api('/api/v1/me', key)).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 31 * 24 * 60 * 60 * 1000);
      expect((await api('/api/v1/me', key)).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });
});
