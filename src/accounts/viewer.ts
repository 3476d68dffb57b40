import { and, eq } from 'drizzle-orm';
import { entityStandingOn } from '../bodies/queries.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import { heldOn } from '../db/periods.ts';
import { entities } from '../directory/schema.ts';
import type { Actor } from '../policy/actor.ts';
import type { LocalizedText } from '../web/i18n/locales.ts';
import { type Role, user } from './schema.ts';

/** The signed-in person behind a request: their account and the Actor the access policy reasons about. */
export interface Viewer {
  userId: string;
  name: string;
  email: string;
  role: Role;
  twoFactorEnabled: boolean;
  /** The secretariat, CTED and people of an entity chairing a body today must use two-factor (ADR 0015). */
  requiresTwoFactor: boolean;
  entityAcronym: string | null;
  /** The entity or Member State the account belongs to, for display. */
  affiliation: LocalizedText | null;
  actor: Actor;
}

export interface AccountFacts {
  id: string;
  name: string;
  email: string;
  role: Role;
  twoFactorEnabled: boolean | null;
  entityId: string | null;
  memberStateId: string | null;
}

/** Derives the viewer for `day`: body and chair rights come from the dated terms of that day. */
export async function viewerOn(db: Db, account: AccountFacts, day: string): Promise<Viewer> {
  const base = {
    userId: account.id,
    name: account.name,
    email: account.email,
    role: account.role,
    twoFactorEnabled: account.twoFactorEnabled === true,
  };
  if (account.role === 'member_state_focal_point' && account.memberStateId) {
    const [state] = await db
      .select({ name: memberStates.name })
      .from(memberStates)
      .where(eq(memberStates.id, account.memberStateId));
    return {
      ...base,
      requiresTwoFactor: false,
      entityAcronym: null,
      affiliation: state?.name ?? null,
      actor: { kind: 'member_state', userId: account.id, memberStateId: account.memberStateId },
    };
  }
  if (account.role === 'secretariat_admin') {
    return {
      ...base,
      requiresTwoFactor: true,
      entityAcronym: null,
      affiliation: null,
      actor: { kind: 'secretariat', userId: account.id, entityId: account.entityId },
    };
  }
  const [entity] = account.entityId
    ? await db
        .select({ id: entities.id, acronym: entities.acronym, kind: entities.kind, name: entities.name })
        .from(entities)
        .where(and(eq(entities.id, account.entityId), heldOn(entities.joinedOn, entities.leftOn, day)))
    : [];
  // An entity that has left the Compact (or not yet joined) gives its people no rights at all.
  if (!entity) {
    return {
      ...base,
      requiresTwoFactor: false,
      entityAcronym: null,
      affiliation: null,
      actor: { kind: 'anonymous' },
    };
  }
  const standing = await entityStandingOn(db, entity.id, day);
  return {
    ...base,
    requiresTwoFactor: entity.acronym === 'CTED' || standing.holdsChair,
    entityAcronym: entity.acronym,
    affiliation: entity.name,
    actor: {
      kind: 'entity',
      userId: account.id,
      entityId: entity.id,
      entityKind: entity.kind,
      focalPoint: account.role === 'entity_focal_point',
      bodyIds: standing.bodyIds,
      chairedBodyIds: standing.chairedBodyIds,
    },
  };
}

/** The viewer an account is on `day`, found by its id (API keys, calendar feeds, e-mails); null if gone. */
export async function viewerOfUser(db: Db, userId: string, day: string): Promise<Viewer | null> {
  const [account] = await db.select().from(user).where(eq(user.id, userId));
  return account ? viewerOn(db, account as AccountFacts, day) : null;
}
