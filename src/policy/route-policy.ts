import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../web/context.ts';
import type { Action } from './levels.ts';

/**
 * What a route shows or changes, declared where the route is defined (ADR 0013). A test walks every
 * route of the app and fails on one that declares nothing, so no route can be added without saying who
 * may use it.
 * - `public`: shows only public data (directory pages, assets, the language switch);
 * - `operations`: health and metrics, which carry no record;
 * - `records`: shows or changes records of `resource`; the handler filters lists with `visibleTo` and
 *   checks single records with `can` for `action`.
 */
export type RoutePolicy =
  | { kind: 'public' }
  | { kind: 'operations' }
  | { kind: 'records'; resource: string; action: Action };

const declarations = new WeakMap<object, RoutePolicy>();

export function declarePolicy(policy: RoutePolicy): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = async (_c, next) => {
    await next();
  };
  declarations.set(middleware, policy);
  return middleware;
}

export const publicRoute = (): MiddlewareHandler<AppEnv> => declarePolicy({ kind: 'public' });
export const operationsRoute = (): MiddlewareHandler<AppEnv> => declarePolicy({ kind: 'operations' });

export function policyDeclaredBy(handler: object): RoutePolicy | undefined {
  return declarations.get(handler);
}
