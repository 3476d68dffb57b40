import { z } from '@hono/zod-openapi';
import { entities } from '../directory/schema.ts';
import { isoDay } from '../web/input.ts';

/** The API's shared schemas (ADR 0018): zod, from which the OpenAPI document is generated. */
export const LocalizedText = z
  .object({ en: z.string() })
  .catchall(z.string())
  .openapi('LocalizedText', { example: { en: 'Emerging Threats and Critical Infrastructure Protection' } });

export const Day = isoDay.openapi({ example: '2022-08-15' });

export const Entity = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    acronym: z.string(),
    name: LocalizedText,
    kind: z.enum(entities.kind.enumValues),
    status: z.enum(entities.status.enumValues),
    joinedOn: z.string(),
    leftOn: z.string().nullable(),
    website: z.string().nullable(),
    acronyms: z.record(z.string(), z.string()).openapi({ example: { fr: 'ONUDC' } }),
    description: LocalizedText.nullable(),
    version: z.number().int().openapi({ description: 'Send it back with a change: a stale one gets 409' }),
  })
  .openapi('Entity');

export const EntityRef = z
  .object({ id: z.uuid(), acronym: z.string(), name: LocalizedText })
  .openapi('EntityRef');

export const Body = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    kind: z.enum(['coordination_committee', 'working_group']),
    shortName: z.string(),
    name: LocalizedText,
    pillar: z.number().int().min(1).max(4).nullable(),
  })
  .openapi('Body');

export const Membership = z
  .object({
    entity: EntityRef,
    role: z.enum(['member', 'observer']),
    since: z.string(),
    until: z.string().nullable(),
  })
  .openapi('Membership');
export const ChairTerm = z
  .object({
    entity: EntityRef,
    seat: z.enum(['chair', 'vice_chair']),
    since: z.string(),
    until: z.string().nullable(),
  })
  .openapi('ChairTerm');

export const ApiError = z.object({ code: z.string(), message: z.string() }).openapi('Error');

export const list = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
export const IdParam = z.object({
  id: z.string().min(1).openapi({ example: 'etcip', description: 'id or slug' }),
});
export const AtQuery = z.object({ at: Day.optional() });
export const notFound = json(ApiError, 'No such record');
export const invalid = json(ApiError, 'A parameter is not valid');
