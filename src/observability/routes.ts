import { Hono } from 'hono';
import { operationsRoute } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';

/** Health for load balancers and metrics for Prometheus; neither shows any record. */
export function operationsRoutes(deps: AppDeps) {
  const { database, metrics } = deps;
  return new Hono<AppEnv>()
    .get('/healthz', operationsRoute(), async (c) => {
      try {
        await database.ping();
        return c.json({ status: 'ok', db: database.engine });
      } catch {
        return c.json({ status: 'unavailable', db: database.engine }, 503);
      }
    })
    .get('/metrics', operationsRoute(), async (c) =>
      c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType }),
    );
}
