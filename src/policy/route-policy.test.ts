import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../tests/helpers/app.ts';
import { policyDeclaredBy, publicRoute } from './route-policy.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({ demo: false });
});
afterAll(() => platform.close());

/** Routes (method and path) with no handler that declares a policy; app-wide middleware does not count. */
function undeclared(app: Hono<never> | Hono): string[] {
  const byRoute = new Map<string, boolean>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const key = `${route.method} ${route.path}`;
    byRoute.set(key, (byRoute.get(key) ?? false) || policyDeclaredBy(route.handler) !== undefined);
  }
  return [...byRoute].filter(([, declared]) => !declared).map(([key]) => key);
}

describe('every route declares its access policy', () => {
  it('holds for every route of the platform', () => {
    const routes = platform.app.routes.filter((route) => route.method !== 'ALL');
    expect(routes.length).toBeGreaterThan(5);
    expect(undeclared(platform.app as unknown as Hono)).toEqual([]);
  });

  it('catches a route added without one', () => {
    const app = new Hono()
      .get('/declared', publicRoute(), (c) => c.text('ok'))
      .get('/forgotten', (c) => c.text('oops'));
    expect(undeclared(app)).toEqual(['GET /forgotten']);
  });
});
