import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import type { Db } from '../db/client.ts';
import { claimVersion, type Tx } from '../db/optimistic.ts';
import { entities } from '../directory/schema.ts';
import { Forbidden, InvalidInput, NotFound, type Problem } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import type { LocalizedText } from '../web/i18n/locales.ts';
import {
  chairTermProblems,
  type HistoryProblem,
  type MembershipFact,
  membershipProblems,
  type TermFact,
} from './rules.ts';
import { bodies, bodyMemberships, chairTerms } from './schema.ts';

type Secretariat = Extract<Actor, { kind: 'secretariat' }>;

/** Only the secretariat administers bodies (issue 4). */
function secretariatOnly(actor: Actor): Secretariat {
  if (actor.kind !== 'secretariat') throw new Forbidden();
  return actor;
}

const asProblems = (problems: readonly HistoryProblem[]): Problem[] =>
  problems.map(({ field, code, ...values }) => ({ field, code, values }));

/**
 * Every change to a body, its memberships or its terms claims the body's version, so two people editing
 * the same body's history cannot both save from the same picture of it.
 */
async function claimBody(tx: Tx, bodyId: string, version: number) {
  await claimVersion(tx, bodies, bodyId, version);
  const [body] = await tx.select().from(bodies).where(eq(bodies.id, bodyId));
  return body as typeof bodies.$inferSelect;
}

async function historyOf(tx: Tx, bodyId: string) {
  const [memberships, terms] = await Promise.all([
    tx
      .select({
        id: bodyMemberships.id,
        entityId: bodyMemberships.entityId,
        role: bodyMemberships.role,
        since: bodyMemberships.since,
        until: bodyMemberships.until,
      })
      .from(bodyMemberships)
      .where(eq(bodyMemberships.bodyId, bodyId)),
    tx
      .select({
        id: chairTerms.id,
        entityId: chairTerms.entityId,
        seat: chairTerms.seat,
        since: chairTerms.since,
        until: chairTerms.until,
      })
      .from(chairTerms)
      .where(eq(chairTerms.bodyId, bodyId)),
  ]);
  return { memberships: memberships as MembershipFact[], terms: terms as TermFact[] };
}

async function requireEntity(tx: Tx, entityId: string) {
  const [entity] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.id, entityId));
  if (!entity) throw new InvalidInput([{ field: 'entityId', code: 'unknown_entity' }]);
}

export interface BodyProfile {
  mandate: LocalizedText | null;
  torReference: string | null;
  torVersion: string | null;
  torReviewedOn: string | null;
  chairSeats: number;
  viceChairSeats: number;
}

/** Changes a body's mandate, terms of reference and number of seats. */
export async function updateBody(
  db: Db,
  actor: Actor,
  bodyId: string,
  version: number,
  profile: BodyProfile,
): Promise<void> {
  const secretariat = secretariatOnly(actor);
  await db.transaction(async (tx) => {
    await claimBody(tx, bodyId, version);
    const { terms } = await historyOf(tx, bodyId);
    const seats = { chair: profile.chairSeats, vice_chair: profile.viceChairSeats };
    for (const seat of ['chair', 'vice_chair'] as const) {
      const crowded = terms
        .filter((term) => term.seat === seat)
        .some((term, _, all) => chairTermProblems(term, all, [], seats).some((p) => p.code === 'seat_full'));
      if (crowded) {
        throw new InvalidInput([
          { field: seat === 'chair' ? 'chairSeats' : 'viceChairSeats', code: 'seats_below_history' },
        ]);
      }
    }
    const { mandate, torReference, torVersion, torReviewedOn, chairSeats, viceChairSeats } = profile;
    await tx
      .update(bodies)
      .set({ mandate, torReference, torVersion, torReviewedOn, chairSeats, viceChairSeats })
      .where(eq(bodies.id, bodyId));
    await recordAudit(tx, {
      action: 'body.updated',
      subjectType: 'body',
      subjectId: bodyId,
      actorUserId: secretariat.userId,
      details: { ...profile },
    });
  });
}

export interface MembershipInput {
  entityId: string;
  role: 'member' | 'observer';
  since: string;
  until: string | null;
}

