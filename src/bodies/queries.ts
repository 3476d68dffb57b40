import { type AnyColumn, and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { heldDuring, heldOn } from '../db/periods.ts';
import { isUuid } from '../directory/queries.ts';
import { entities, entityStatusChanges } from '../directory/schema.ts';
import type { LocalizedText } from '../web/i18n/locales.ts';
import { bodies, bodyMemberships, chairTerms } from './schema.ts';

export interface SeatHolder {
  acronym: string;
  name: LocalizedText;
  seat: 'chair' | 'vice_chair';
  since: string;
  until: string | null;
}

export interface BodySummary {
  id: string;
  slug: string;
  kind: 'coordination_committee' | 'working_group';
  shortName: string;
  name: LocalizedText;
  pillar: number | null;
  chairs: SeatHolder[];
  viceChairs: SeatHolder[];
  members: number;
  observers: number;
}

/** Every body with the chairs, vice-chairs and participant counts that hold on `day` (public data). */
export async function listBodiesOn(db: Db, day: string): Promise<BodySummary[]> {
  const [bodyRows, seatRows, participantRows] = await Promise.all([
    db.select().from(bodies).orderBy(asc(bodies.sortOrder), asc(bodies.shortName)),
    db
      .select({
        bodyId: chairTerms.bodyId,
        acronym: entities.acronym,
        name: entities.name,
        seat: chairTerms.seat,
        since: chairTerms.since,
        until: chairTerms.until,
      })
      .from(chairTerms)
      .innerJoin(entities, eq(entities.id, chairTerms.entityId))
      .where(heldOn(chairTerms.since, chairTerms.until, day))
      .orderBy(asc(chairTerms.since), asc(entities.acronym)),
    db
      .select({ bodyId: bodyMemberships.bodyId, role: bodyMemberships.role, total: count() })
      .from(bodyMemberships)
      .innerJoin(entities, eq(entities.id, bodyMemberships.entityId))
      .where(
        and(
          heldOn(bodyMemberships.since, bodyMemberships.until, day),
          heldOn(entities.joinedOn, entities.leftOn, day),
        ),
      )
      .groupBy(bodyMemberships.bodyId, bodyMemberships.role),
  ]);
  return bodyRows.map((body) => {
    const seats = seatRows.filter((row) => row.bodyId === body.id);
    const participants = (role: 'member' | 'observer') =>
      participantRows.find((row) => row.bodyId === body.id && row.role === role)?.total ?? 0;
    const holder = ({ bodyId: _, ...rest }: (typeof seatRows)[number]): SeatHolder => rest;
    return {
      id: body.id,
      slug: body.slug,
      kind: body.kind,
      shortName: body.shortName,
      name: body.name,
      pillar: body.pillar,
      chairs: seats.filter((seat) => seat.seat === 'chair').map(holder),
      viceChairs: seats.filter((seat) => seat.seat === 'vice_chair').map(holder),
      members: participants('member'),
      observers: participants('observer'),
    };
  });
}

export interface EntityStanding {
  /** Bodies the entity is a member or observer of on the day. */
  bodyIds: string[];
  /** Bodies the entity holds the chair or a vice-chair of on the day. */
  chairedBodyIds: string[];
  /** Whether it holds the chair itself (not only a vice-chair) of some body on the day. */
  holdsChair: boolean;
}

/**
 * An entity's place in the bodies on `day`: what the access policy derives chair and membership rights
 * from, so they start and stop with the dated terms (never stored on the user).
 */
export async function entityStandingOn(db: Db, entityId: string, day: string): Promise<EntityStanding> {
  const [memberships, terms] = await Promise.all([
    db
      .selectDistinct({ bodyId: bodyMemberships.bodyId })
      .from(bodyMemberships)
      .where(
        and(
          eq(bodyMemberships.entityId, entityId),
          heldOn(bodyMemberships.since, bodyMemberships.until, day),
        ),
      ),
    db
      .selectDistinct({ bodyId: chairTerms.bodyId, seat: chairTerms.seat })
      .from(chairTerms)
      .where(and(eq(chairTerms.entityId, entityId), heldOn(chairTerms.since, chairTerms.until, day))),
  ]);
  return {
    bodyIds: memberships.map((row) => row.bodyId).sort(),
    chairedBodyIds: [...new Set(terms.map((row) => row.bodyId))].sort(),
    holdsChair: terms.some((row) => row.seat === 'chair'),
  };
}

/** One body by id or slug. */
export async function findBody(db: Db, idOrSlug: string) {
  const [row] = await db
    .select({
      id: bodies.id,
      slug: bodies.slug,
      kind: bodies.kind,
      shortName: bodies.shortName,
      name: bodies.name,
      pillar: bodies.pillar,
      mandate: bodies.mandate,
      torReference: bodies.torReference,
      torVersion: bodies.torVersion,
      torReviewedOn: bodies.torReviewedOn,
      chairSeats: bodies.chairSeats,
      viceChairSeats: bodies.viceChairSeats,
      version: bodies.version,
    })
    .from(bodies)
    .where(isUuid(idOrSlug) ? eq(bodies.id, idOrSlug) : eq(bodies.slug, idOrSlug.toLowerCase()));
  return row ?? null;
}

const entityRef = { id: entities.id, acronym: entities.acronym, name: entities.name };

/** The members and observers of a body on `day`, entities that have left the Compact excluded. */
export async function membersOfBodyOn(db: Db, bodyId: string, day: string) {
  return db
    .select({
      entity: entityRef,
      role: bodyMemberships.role,
      since: bodyMemberships.since,
      until: bodyMemberships.until,
    })
    .from(bodyMemberships)
    .innerJoin(entities, eq(entities.id, bodyMemberships.entityId))
    .where(
      and(
        eq(bodyMemberships.bodyId, bodyId),
        heldOn(bodyMemberships.since, bodyMemberships.until, day),
        heldOn(entities.joinedOn, entities.leftOn, day),
      ),
    )
    .orderBy(asc(entities.acronym));
}

/** The chair and vice-chairs of a body on `day`. */
export async function chairsOfBodyOn(db: Db, bodyId: string, day: string) {
  return db
    .select({ entity: entityRef, seat: chairTerms.seat, since: chairTerms.since, until: chairTerms.until })
    .from(chairTerms)
    .innerJoin(entities, eq(entities.id, chairTerms.entityId))
    .where(and(eq(chairTerms.bodyId, bodyId), heldOn(chairTerms.since, chairTerms.until, day)))
    .orderBy(asc(chairTerms.seat), asc(entities.acronym));
}

/** What Annex II needs for one year: the working groups and every term and membership touching it. */
export async function annexInputs(db: Db, year: number) {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const touches = (since: AnyColumn, until: AnyColumn) => heldDuring(since, until, first, last);
  const [groups, terms, memberships] = await Promise.all([
    db
      .select({ id: bodies.id, shortName: bodies.shortName, name: bodies.name, pillar: bodies.pillar })
      .from(bodies)
      .where(eq(bodies.kind, 'working_group'))
      .orderBy(asc(bodies.sortOrder)),
    db
      .select({
        bodyId: chairTerms.bodyId,
        acronym: entities.acronym,
        seat: chairTerms.seat,
        since: chairTerms.since,
        until: chairTerms.until,
      })
      .from(chairTerms)
      .innerJoin(entities, eq(entities.id, chairTerms.entityId))
      .where(touches(chairTerms.since, chairTerms.until)),
    db
      .select({
        bodyId: bodyMemberships.bodyId,
        acronym: entities.acronym,
        role: bodyMemberships.role,
        since: bodyMemberships.since,
        until: bodyMemberships.until,
      })
      .from(bodyMemberships)
      .innerJoin(entities, eq(entities.id, bodyMemberships.entityId))
      .where(
        and(
          touches(bodyMemberships.since, bodyMemberships.until),
          touches(entities.joinedOn, entities.leftOn),
        ),
      ),
  ]);
  return { groups, terms, memberships };
}

/** Every entity's dates, status changes and every chair term's start, for the membership timeline. */
export async function timelineInputs(db: Db) {
  const [entityRows, termRows, statusRows] = await Promise.all([
    db
      .select({ acronym: entities.acronym, joinedOn: entities.joinedOn, leftOn: entities.leftOn })
      .from(entities),
    db
      .select({
        acronym: entities.acronym,
        body: bodies.shortName,
        seat: chairTerms.seat,
        since: chairTerms.since,
      })
      .from(chairTerms)
      .innerJoin(entities, eq(entities.id, chairTerms.entityId))
      .innerJoin(bodies, eq(bodies.id, chairTerms.bodyId)),
    db
      .select({
        acronym: entities.acronym,
        status: entityStatusChanges.status,
        since: entityStatusChanges.since,
        joinedOn: entities.joinedOn,
      })
      .from(entityStatusChanges)
      .innerJoin(entities, eq(entities.id, entityStatusChanges.entityId)),
  ]);
  return { entities: entityRows, terms: termRows, statusChanges: statusRows };
}

export type BodyRecord = NonNullable<Awaited<ReturnType<typeof findBody>>>;

/** Every membership and chair term a body ever had, oldest first: its history page and its forms. */
export async function historyOfBody(db: Db, bodyId: string) {
  const [memberships, terms] = await Promise.all([
    db
      .select({
        id: bodyMemberships.id,
        entity: entityRef,
        role: bodyMemberships.role,
        since: bodyMemberships.since,
        until: bodyMemberships.until,
      })
      .from(bodyMemberships)
      .innerJoin(entities, eq(entities.id, bodyMemberships.entityId))
      .where(eq(bodyMemberships.bodyId, bodyId))
      .orderBy(asc(bodyMemberships.since), asc(entities.acronym)),
    db
      .select({
        id: chairTerms.id,
        entity: entityRef,
        seat: chairTerms.seat,
        since: chairTerms.since,
        until: chairTerms.until,
      })
      .from(chairTerms)
      .innerJoin(entities, eq(entities.id, chairTerms.entityId))
      .where(eq(chairTerms.bodyId, bodyId))
      .orderBy(asc(chairTerms.since), asc(chairTerms.seat)),
  ]);
  return { memberships, terms };
}

/** The bodies an entity belongs to or chairs, over all time, for its profile page. */
export async function placesOfEntity(db: Db, entityId: string) {
  const body = { slug: bodies.slug, shortName: bodies.shortName, name: bodies.name };
  const [memberships, terms] = await Promise.all([
    db
      .select({
        body,
        role: bodyMemberships.role,
        since: bodyMemberships.since,
        until: bodyMemberships.until,
      })
      .from(bodyMemberships)
      .innerJoin(bodies, eq(bodies.id, bodyMemberships.bodyId))
      .where(eq(bodyMemberships.entityId, entityId))
      .orderBy(asc(bodies.sortOrder), asc(bodyMemberships.since)),
    db
      .select({ body, seat: chairTerms.seat, since: chairTerms.since, until: chairTerms.until })
      .from(chairTerms)
      .innerJoin(bodies, eq(bodies.id, chairTerms.bodyId))
      .where(eq(chairTerms.entityId, entityId))
      .orderBy(asc(chairTerms.since)),
  ]);
  return { memberships, terms };
}
