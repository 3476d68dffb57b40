import { parseEnv } from '../../src/env.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { type Platform, startPlatform } from '../../src/platform.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestPlatform extends Platform {
  database: TestDatabase;
  /** Sends a request the way a browser on the same site would. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  postForm(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
}

export const testBaseUrl = 'http://localhost:3000';

/** The whole platform in-process, on a fresh database of its own (ADR 0010). */
export async function createTestPlatform(
  options: { demo?: boolean; database?: TestDatabase } = {},
): Promise<TestPlatform> {
  const database = options.database ?? (await createTestDatabase({ demo: options.demo ?? true }));
  const env = parseEnv({ BASE_URL: testBaseUrl, DEMO_DATA: 'off', LOG_LEVEL: 'silent' });
  const platform = await startPlatform(env, createLogger('silent'), database);
  return {
    ...platform,
    database,
    get: (path, headers = {}) => Promise.resolve(platform.app.request(`${testBaseUrl}${path}`, { headers })),
    postForm: (path, form, headers = {}) =>
      Promise.resolve(
        platform.app.request(`${testBaseUrl}${path}`, {
          method: 'POST',
          body: new URLSearchParams(form),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: testBaseUrl, ...headers },
        }),
      ),
  };
}
