import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { heldOn } from '../db/periods.ts';
import { entities, entityLogos, entityStatusChanges } from './schema.ts';

export type EntityKind = (typeof entities.kind.enumValues)[number];
export type Participation = (typeof entities.status.enumValues)[number];

export interface EntityFilters {
  status?: Participation | undefined;
  kind?: EntityKind | undefined;
}

/** Entities taking part on `day`, narrowed by the filters: one definition for the page and the API. */
function entitiesOn(day: string, filters: EntityFilters) {
  return and(
    heldOn(entities.joinedOn, entities.leftOn, day),
    filters.status ? eq(entities.status, filters.status) : undefined,
    filters.kind ? eq(entities.kind, filters.kind) : undefined,
  );
}

/** Entities taking part in the Compact on `day` (public directory data: every visitor may see it). */
export async function listEntitiesOn(db: Db, day: string, filters: EntityFilters = {}) {
  return db
    .select({
      id: entities.id,
      slug: entities.slug,
      acronym: entities.acronym,
      name: entities.name,
      kind: entities.kind,
      status: entities.status,
      joinedOn: entities.joinedOn,
    })
    .from(entities)
    .where(entitiesOn(day, filters))
    .orderBy(asc(entities.acronym));
}

export interface EntityFigures {
  total: number;
  members: number;
  observers: number;
  un: number;
  nonUn: number;
}

export async function entityFiguresOn(db: Db, day: string): Promise<EntityFigures> {
  const rows = await db
    .select({ status: entities.status, kind: entities.kind, total: count() })
    .from(entities)
    .where(heldOn(entities.joinedOn, entities.leftOn, day))
    .groupBy(entities.status, entities.kind);
  const sum = (keep: (row: (typeof rows)[number]) => boolean) =>
    rows.filter(keep).reduce((total, row) => total + row.total, 0);
  return {
    total: sum(() => true),
    members: sum((row) => row.status === 'member'),
    observers: sum((row) => row.status === 'observer'),
    un: sum((row) => row.kind === 'un'),
    nonUn: sum((row) => row.kind === 'non_un'),
  };
}

/** What the profile page and the API show of an entity. */
const entityColumns = {
  id: entities.id,
  slug: entities.slug,
  acronym: entities.acronym,
  name: entities.name,
  kind: entities.kind,
  status: entities.status,
  joinedOn: entities.joinedOn,
  leftOn: entities.leftOn,
  website: entities.website,
  acronyms: entities.acronyms,
  description: entities.description,
  version: entities.version,
};

/** API paths take a record's uuid or its slug. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export interface Page {
  limit: number;
  offset: number;
}

/** One page of the entities taking part on `day`, and how many there are in all (for the API). */
export async function pageOfEntitiesOn(db: Db, day: string, filters: EntityFilters, page: Page) {
  const where = entitiesOn(day, filters);
  const [items, [total]] = await Promise.all([
    db
      .select(entityColumns)
      .from(entities)
      .where(where)
      .orderBy(asc(entities.acronym))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(entities).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** One entity by id or slug, whatever its dates (a former member's record stays readable). */
export async function findEntity(db: Db, idOrSlug: string) {
  const [row] = await db
    .select(entityColumns)
    .from(entities)
    .where(isUuid(idOrSlug) ? eq(entities.id, idOrSlug) : eq(entities.slug, idOrSlug.toLowerCase()));
  return row ?? null;
}

export type EntityRecord = NonNullable<Awaited<ReturnType<typeof findEntity>>>;

/** The entity's standing over time, newest first. */
export async function statusHistoryOf(db: Db, entityId: string) {
  return db
    .select({
      status: entityStatusChanges.status,
      since: entityStatusChanges.since,
      note: entityStatusChanges.note,
    })
    .from(entityStatusChanges)
    .where(eq(entityStatusChanges.entityId, entityId))
    .orderBy(desc(entityStatusChanges.since));
}

/** The logo's hash (its ETag and the cache-busting part of its URL), without loading the bytes. */
export async function logoHashOf(db: Db, entityId: string): Promise<string | null> {
  const [row] = await db
    .select({ sha256: entityLogos.sha256 })
    .from(entityLogos)
    .where(eq(entityLogos.entityId, entityId));
  return row?.sha256 ?? null;
}

export async function logoOf(db: Db, entityId: string) {
  const [row] = await db.select().from(entityLogos).where(eq(entityLogos.entityId, entityId));
  return row ?? null;
}

/** The domains an entity's people have e-mail addresses at: for the secretariat's form, not for the public. */
export async function emailDomainsOf(db: Db, entityId: string): Promise<string[]> {
  const [row] = await db
    .select({ emailDomains: entities.emailDomains })
    .from(entities)
    .where(eq(entities.id, entityId));
  return row?.emailDomains ?? [];
}
