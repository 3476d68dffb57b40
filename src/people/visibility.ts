import type { Actor } from '../policy/actor.ts';
import type { AccessLevel } from '../policy/levels.ts';
import { can } from '../policy/policy.ts';
import type { ProtectedRecord } from '../policy/visibility.ts';

/**
 * The directory of people as records of the access policy (ADR 0020): the list of names and functions is
 * at the `member_states` level, contact details at the `compact` level; both are owned by the person's
 * entity. One policy decides, as for every other record.
 */
const peopleRecord = (level: AccessLevel, entityId: string | null): ProtectedRecord => ({
  level,
  ownerEntityId: entityId,
  ownerMemberStateId: null,
  bodyId: null,
  namedEntityIds: [],
  namedMemberStateIds: [],
});

export const mayListPeople = (actor: Actor): boolean =>
  can(actor, 'list', peopleRecord('member_states', null));

export const maySeeContacts = (actor: Actor, entityId: string): boolean =>
  can(actor, 'read', peopleRecord('compact', entityId));
