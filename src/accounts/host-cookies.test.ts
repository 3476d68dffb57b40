import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../../tests/helpers/app.ts';
import { createTestDatabase } from '../../tests/helpers/database.ts';
import { parseEnv } from '../env.ts';
import { createLogger } from '../observability/logger.ts';
import { type Platform, startPlatform } from '../platform.ts';
import { loadDemoAccounts } from './demo-accounts.ts';

const base = 'https://compact.example.org';
let platform: Platform;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'compact-https-'));
  const database = await createTestDatabase({ demo: true });
  platform = await startPlatform(
    parseEnv({ BASE_URL: base, LOG_LEVEL: 'silent', DEMO_DATA: 'off', DATA_DIR: dataDir }),
    createLogger('silent'),
    database,
  );
  await loadDemoAccounts(database.db, platform.auth, testPassword);
}, 60_000);
afterAll(async () => {
  await platform?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const attributesOf = (cookie: string) =>
  cookie
    .split(';')
    .slice(1)
    .map((part) => part.trim().toLowerCase());

describe('cookies over HTTPS', () => {
  it('are __Host- prefixed after sign-in: Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain, and sign the user in', async () => {
    const response = await platform.app.request(`${base}/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'kenya@demo.example', password: testPassword }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    });
    expect(response.status).toBe(303);
    const cookies = response.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/^__Host-ccp\./);
    const session = cookies.find((cookie) => cookie.startsWith('__Host-ccp.session_token=')) as string;
    const attributes = attributesOf(session);
    expect(attributes).toEqual(expect.arrayContaining(['path=/', 'secure', 'httponly', 'samesite=lax']));
    expect(attributes.some((attribute) => attribute.startsWith('domain'))).toBe(false);

    const account = await platform.app.request(`${base}/account`, {
      headers: { Cookie: session.split(';')[0] as string },
    });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain('kenya@demo.example');
  });
});
