import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDemoAccounts } from '../../src/accounts/demo-accounts.ts';
import { parseEnv } from '../../src/env.ts';
import { outboxMailer } from '../../src/mail/mailer.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { type Platform, startPlatform } from '../../src/platform.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestPlatform extends Platform {
  database: TestDatabase;
  /** The e-mails the platform sent (the outbox in its own DATA_DIR). */
  outbox: ReturnType<typeof outboxMailer>;
  /** Sends a request the way a browser on the same site would, from `clientIp` when given. */
  get(path: string, headers?: Record<string, string>, clientIp?: string): Promise<Response>;
  postForm(
    path: string,
    form: Record<string, string>,
    headers?: Record<string, string>,
    clientIp?: string,
  ): Promise<Response>;
}

export const testBaseUrl = 'http://localhost:3000';
/** The demo accounts' password in tests (`accounts: true`). */
export const testPassword = 'correct horse battery staple 2022';

/** What @hono/node-server would pass for a real socket: lets tests come from distinct addresses. */
const socketFrom = (clientIp = '192.0.2.1') => ({
  incoming: { socket: { remoteAddress: clientIp, remotePort: 50000 } },
});

/** The whole platform in-process, on a fresh database of its own (ADR 0010). */
export async function createTestPlatform(
  options: {
    demo?: boolean;
    accounts?: boolean;
    database?: TestDatabase;
    /** More configuration, e.g. OIDC_TRUSTED_ORIGINS. */
    env?: Record<string, string>;
  } = {},
): Promise<TestPlatform> {
  const database = options.database ?? (await createTestDatabase({ demo: options.demo ?? true }));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'compact-platform-'));
  const env = parseEnv({
    BASE_URL: testBaseUrl,
    DEMO_DATA: 'off',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...options.env,
  });
  const platform = await startPlatform(env, createLogger('silent'), database);
  if (options.accounts) await loadDemoAccounts(database.db, platform.auth, testPassword);
  return {
    ...platform,
    database,
    outbox: outboxMailer(path.join(dataDir, 'outbox')),
    async close() {
      await platform.close();
      await rm(dataDir, { recursive: true, force: true });
    },
    get: (path, headers = {}, clientIp = undefined) =>
      Promise.resolve(platform.app.request(`${testBaseUrl}${path}`, { headers }, socketFrom(clientIp))),
    postForm: (path, form, headers = {}, clientIp = undefined) =>
      Promise.resolve(
        platform.app.request(
          `${testBaseUrl}${path}`,
          {
            method: 'POST',
            body: new URLSearchParams(form),
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: testBaseUrl, ...headers },
          },
          socketFrom(clientIp),
        ),
      ),
  };
}

/** Cookies a response sets, as one Cookie header for the next request (name=value pairs only). */
export function cookiesFrom(response: Response, previous = ''): string {
  const jar = new Map(
    previous
      .split(/;\s*/)
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0] as string, pair] as const),
  );
  for (const cookie of response.headers.getSetCookie()) {
    const pair = cookie.split(';')[0] as string;
    const [name, value] = [pair.split('=')[0] as string, pair.slice(pair.indexOf('=') + 1)];
    if (value === '' || /max-age=0/i.test(cookie)) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join('; ');
}
