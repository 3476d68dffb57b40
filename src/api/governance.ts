import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { addChairTerm, addMembership, endChairTerm, endMembership, updateBody } from '../bodies/commands.ts';
import { findBody } from '../bodies/queries.ts';
import { bodyMemberships, chairTerms } from '../bodies/schema.ts';
import {
  administerEntity,
  changeEntityStatus,
  createEntity,
  updateEntityProfile,
} from '../directory/commands.ts';
import { findEntity } from '../directory/queries.ts';
import { entities } from '../directory/schema.ts';
import { DomainError } from '../errors.ts';
import { addPerson } from '../people/commands.ts';
import { peopleFor } from '../people/queries.ts';
import type { Actor } from '../policy/actor.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { isMessageKey } from '../web/i18n/translate.ts';
import { markDataChanged } from '../web/public-page.ts';
import { ApiError, Day, Entity, IdParam, json, list } from './schemas.ts';

const Version = z
  .number()
  .int()
  .openapi({ description: 'The version you read; a stale one gets 409 STALE_EDIT' });
const Acronyms = z.partialRecord(z.enum(['fr', 'ar', 'zh', 'ru', 'es']), z.string().trim().min(1).max(30));

/** A text in the UN languages as input: English required, each language capped, no other keys. */
const LocalizedInput = (max: number) =>
  z.strictObject({
    en: z.string().trim().min(1).max(max),
    fr: z.string().trim().max(max).optional(),
    ar: z.string().trim().max(max).optional(),
    zh: z.string().trim().max(max).optional(),
    ru: z.string().trim().max(max).optional(),
    es: z.string().trim().max(max).optional(),
  });
const Website = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/\S+$/i, 'bad_url')
  .nullable();

/** Strict everywhere: a field the endpoint does not take (role, level, entityId...) is refused, not ignored. */
const EntityProfileInput = z
  .strictObject({
    version: Version,
    name: LocalizedInput(300).optional(),
    acronyms: Acronyms.optional(),
    website: Website.optional(),
    description: LocalizedInput(4000).nullable().optional(),
  })
  .openapi('EntityProfileInput');
const NewEntityInput = z
  .strictObject({
    acronym: z.string().trim().min(1).max(30),
    name: LocalizedInput(300),
    kind: z.enum(entities.kind.enumValues),
    status: z.enum(entities.status.enumValues),
    joinedOn: Day,
    website: Website.default(null),
    emailDomains: z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'bad_domains')).default([]),
  })
  .openapi('NewEntityInput');
const EntityAdministrationInput = z
  .strictObject({
    version: Version,
    acronym: z.string().trim().min(1).max(30),
    kind: z.enum(entities.kind.enumValues),
    joinedOn: Day,
    leftOn: Day.nullable(),
    emailDomains: z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'bad_domains')),
  })
  .openapi('EntityAdministrationInput');
const StatusChangeInput = z
  .strictObject({
    version: Version,
    status: z.enum(entities.status.enumValues),
    since: Day,
    note: z.string().trim().max(500).nullable().default(null),
  })
  .openapi('StatusChangeInput');
const BodyProfileInput = z
  .strictObject({
    version: Version,
    mandate: LocalizedInput(4000).nullable(),
    torReference: z.string().trim().max(200).nullable(),
    torVersion: z.string().trim().max(50).nullable(),
    torReviewedOn: Day.nullable(),
    chairSeats: z.number().int().min(1).max(4),
    viceChairSeats: z.number().int().min(0).max(6),
  })
  .openapi('BodyProfileInput');
const MembershipInput = z
  .strictObject({
    version: Version,
    entityId: z.uuid(),
    role: z.enum(bodyMemberships.role.enumValues),
    since: Day,
    until: Day.nullable().default(null),
  })
  .openapi('MembershipInput');
const ChairTermInput = z
  .strictObject({
    version: Version,
    entityId: z.uuid(),
    seat: z.enum(chairTerms.seat.enumValues),
    since: Day,
    until: Day.nullable().default(null),
  })
  .openapi('ChairTermInput');
const EndInput = z.strictObject({ version: Version, until: Day }).openapi('EndInput');
const PersonInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    jobTitle: z.string().trim().max(200).nullable().default(null),
    email: z.email().nullable().default(null),
    phone: z.string().trim().max(50).nullable().default(null),
    since: Day,
    functions: z
      .array(
        z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('body_focal_point'), bodyId: z.uuid() }),
          z.strictObject({ kind: z.literal('topic_focal_point'), topic: z.string().trim().min(1).max(100) }),
        ]),
      )
      .default([]),
  })
  .openapi('PersonInput');
