import type { Problem } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import type { AccessLevel } from '../policy/levels.ts';
import { canSee, type ProtectedRecord } from '../policy/visibility.ts';
import type { ActionItemStatus, InviteeKind, MeetingType } from './schema.ts';

/** A meeting's access facts as the policy reads them: the body's chairs edit it through `bodyId`. */
export function recordOfMeeting(meeting: {
  level: AccessLevel;
  ownerEntityId: string | null;
  bodyId: string | null;
  namedEntityIds: readonly string[];
  namedMemberStateIds: readonly string[];
}): ProtectedRecord {
  return {
    level: meeting.level,
    ownerEntityId: meeting.ownerEntityId,
    ownerMemberStateId: null,
    bodyId: meeting.bodyId,
    namedEntityIds: meeting.namedEntityIds,
    namedMemberStateIds: meeting.namedMemberStateIds,
  };
}

/**
 * Who schedules meetings: the secretariat, for any body or for the Compact as a whole; the chairs of a
 * body, for that body while their term lasts.
 */
export function mayOrganise(actor: Actor, bodyId: string | null): boolean {
  if (actor.kind === 'secretariat') return true;
  return actor.kind === 'entity' && bodyId !== null && actor.chairedBodyIds.includes(bodyId);
}

/**
 * Who manages a meeting (edits it, invites, writes its agenda and minutes, sees its drafts and link):
 * whoever may organise meetings of its body today and can see it. Owning the meeting gives sight only,
 * so people of the organiser's entity, or of a chair whose term has ended, do not manage it.
 */
export function mayManageMeeting(actor: Actor, meeting: Parameters<typeof recordOfMeeting>[0]): boolean {
  return canSee(actor, recordOfMeeting(meeting)) && mayOrganise(actor, meeting.bodyId);
}

/** What the rules need to know about one invitee. */
export type InviteeFacts =
  | { kind: 'body'; bodyId: string; name: string; members: InviteeActor[] }
  | { kind: 'entity'; entityId: string; name: string; actor: InviteeActor }
  | { kind: 'person'; userId: string; name: string; actor: InviteeActor }
  | { kind: 'regional_group'; group: string; name: string; memberStateIds: string[] };

/** The actor an invitee would be when signed in (for people of an entity: as any member of it). */
export type InviteeActor = Exclude<Actor, { kind: 'anonymous' }>;

export interface MeetingAccess {
  level: AccessLevel;
  bodyId: string | null;
  ownerEntityId: string | null;
}

/**
 * Whether the organiser may invite these invitees to a meeting with this access. Only the secretariat
 * invites Member States and other bodies than the meeting's own. For a `named` meeting the invitees are
 * the names (see `namedListsOf`); at any other level, every invitee must already be able to see the
 * meeting, so that an invitation never hands out what the level keeps from someone.
 */
export function invitationProblems(
  actor: Actor,
  access: MeetingAccess,
  invitees: readonly InviteeFacts[],
): Problem[] {
  const problems: Problem[] = [];
  const record: ProtectedRecord = {
    level: access.level,
    ownerEntityId: access.ownerEntityId,
    ownerMemberStateId: null,
    bodyId: access.bodyId,
    namedEntityIds: [],
    namedMemberStateIds: [],
  };
  const seesIt = (invitee: InviteeActor) => access.level === 'named' || canSee(invitee, record);
  for (const invitee of invitees) {
    const field = inviteeField(invitee.kind);
    if (invitee.kind === 'regional_group') {
      if (actor.kind !== 'secretariat') {
        problems.push({ field, code: 'invite_states_secretariat_only', values: { name: invitee.name } });
      } else if (!['public', 'member_states', 'named'].includes(access.level)) {
        problems.push({ field, code: 'invitee_cannot_see', values: { name: invitee.name } });
      }
      continue;
    }
    if (invitee.kind === 'body') {
      if (actor.kind !== 'secretariat' && invitee.bodyId !== access.bodyId) {
        problems.push({ field, code: 'invite_other_body', values: { name: invitee.name } });
      } else if (!invitee.members.every(seesIt)) {
        problems.push({ field, code: 'invitee_cannot_see', values: { name: invitee.name } });
      }
      continue;
    }
    if (!seesIt(invitee.actor)) {
      problems.push({ field, code: 'invitee_cannot_see', values: { name: invitee.name } });
    }
  }
  return problems;
}

