import type { Actor } from './actor.ts';
import { type Action, actions, readActions } from './levels.ts';
import { canSee, type ProtectedRecord } from './visibility.ts';

/**
 * May `actor` do `action` to `record`? (ADR 0013) Reading in any form needs visibility; changing needs
 * visibility plus a say over the record:
 * - the secretariat edits and deletes what it can see;
 * - people of the owning entity edit its records, and its focal points delete them;
 * - the chair of a body edits the body's records (the right lasts exactly as long as the chair term);
 * - a Member State focal point edits and deletes only records its own State owns.
 */
export function can(actor: Actor, action: Action, record: ProtectedRecord): boolean {
  if (!canSee(actor, record)) return false;
  if ((readActions as readonly Action[]).includes(action)) return true;
  switch (actor.kind) {
    case 'anonymous':
      return false;
    case 'secretariat':
      return true;
    case 'member_state':
      return record.ownerMemberStateId === actor.memberStateId;
    case 'entity': {
      const ownsIt = record.ownerEntityId === actor.entityId;
      const chairsIt = record.bodyId !== null && actor.chairedBodyIds.includes(record.bodyId);
      return action === 'edit' ? ownsIt || chairsIt : ownsIt && actor.focalPoint;
    }
  }
}

/** Every action the actor may take on the record, for views to show buttons without re-deriving rules. */
export function abilities(actor: Actor, record: ProtectedRecord): Record<Action, boolean> {
  return Object.fromEntries(actions.map((action) => [action, can(actor, action, record)])) as Record<
    Action,
    boolean
  >;
}