const Person = z
  .object({
    id: z.uuid(),
    entityId: z.uuid(),
    entityAcronym: z.string(),
    name: z.string(),
    jobTitle: z.string().nullable(),
    email: z.string().nullable().openapi({ description: 'Null unless the caller may see contact details' }),
    phone: z.string().nullable(),
    since: z.string(),
    leftOn: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Person');
const Saved = z.object({ id: z.string().optional(), ok: z.literal(true) }).openapi('Saved');
const SubParam = IdParam.extend({ itemId: z.uuid() });

export const refusals = {
  400: json(ApiError, 'The input breaks a rule; `problems` says which fields and why'),
  401: json(ApiError, 'Not signed in and no API key'),
  403: json(ApiError, 'The caller may not do this'),
  404: json(ApiError, 'No such record'),
  409: json(ApiError, 'The record changed since the caller read it'),
};
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** The API's answer to a write without a session or key, in the caller's language. */
export const unauthenticated = (c: Context<AppEnv>) =>
  c.json({ code: 'UNAUTHENTICATED', message: c.get('t')('api.unauthenticated') }, 401);

/** The API's answer for a record that does not exist or that the caller may not see: the same. */
export const notFound = (c: Context<AppEnv>) =>
  c.json({ code: 'NOT_FOUND', message: c.get('t')('api.notFound') }, 404);

/** A command's refusal as the API's JSON error, its message in the caller's language. */
export function refusal(c: Context<AppEnv>, error: unknown) {
  if (!(error instanceof DomainError)) throw error;
  const t = c.get('t');
  const problems = error.problems.map((problem) => {
    const key = `problem.${problem.code}`;
    return { ...problem, message: isMessageKey(key) ? t(key, problem.values) : t('problem.invalid') };
  });
  const message =
    error.status === 409
      ? t('problem.stale_edit')
      : error.status === 403
        ? t('api.forbidden')
        : error.status === 404
          ? t('api.notFound')
          : (problems[0]?.message ?? t('problem.invalid'));
  return c.json({ code: error.code, message, problems }, error.status);
}

/**
 * The write side of the directory API (issue 4): the same commands as the forms, so the same rules,
 * locking and audit. Each route declares its policy; the commands decide who may.
 */
export function governanceWriteRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const { db } = deps.database;
  const edits = (resource: string) => declarePolicy({ kind: 'records', resource, action: 'edit' });
  /**
   * What every write shares: a caller, the record in the path, the command, and a refusal turned into the
   * API's error. `run` answers the success.
   */
  async function write<Found, Answer>(
    c: Context<AppEnv>,
    find: () => Promise<Found | null>,
    run: (actor: Actor, found: Found) => Promise<Answer>,
  ) {
    const viewer = c.get('viewer');
    if (!viewer) return unauthenticated(c);
    const found = await find();
    if (!found) return notFound(c);
    try {
      const answer = await run(viewer.actor, found);
      markDataChanged(c);
      return answer;
    } catch (error) {
      return refusal(c, error);
    }
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/entities',
      summary: 'Add an entity (secretariat)',
      middleware: edits('entity'),
      request: body(NewEntityInput),
      responses: { 201: json(Entity, 'The new entity'), ...refusals },
    }),
    async (c) => {
      return write(
        c,
        async () => true,
        async (actor) => {
          const { id } = await createEntity(db, actor, c.req.valid('json'));
          return c.json((await findEntity(db, id)) as z.infer<typeof Entity>, 201);
        },
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/entities/{id}',
      summary:
        'Change an entity’s names, acronyms, website or description (its focal points, the secretariat)',
      middleware: edits('entity'),
      request: { params: IdParam, ...body(EntityProfileInput) },
      responses: { 200: json(Entity, 'The entity as saved'), ...refusals },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return write(
        c,
        () => findEntity(db, c.req.valid('param').id),
        async (actor, entity) => {
          await updateEntityProfile(db, actor, entity.id, input.version, {
            name: input.name ?? entity.name,
            acronyms: input.acronyms ?? entity.acronyms,
            website: input.website === undefined ? entity.website : input.website,
            description: input.description === undefined ? entity.description : input.description,
          });
          return c.json((await findEntity(db, entity.id)) as z.infer<typeof Entity>, 200);
        },
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/entities/{id}/administration',
      summary: 'Set an entity’s type, dates and e-mail domains (secretariat)',
      middleware: edits('entity'),
      request: { params: IdParam, ...body(EntityAdministrationInput) },
      responses: { 200: json(Saved, 'Saved'), ...refusals },
    }),
    async (c) => {
      const { version, ...fields } = c.req.valid('json');
      return write(
        c,
        () => findEntity(db, c.req.valid('param').id),
        async (actor, entity) => {
          await administerEntity(db, actor, entity.id, version, fields);
          return c.json({ id: entity.id, ok: true as const }, 200);
        },
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/entities/{id}/status',
      summary: 'Record a change of an entity’s status (secretariat)',
      middleware: edits('entity'),
      request: { params: IdParam, ...body(StatusChangeInput) },
      responses: { 200: json(Saved, 'Saved'), ...refusals },
    }),
    async (c) => {
      const { version, ...change } = c.req.valid('json');
      return write(
        c,
        () => findEntity(db, c.req.valid('param').id),
        async (actor, entity) => {
          await changeEntityStatus(db, actor, entity.id, version, change, today());
          return c.json({ id: entity.id, ok: true as const }, 200);
        },
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/entities/{id}/people',
      summary: 'An entity’s current people, as the caller may see them (signed-in users only)',
      middleware: declarePolicy({ kind: 'records', resource: 'person', action: 'list' }),
      request: { params: IdParam },
      responses: { 200: json(list(Person), 'People'), 401: refusals[401], 404: refusals[404] },
    }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return unauthenticated(c);
      const entity = await findEntity(db, c.req.valid('param').id);
      if (!entity) return notFound(c);
      const items = (await peopleFor(db, viewer.actor, { entityId: entity.id })).map(
        ({ functions: _functions, entitySlug: _slug, ...person }) => person,
      );
      return c.json({ items, total: items.length }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/entities/{id}/people',
      summary: 'Add a person to an entity (its focal points, the secretariat)',
      middleware: edits('person'),
      request: { params: IdParam, ...body(PersonInput) },
      responses: { 201: json(Saved, 'Added'), ...refusals },
    }),
    async (c) => {
      return write(
        c,
        () => findEntity(db, c.req.valid('param').id),
        async (actor, entity) => {
          const id = await addPerson(db, actor, entity.id, c.req.valid('json'));
          return c.json({ id, ok: true as const }, 201);
        },
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/bodies/{id}',
      summary: 'Set a body’s mandate, terms of reference and seats (secretariat)',
      middleware: edits('body'),
      request: { params: IdParam, ...body(BodyProfileInput) },
      responses: { 200: json(Saved, 'Saved'), ...refusals },
    }),
    async (c) => {
      const { version, ...profile } = c.req.valid('json');
      return write(
        c,
        () => findBody(db, c.req.valid('param').id),
        async (actor, found) => {
          await updateBody(db, actor, found.id, version, profile);
          return c.json({ id: found.id, ok: true as const }, 200);
        },
      );
    },
  );

  for (const [segment, Input, add, summary] of [
    ['members', MembershipInput, addMembership, 'Add a member or observer to a body (secretariat)'],
    ['chairs', ChairTermInput, addChairTerm, 'Add a chair or vice-chair term (secretariat)'],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/v1/bodies/{id}/${segment}`,
        summary,
        middleware: edits('body'),
        request: { params: IdParam, ...body(Input as z.ZodType) },
        responses: { 201: json(Saved, 'Added'), ...refusals },
      }),
      async (c) => {
        const { version, ...input } = c.req.valid('json') as z.infer<typeof MembershipInput> &
          z.infer<typeof ChairTermInput>;
        return write(
          c,
          () => findBody(db, c.req.valid('param').id),
          async (actor, found) => {
            const id = await (add as typeof addMembership)(db, actor, found.id, version, input);
            return c.json({ id, ok: true as const }, 201);
          },
        );
      },
    );
  }

  for (const [segment, end, summary] of [
    ['members', endMembership, 'End a membership on a day (secretariat)'],
    ['chairs', endChairTerm, 'End a chair or vice-chair term on a day (secretariat)'],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/v1/bodies/{id}/${segment}/{itemId}/end`,
        summary,
        middleware: edits('body'),
        request: { params: SubParam, ...body(EndInput) },
        responses: { 200: json(Saved, 'Ended'), ...refusals },
      }),
      async (c) => {
        const { id, itemId } = c.req.valid('param');
        const { version, until } = c.req.valid('json');
        return write(
          c,
          () => findBody(db, id),
          async (actor, found) => {
            await end(db, actor, found.id, version, itemId, until);
            return c.json({ id: itemId, ok: true as const }, 200);
          },
        );
      },
    );
  }
}