export async function addMembership(
  db: Db,
  actor: Actor,
  bodyId: string,
  version: number,
  input: MembershipInput,
): Promise<string> {
  const secretariat = secretariatOnly(actor);
  return db.transaction(async (tx) => {
    await claimBody(tx, bodyId, version);
    await requireEntity(tx, input.entityId);
    const { memberships, terms } = await historyOf(tx, bodyId);
    const problems = membershipProblems(input, memberships, terms);
    if (problems.length > 0) throw new InvalidInput(asProblems(problems));
    const [row] = await tx
      .insert(bodyMemberships)
      .values({ bodyId, ...input })
      .returning({ id: bodyMemberships.id });
    const id = (row as { id: string }).id;
    await recordAudit(tx, {
      action: 'body.membership_added',
      subjectType: 'body',
      subjectId: bodyId,
      actorUserId: secretariat.userId,
      details: { membershipId: id, ...input },
    });
    return id;
  });
}

/** Ends a membership on `until` (the last day it holds). */
export async function endMembership(
  db: Db,
  actor: Actor,
  bodyId: string,
  version: number,
  membershipId: string,
  until: string,
): Promise<void> {
  const secretariat = secretariatOnly(actor);
  await db.transaction(async (tx) => {
    await claimBody(tx, bodyId, version);
    const { memberships, terms } = await historyOf(tx, bodyId);
    const membership = memberships.find((row) => row.id === membershipId);
    if (!membership) throw new NotFound();
    const problems = membershipProblems({ ...membership, until }, memberships, terms);
    if (problems.length > 0) throw new InvalidInput(asProblems(problems));
    await tx.update(bodyMemberships).set({ until }).where(eq(bodyMemberships.id, membershipId));
    await recordAudit(tx, {
      action: 'body.membership_ended',
      subjectType: 'body',
      subjectId: bodyId,
      actorUserId: secretariat.userId,
      details: { membershipId, entityId: membership.entityId, until },
    });
  });
}

export interface ChairTermInput {
  entityId: string;
  seat: 'chair' | 'vice_chair';
  since: string;
  until: string | null;
}

export async function addChairTerm(
  db: Db,
  actor: Actor,
  bodyId: string,
  version: number,
  input: ChairTermInput,
): Promise<string> {
  const secretariat = secretariatOnly(actor);
  return db.transaction(async (tx) => {
    const body = await claimBody(tx, bodyId, version);
    await requireEntity(tx, input.entityId);
    const { memberships, terms } = await historyOf(tx, bodyId);
    const seats = { chair: body.chairSeats, vice_chair: body.viceChairSeats };
    const problems = chairTermProblems(input, terms, memberships, seats);
    if (problems.length > 0) throw new InvalidInput(asProblems(problems));
    const [row] = await tx
      .insert(chairTerms)
      .values({ bodyId, ...input })
      .returning({ id: chairTerms.id });
    const id = (row as { id: string }).id;
    await recordAudit(tx, {
      action: 'body.chair_term_added',
      subjectType: 'body',
      subjectId: bodyId,
      actorUserId: secretariat.userId,
      details: { termId: id, ...input },
    });
    return id;
  });
}

/** Ends a chair or vice-chair term on `until`; the rights it gave stop after that day. */
export async function endChairTerm(
  db: Db,
  actor: Actor,
  bodyId: string,
  version: number,
  termId: string,
  until: string,
): Promise<void> {
  const secretariat = secretariatOnly(actor);
  await db.transaction(async (tx) => {
    const body = await claimBody(tx, bodyId, version);
    const { memberships, terms } = await historyOf(tx, bodyId);
    const term = terms.find((row) => row.id === termId);
    if (!term) throw new NotFound();
    const seats = { chair: body.chairSeats, vice_chair: body.viceChairSeats };
    const problems = chairTermProblems({ ...term, until }, terms, memberships, seats);
    if (problems.length > 0) throw new InvalidInput(asProblems(problems));
    await tx.update(chairTerms).set({ until }).where(eq(chairTerms.id, termId));
    await recordAudit(tx, {
      action: 'body.chair_term_ended',
      subjectType: 'body',
      subjectId: bodyId,
      actorUserId: secretariat.userId,
      details: { termId, entityId: term.entityId, seat: term.seat, until },
    });
  });
}
