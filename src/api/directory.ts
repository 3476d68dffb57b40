import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { chairsOfBodyOn, findBody, listBodiesOn, membersOfBodyOn } from '../bodies/queries.ts';
import { findEntity, pageOfEntitiesOn } from '../directory/queries.ts';
import { entities } from '../directory/schema.ts';
import { publicRoute } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { isMessageKey } from '../web/i18n/translate.ts';
import { sendPublicJson } from '../web/public-page.ts';
import { countryApiRoutes } from './countries.ts';
import { documentApiRoutes } from './documents.ts';
import { governanceWriteRoutes } from './governance.ts';
import { meetingApiRoutes } from './meetings.ts';
import {
  AtQuery,
  Body,
  ChairTerm,
  Entity,
  IdParam,
  invalid,
  json,
  list,
  Membership,
  notFound,
} from './schemas.ts';
import { workPlanApiRoutes } from './workplans.ts';

/**
 * The directory API (issue 4, read side; ADR 0018): entities and bodies, their members and chairs on any
 * day. Everything here is public directory data. Schemas come from zod and produce the OpenAPI document.
 */
export function directoryApi(deps: AppDeps) {
  const { db } = deps.database;
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const t = c.get('t');
        const problems = result.error.issues.map((issue) => {
          const field = issue.path.join('.') || 'request';
          const key = `problem.${issue.message}`;
          return {
            field,
            code: isMessageKey(key) ? issue.message : 'invalid',
            message: isMessageKey(key) ? t(key) : `${field} ${issue.message}`,
          };
        });
        return c.json(
          { code: 'INVALID_REQUEST', message: problems[0]?.message ?? 'The request is not valid.', problems },
          400,
        );
      }
    },
  });

  /**
   * Public reads answered from the page cache. The cached body is the JSON the route's schema describes;
   * zod-openapi's typed responses cannot see through the cache, hence the one cast.
   */
  const cachedJson = (c: Context<AppEnv>, key: string, load: () => Promise<unknown>) =>
    sendPublicJson(c, deps.cache, key, load) as never;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/entities',
      summary: 'Compact entities taking part on a day (today by default)',
      middleware: [publicRoute()] as const,
      request: {
        query: AtQuery.extend({
          status: z.enum(entities.status.enumValues).optional(),
          kind: z.enum(entities.kind.enumValues).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: { 200: json(list(Entity), 'A page of entities'), 400: invalid },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const day = query.at ?? today();
      const key = `entities|${day}|${query.status ?? ''}|${query.kind ?? ''}|${query.page}|${query.pageSize}`;
      return cachedJson(c, key, () =>
        pageOfEntitiesOn(db, day, query, {
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        }),
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/entities/{id}',
      summary: 'One entity',
      middleware: [publicRoute()] as const,
      request: { params: IdParam },
      responses: { 200: json(Entity, 'The entity'), 404: notFound },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const entity = await deps.cache.remember(`entity|${id}`, () => findEntity(db, id));
      if (!entity) return c.json({ code: 'NOT_FOUND', message: 'No such entity.' }, 404);
      return c.json(entity, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/bodies',
      summary: 'The Coordination Committee and the working groups',
      middleware: [publicRoute()] as const,
      responses: { 200: json(list(Body), 'All bodies') },
    }),
    async (c) => {
      const items = (await listBodiesOn(db, today())).map(({ id, slug, kind, shortName, name, pillar }) => ({
        id,
        slug,
        kind,
        shortName,
        name,
        pillar,
      }));
      return c.json({ items, total: items.length }, 200);
    },
  );

  for (const [segment, Item, load, summary] of [
    ['members', Membership, membersOfBodyOn, 'Members and observers of a body on a day'],
    ['chairs', ChairTerm, chairsOfBodyOn, 'Chair and vice-chairs of a body on a day'],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `/api/v1/bodies/{id}/${segment}`,
        summary,
        middleware: [publicRoute()] as const,
        request: { params: IdParam, query: AtQuery },
        responses: { 200: json(list(Item as z.ZodType), summary), 400: invalid, 404: notFound },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        const body = await deps.cache.remember(`body|${id}`, () => findBody(db, id));
        if (!body) return c.json({ code: 'NOT_FOUND', message: 'No such body.' }, 404);
        const day = c.req.valid('query').at ?? today();
        return cachedJson(c, `${segment}|${body.id}|${day}`, async () => {
          const items = await load(db, body.id, day);
          return { items, total: items.length };
        });
      },
    );
  }

  governanceWriteRoutes(app, deps);
  documentApiRoutes(app, deps);
  meetingApiRoutes(app, deps);
  workPlanApiRoutes(app, deps);
  countryApiRoutes(app, deps);

  app.get('/api/v1/openapi.json', publicRoute(), (c) =>
    c.json(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: { title: 'Compact Coordination Platform API', version: '1' },
      }),
    ),
  );
  return app;
}
