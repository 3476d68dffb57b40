import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { heldOn } from '../db/periods.ts';
import { entities } from './schema.ts';

export type EntityKind = (typeof entities.kind.enumValues)[number];
export type Participation = (typeof entities.status.enumValues)[number];

export interface EntityFilters {
  status?: Participation | undefined;
  kind?: EntityKind | undefined;
}

/** Entities taking part in the Compact on `day` (public directory data: every visitor may see it). */
export async function listEntitiesOn(db: Db, day: string, filters: EntityFilters = {}) {
  return db
    .select({
      slug: entities.slug,
      acronym: entities.acronym,
      name: entities.name,
      kind: entities.kind,
      status: entities.status,
      joinedOn: entities.joinedOn,
    })
    .from(entities)
    .where(
      and(
        heldOn(entities.joinedOn, entities.leftOn, day),
        filters.status ? eq(entities.status, filters.status) : undefined,
        filters.kind ? eq(entities.kind, filters.kind) : undefined,
      ),
    )
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
