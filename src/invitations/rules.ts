import type { Role } from '../accounts/schema.ts';
import type { Actor } from '../policy/actor.ts';

export interface InvitationRequest {
  email: string;
  role: Role;
  entityId: string | null;
  memberStateId: string | null;
}

export type InvitationRefusal =
  | 'not_allowed'
  | 'role_not_invitable'
  | 'affiliation_missing'
  | 'other_entity'
  | 'wrong_domain';

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Who may invite whom (ADR 0016): the secretariat invites focal points and members of any entity and the
 * focal points of Member States; an entity's focal point invites people of its own entity, at one of the
 * entity's e-mail domains. Nobody invites a secretariat administrator through an invitation.
 * Returns why a request is refused, or null when it is allowed.
 */
export function invitationRefusal(
  actor: Actor,
  request: InvitationRequest,
  entityDomains: readonly string[],
): InvitationRefusal | null {
  if (request.role === 'secretariat_admin') return 'role_not_invitable';
  const forEntity = request.role === 'entity_focal_point' || request.role === 'entity_member';
  if (forEntity ? !request.entityId || request.memberStateId : !request.memberStateId || request.entityId) {
    return 'affiliation_missing';
  }
  if (actor.kind === 'secretariat') return null;
  if (actor.kind !== 'entity' || !actor.focalPoint || !forEntity) return 'not_allowed';
  if (request.entityId !== actor.entityId) return 'other_entity';
  if (!entityDomains.map((domain) => domain.toLowerCase()).includes(domainOf(request.email)))
    return 'wrong_domain';
  return null;
}

/** Who may see and revoke an invitation: the secretariat any; an entity's focal points their entity's. */
export function mayManageInvitation(actor: Actor, invitation: { entityId: string | null }): boolean {
  if (actor.kind === 'secretariat') return true;
  return actor.kind === 'entity' && actor.focalPoint && invitation.entityId === actor.entityId;
}

/** Whether the actor may open the invitations page at all. */
export function mayInvite(actor: Actor): boolean {
  return actor.kind === 'secretariat' || (actor.kind === 'entity' && actor.focalPoint);
}