export function inviteeField(kind: InviteeKind): string {
  switch (kind) {
    case 'body':
      return 'bodies';
    case 'entity':
      return 'entities';
    case 'person':
      return 'people';
    case 'regional_group':
      return 'regionalGroups';
  }
}

/** For a `named` meeting: the entities and Member States its invitations name, which the policy reads. */
export function namedListsOf(invitees: readonly InviteeFacts[]): {
  namedEntityIds: string[];
  namedMemberStateIds: string[];
} {
  const entityIds = new Set<string>();
  const memberStateIds = new Set<string>();
  const add = (invitee: InviteeActor) => {
    if (invitee.kind === 'entity') entityIds.add(invitee.entityId);
    if (invitee.kind === 'member_state') memberStateIds.add(invitee.memberStateId);
    if (invitee.kind === 'secretariat' && invitee.entityId) entityIds.add(invitee.entityId);
  };
  for (const invitee of invitees) {
    if (invitee.kind === 'body') invitee.members.forEach(add);
    else if (invitee.kind === 'regional_group')
      for (const id of invitee.memberStateIds) memberStateIds.add(id);
    else add(invitee.actor);
  }
  return { namedEntityIds: [...entityIds].sort(), namedMemberStateIds: [...memberStateIds].sort() };
}

/** The wall-clock facts of a meeting form, already parsed into instants (null when not a real time). */
export interface MeetingTimes {
  startsAt: Date | null;
  endsAt: Date | null;
}

export function timeProblems(times: MeetingTimes): Problem[] {
  const problems: Problem[] = [];
  if (!times.startsAt) problems.push({ field: 'startTime', code: 'time_not_in_zone' });
  if (!times.endsAt) problems.push({ field: 'endTime', code: 'time_not_in_zone' });
  if (times.startsAt && times.endsAt && times.endsAt <= times.startsAt) {
    problems.push({ field: 'endTime', code: 'meeting_ends_before_start' });
  }
  return problems;
}

/** An action item still to be done after its due day. */
export function isOverdue(item: { dueOn: string; status: ActionItemStatus }, today: string): boolean {
  return (item.status === 'open' || item.status === 'in_progress') && item.dueOn < today;
}

/** Who may change an action item's status: its owner (person or entity), or whoever may edit the meeting. */
export function mayUpdateActionItem(
  actor: Actor,
  item: { ownerEntityId: string | null; ownerUserId: string | null },
  mayEditMeeting: boolean,
): boolean {
  if (mayEditMeeting) return true;
  if (actor.kind === 'anonymous') return false;
  if (item.ownerUserId === actor.userId) return true;
  return actor.kind === 'entity' && item.ownerEntityId === actor.entityId;
}

export type BodyKind = 'coordination_committee' | 'working_group';

/** One meeting as the figures count it. */
export interface CountedMeeting {
  year: number;
  type: MeetingType;
  bodyKind: BodyKind | null;
  bodyId: string | null;
}

export interface MeetingFigures {
  total: number;
  workingGroups: { total: number; byType: Partial<Record<MeetingType, number>> };
  committee: Partial<Record<MeetingType, number>>;
  compactWide: Partial<Record<MeetingType, number>>;
  byBody: Map<string, number>;
}

/** Meetings of one year by kind of body and by type, as the annual report gives them. */
export function meetingFigures(meetings: readonly CountedMeeting[], year: number): MeetingFigures {
  const figures: MeetingFigures = {
    total: 0,
    workingGroups: { total: 0, byType: {} },
    committee: {},
    compactWide: {},
    byBody: new Map(),
  };
  const bump = (counts: Partial<Record<MeetingType, number>>, type: MeetingType) => {
    counts[type] = (counts[type] ?? 0) + 1;
  };
  for (const meeting of meetings) {
    if (meeting.year !== year) continue;
    figures.total += 1;
    if (meeting.bodyId) figures.byBody.set(meeting.bodyId, (figures.byBody.get(meeting.bodyId) ?? 0) + 1);
    if (meeting.bodyKind === 'working_group') {
      figures.workingGroups.total += 1;
      bump(figures.workingGroups.byType, meeting.type);
    } else if (meeting.bodyKind === 'coordination_committee') bump(figures.committee, meeting.type);
    else bump(figures.compactWide, meeting.type);
  }
  return figures;
}
