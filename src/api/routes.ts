import { Hono } from 'hono';
import { listBodiesOn } from '../bodies/queries.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { unauthenticated } from './governance.ts';

/** The JSON API (ADR 0017). Errors are `{ "code": ..., "message": ... }` with a stable code. */
export function apiRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get(
    '/api/v1/me',
    declarePolicy({ kind: 'records', resource: 'own-account', action: 'read' }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return unauthenticated(c);
      const actor = viewer.actor;
      const bodies = await listBodiesOn(deps.database.db, today());
      const shortNames = (ids: readonly string[]) =>
        bodies.filter((body) => ids.includes(body.id)).map((body) => body.shortName);
      const apiKey = c.get('apiKey');
      return c.json({
        id: viewer.userId,
        name: viewer.name,
        email: viewer.email,
        role: viewer.role,
        entity: viewer.entityAcronym,
        bodiesToday: actor.kind === 'entity' ? shortNames(actor.bodyIds) : [],
        chairsToday: actor.kind === 'entity' ? shortNames(actor.chairedBodyIds) : [],
        authenticatedWith: apiKey ? { type: 'api_key', scope: apiKey.scope } : { type: 'session' },
      });
    },
  );
}
