import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import { viewerOfUser } from '../accounts/viewer.ts';
import { auditedBy, recordAudit } from '../audit/record.ts';
import { bodies, bodyMemberships } from '../bodies/schema.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import { claimVersion, type Tx } from '../db/optimistic.ts';
import { heldOn } from '../db/periods.ts';
import { entities } from '../directory/schema.ts';
import { visibleDocuments } from '../documents/queries.ts';
import { documents } from '../documents/schema.ts';
import { Forbidden, InvalidInput, NotFound, type Problem, StaleEdit } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { can } from '../policy/policy.ts';
import { canSee } from '../policy/visibility.ts';
import { today } from '../web/i18n/format.ts';
import type { InvitationInput, MeetingInput } from './input.ts';
import { invitedUserIds } from './queries.ts';
import {
  type InviteeActor,
  type InviteeFacts,
  invitationProblems,
  type MeetingAccess,
  mayManageMeeting,
  mayOrganise,
  mayUpdateActionItem,
  namedListsOf,
  recordOfMeeting,
  timeProblems,
} from './rules.ts';
import {
  type ActionItemStatus,
  actionItems,
  agendaItems,
  calendarFeeds,
  meetingAttendance,
  meetingDecisions,
  meetingInvitations,
  meetingMinutes,
  meetingRegistrations,
  meetings,
} from './schema.ts';
import { dayIn, instantIn } from './time.ts';

/** A meeting the actor may change, or the refusal: not found when they cannot see it, forbidden otherwise. */
async function editableMeeting(db: Db | Tx, actor: Actor, meetingId: string) {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) throw new NotFound();
  const record = recordOfMeeting(meeting);
  if (!can(actor, 'read', record)) throw new NotFound();
  if (!mayManageMeeting(actor, meeting)) throw new Forbidden();
  return meeting;
}

async function bodyIdOf(db: Db | Tx, slug: string | null): Promise<string | null> {
  if (!slug) return null;
  const [body] = await db.select({ id: bodies.id }).from(bodies).where(eq(bodies.slug, slug));
  if (!body) throw new InvalidInput([{ field: 'body', code: 'bad_choice' }]);
  return body.id;
}

async function knownRegionalGroups(db: Db | Tx): Promise<Set<string>> {
  const rows = await db.selectDistinct({ group: memberStates.regionalGroup }).from(memberStates);
  return new Set(rows.map((row) => row.group));
}

/** The instants, body and level of a meeting form, checked: every problem at once. */
async function meetingValuesOf(db: Db | Tx, input: MeetingInput) {
  const startsAt = instantIn(input.startDay, input.startTime, input.timeZone);
  const endsAt = instantIn(input.endDay, input.endTime, input.timeZone);
  const problems: Problem[] = timeProblems({ startsAt, endsAt });
  const bodyId = await bodyIdOf(db, input.body);
  if (input.level === 'body' && !bodyId) problems.push({ field: 'body', code: 'meeting_body_required' });
  const groups = await knownRegionalGroups(db);
  if (input.regions.some((region) => !groups.has(region)))
    problems.push({ field: 'regions', code: 'bad_choice' });
  if (problems.length > 0 || !startsAt || !endsAt) throw new InvalidInput(problems);
  return {
    bodyId,
    type: input.type,
    title: input.title,
    description: input.description ?? null,
    startsAt,
    endsAt,
    timeZone: input.timeZone,
    modality: input.modality,
    venue: input.venue ?? null,
    onlineLink: input.onlineLink ?? null,
    level: input.level,
    regions: input.regions,
  };
}

const ownerEntityOf = (actor: Actor): string | null =>
  actor.kind === 'entity' || actor.kind === 'secretariat' ? actor.entityId : null;

/** Schedules a meeting (ADR 0024). Its organiser's entity owns it; the body's chairs and the secretariat edit it. */
export async function createMeeting(db: Db, actor: Actor, input: MeetingInput): Promise<string> {
  return db.transaction(async (tx) => {
    const values = await meetingValuesOf(tx, input);
    if (!mayOrganise(actor, values.bodyId)) throw new Forbidden();
    const [row] = await tx
      .insert(meetings)
      .values({ ...values, ownerEntityId: ownerEntityOf(actor), createdBy: auditedBy(actor).actorUserId })
      .returning({ id: meetings.id });
    const meetingId = (row as { id: string }).id;
    await recordAudit(tx, {
      action: 'meeting.created',
      subjectType: 'meeting',
      subjectId: meetingId,
      ...auditedBy(actor),
      details: { level: values.level, type: values.type },
    });
    return meetingId;
  });
}

/**
 * Changes a meeting's facts. The invitations must still hold at the new level, and a `named` meeting's
 * names follow its invitations; otherwise nothing is saved.
 */
export async function updateMeeting(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: MeetingInput & { version: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    const meeting = await editableMeeting(tx, actor, meetingId);
    const values = await meetingValuesOf(tx, input);
    if (values.bodyId !== meeting.bodyId && !mayOrganise(actor, values.bodyId)) throw new Forbidden();
    await claimVersion(tx, meetings, meetingId, input.version);
    const invitees = await inviteeFactsOf(
      tx,
      await invitationsOf(tx, meetingId),
      dayIn(values.startsAt, 'UTC'),
    );
    const access = { level: values.level, bodyId: values.bodyId, ownerEntityId: meeting.ownerEntityId };
    if (
      invitationProblems({ kind: 'secretariat', userId: '', entityId: null }, access, invitees).length > 0
    ) {
      throw new InvalidInput([{ field: 'level', code: 'invitees_lose_access' }]);
    }
    const named =
      values.level === 'named' ? namedListsOf(invitees) : { namedEntityIds: [], namedMemberStateIds: [] };
    await tx
      .update(meetings)
      .set({ ...values, ...named })
      .where(eq(meetings.id, meetingId));
    await recordAudit(tx, {
      action: 'meeting.updated',
      subjectType: 'meeting',
      subjectId: meetingId,
      ...auditedBy(actor),
      details: { level: values.level },
    });
  });
}

async function invitationsOf(db: Db | Tx, meetingId: string) {
  return db.select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, meetingId));
}

/** Entities as actors on `day`, with the bodies they sit on, for asking the policy what they would see. */
async function entityActorsOn(db: Db | Tx, entityIds: readonly string[], day: string) {
  if (entityIds.length === 0) return new Map<string, InviteeActor>();
  const [rows, seats] = await Promise.all([
    db
      .select({ id: entities.id, kind: entities.kind })
      .from(entities)
      .where(inArray(entities.id, [...entityIds])),
    db
      .select({ entityId: bodyMemberships.entityId, bodyId: bodyMemberships.bodyId })
      .from(bodyMemberships)
      .where(
        and(
          inArray(bodyMemberships.entityId, [...entityIds]),
          heldOn(bodyMemberships.since, bodyMemberships.until, day),
        ),
      ),
  ]);
  return new Map<string, InviteeActor>(
    rows.map((row) => [
      row.id,
      {
        kind: 'entity',
        userId: '',
        entityId: row.id,
        entityKind: row.kind,
        focalPoint: false,
        bodyIds: seats.filter((seat) => seat.entityId === row.id).map((seat) => seat.bodyId),
        chairedBodyIds: [],
      },
    ]),
  );
}

/** What the rules need about each invitation: names for messages and the actors who would be invited. */
async function inviteeFactsOf(
  db: Db | Tx,
  invitations: readonly {
    kind: InviteeFacts['kind'];
    bodyId: string | null;
    entityId: string | null;
    userId: string | null;
    regionalGroup: string | null;
  }[],
  day: string,
): Promise<InviteeFacts[]> {
  const bodyIds = invitations.flatMap((invitation) => (invitation.bodyId ? [invitation.bodyId] : []));
  const userIds = invitations.flatMap((invitation) => (invitation.userId ? [invitation.userId] : []));
  const groups = invitations.flatMap((invitation) =>
    invitation.regionalGroup ? [invitation.regionalGroup] : [],
  );
  const [bodyRows, members, users, states] = await Promise.all([
    bodyIds.length
      ? db.select({ id: bodies.id, name: bodies.shortName }).from(bodies).where(inArray(bodies.id, bodyIds))
      : [],
    bodyIds.length
      ? db
          .select({ bodyId: bodyMemberships.bodyId, entityId: bodyMemberships.entityId })
          .from(bodyMemberships)
          .innerJoin(entities, eq(entities.id, bodyMemberships.entityId))
          .where(
            and(
              inArray(bodyMemberships.bodyId, bodyIds),
              heldOn(bodyMemberships.since, bodyMemberships.until, day),
              heldOn(entities.joinedOn, entities.leftOn, day),
            ),
          )
      : [],
    userIds.length
      ? db
          .select({
            id: user.id,
            name: user.name,
            role: user.role,
            entityId: user.entityId,
            memberStateId: user.memberStateId,
          })
          .from(user)
          .where(inArray(user.id, userIds))
      : [],
    groups.length
      ? db
          .select({ id: memberStates.id, group: memberStates.regionalGroup })
          .from(memberStates)
          .where(inArray(memberStates.regionalGroup, groups))
      : [],
  ]);
  const entityIds = [
    ...invitations.flatMap((invitation) => (invitation.entityId ? [invitation.entityId] : [])),
    ...members.map((member) => member.entityId),
    ...users.flatMap((row) => (row.entityId && row.role !== 'secretariat_admin' ? [row.entityId] : [])),
  ];
  const [actors, names] = await Promise.all([
    entityActorsOn(db, [...new Set(entityIds)], day),
    entityIds.length
      ? db
          .select({ id: entities.id, acronym: entities.acronym })
          .from(entities)
          .where(inArray(entities.id, [...new Set(entityIds)]))
      : [],
  ]);
  const acronymOf = (id: string) => names.find((row) => row.id === id)?.acronym ?? id;
  const facts: InviteeFacts[] = [];
  for (const invitation of invitations) {
    if (invitation.bodyId) {
      const body = bodyRows.find((row) => row.id === invitation.bodyId);
      if (!body) throw new InvalidInput([{ field: 'bodies', code: 'bad_choice' }]);
      facts.push({
        kind: 'body',
        bodyId: body.id,
        name: body.name,
        members: members
          .filter((member) => member.bodyId === body.id)
          .flatMap((member) => {
            const actor = actors.get(member.entityId);
            return actor ? [actor] : [];
          }),
      });
    } else if (invitation.entityId) {
      const actor = actors.get(invitation.entityId);
      if (!actor) throw new InvalidInput([{ field: 'entities', code: 'bad_choice' }]);
      facts.push({
        kind: 'entity',
        entityId: invitation.entityId,
        name: acronymOf(invitation.entityId),
        actor,
      });
    } else if (invitation.userId) {
      const row = users.find((candidate) => candidate.id === invitation.userId);
      if (!row) throw new InvalidInput([{ field: 'people', code: 'bad_choice' }]);
      const actor: InviteeActor | undefined =
        row.role === 'secretariat_admin'
          ? { kind: 'secretariat', userId: row.id, entityId: row.entityId }
          : row.memberStateId
            ? { kind: 'member_state', userId: row.id, memberStateId: row.memberStateId }
            : row.entityId
              ? actors.get(row.entityId)
              : undefined;
      if (!actor) throw new InvalidInput([{ field: 'people', code: 'bad_choice' }]);
      facts.push({ kind: 'person', userId: row.id, name: row.name, actor: { ...actor, userId: row.id } });
    } else if (invitation.regionalGroup) {
      const ids = states.filter((state) => state.group === invitation.regionalGroup).map((state) => state.id);
      if (ids.length === 0) throw new InvalidInput([{ field: 'regionalGroups', code: 'bad_choice' }]);
      facts.push({
        kind: 'regional_group',
        group: invitation.regionalGroup,
        name: invitation.regionalGroup,
        memberStateIds: ids,
      });
    }
  }
  return facts;
}

/**
 * Replaces a meeting's invitations. Refused as a whole when the organiser may not invite someone, or
 * when someone invited could not see the meeting at its level. Returns the accounts invited now that
 * were not before, for the invitation e-mails.
 */
export async function setInvitations(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: InvitationInput,
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const meeting = await editableMeeting(tx, actor, meetingId);
    const [bodyRows, entityRows] = await Promise.all([
      input.bodies.length
        ? tx
            .select({ id: bodies.id, slug: bodies.slug })
            .from(bodies)
            .where(inArray(bodies.slug, input.bodies))
        : [],
      input.entities.length
        ? tx
            .select({ id: entities.id, slug: entities.slug })
            .from(entities)
            .where(inArray(entities.slug, input.entities))
        : [],
    ]);
    const problems: Problem[] = [];
    if (bodyRows.length !== input.bodies.length) problems.push({ field: 'bodies', code: 'bad_choice' });
    if (entityRows.length !== input.entities.length) problems.push({ field: 'entities', code: 'bad_choice' });
    if (problems.length > 0) throw new InvalidInput(problems);
    const rows = [
      ...bodyRows.map((row) => ({
        kind: 'body' as const,
        bodyId: row.id,
        entityId: null,
        userId: null,
        regionalGroup: null,
      })),
      ...entityRows.map((row) => ({
        kind: 'entity' as const,
        bodyId: null,
        entityId: row.id,
        userId: null,
        regionalGroup: null,
      })),
      ...input.people.map((id) => ({
        kind: 'person' as const,
        bodyId: null,
        entityId: null,
        userId: id,
        regionalGroup: null,
      })),
      ...input.regionalGroups.map((group) => ({
        kind: 'regional_group' as const,
        bodyId: null,
        entityId: null,
        userId: null,
        regionalGroup: group,
      })),
    ];
    const day = dayIn(meeting.startsAt, 'UTC');
    const facts = await inviteeFactsOf(tx, rows, day);
    const access: MeetingAccess = {
      level: meeting.level,
      bodyId: meeting.bodyId,
      ownerEntityId: meeting.ownerEntityId,
    };
    const refused = invitationProblems(actor, access, facts);
    if (refused.length > 0) throw new InvalidInput(refused);
    const before = new Set(await invitedUserIds(tx, meetingId));
    await tx.delete(meetingInvitations).where(eq(meetingInvitations.meetingId, meetingId));
    if (rows.length > 0)
      await tx.insert(meetingInvitations).values(rows.map((row) => ({ ...row, meetingId })));
    if (meeting.level === 'named') {
      await tx.update(meetings).set(namedListsOf(facts)).where(eq(meetings.id, meetingId));
    }
    await recordAudit(tx, {
      action: 'meeting.invited',
      subjectType: 'meeting',
      subjectId: meetingId,
      ...auditedBy(actor),
      details: { invitations: rows.length },
    });
    return (await invitedUserIds(tx, meetingId)).filter((id) => !before.has(id));
  });
}

/**
 * Cancels a meeting still to come, after the organiser confirmed it: it stays, marked, in every list and
 * feed (calendars remove it). Returns the invitees to tell by e-mail.
 */
export async function cancelMeeting(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: { version: number; note: string | null },
  now: Date = new Date(),
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const meeting = await editableMeeting(tx, actor, meetingId);
    if (meeting.cancelledAt) throw new InvalidInput([{ field: 'form', code: 'meeting_cancelled' }]);
    if (meeting.endsAt <= now) throw new InvalidInput([{ field: 'form', code: 'meeting_in_past' }]);
    await claimVersion(tx, meetings, meetingId, input.version);
    await tx
      .update(meetings)
      .set({ cancelledAt: now, cancellationNote: input.note })
      .where(eq(meetings.id, meetingId));
    await recordAudit(tx, {
      action: 'meeting.cancelled',
      subjectType: 'meeting',
      subjectId: meetingId,
      ...auditedBy(actor),
    });
    return invitedUserIds(tx, meetingId);
  });
}

/** An invitee says they will come; saying it twice changes nothing. A cancelled meeting takes no one. */
export async function register(db: Db, actor: Actor, meetingId: string, invited: boolean): Promise<void> {
  if (actor.kind === 'anonymous' || !invited) throw new Forbidden();
  const [meeting] = await db
    .select({ cancelledAt: meetings.cancelledAt })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  if (meeting?.cancelledAt) throw new InvalidInput([{ field: 'form', code: 'meeting_cancelled' }]);
  await db.insert(meetingRegistrations).values({ meetingId, userId: actor.userId }).onConflictDoNothing();
}

export async function unregister(db: Db, actor: Actor, meetingId: string): Promise<void> {
  if (actor.kind === 'anonymous') throw new Forbidden();
  await db
    .delete(meetingRegistrations)
    .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.userId, actor.userId)));
}

/** One row of the agenda form, before its presenters and documents are looked up. */
export interface AgendaRow {
  title: string;
  presenters: string;
  documents: string;
}

const uuidIn = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Replaces the agenda. Presenters are entity acronyms; documents are library addresses or ids, and must
 * be documents the editor can see. `agendaVersion` is the version the editor loaded: a second editor
 * saving over the first gets StaleEdit and keeps their own rows on the form.
 */
export async function saveAgenda(
  db: Db,
  actor: Actor,
  meetingId: string,
  agendaVersion: number,
  rows: readonly AgendaRow[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await editableMeeting(tx, actor, meetingId);
    const acronyms = rows.flatMap((row) => splitList(row.presenters).map((value) => value.toUpperCase()));
    const documentIds = rows.flatMap((row) =>
      [...row.documents.matchAll(uuidIn)].map((match) => match[0].toLowerCase()),
    );
    const [entityRows, documentRows] = await Promise.all([
      acronyms.length
        ? tx
            .select({ id: entities.id, acronym: entities.acronym })
            .from(entities)
            .where(inArray(sql`upper(${entities.acronym})`, acronyms))
        : [],
      documentIds.length
        ? tx
            .select({ id: documents.id })
            .from(documents)
            .where(and(inArray(documents.id, documentIds), visibleDocuments(actor)))
        : [],
    ]);
    const problems: Problem[] = [];
    const items = rows.map((row, index) => {
      const presenterIds = splitList(row.presenters).map((acronym) => {
        const entity = entityRows.find(
          (candidate) => candidate.acronym.toUpperCase() === acronym.toUpperCase(),
        );
        if (!entity)
          problems.push({
            field: `itemPresenters-${index}`,
            code: 'unknown_acronym',
            values: { name: acronym },
          });
        return entity?.id ?? '';
      });
      const rest = row.documents
        .replace(uuidIn, '')
        .replace(/https?:\/\/[^\s,]*\/documents\//gi, '')
        .replace(/\/documents\//gi, '');
      if (/[^\s,;]/.test(rest)) problems.push({ field: `itemDocuments-${index}`, code: 'bad_document_link' });
      const ids = [...row.documents.matchAll(uuidIn)].map((match) => match[0].toLowerCase());
      for (const id of ids) {
        if (!documentRows.some((document) => document.id === id)) {
          problems.push({ field: `itemDocuments-${index}`, code: 'document_not_found', values: { id } });
        }
      }
      if (row.title === '') problems.push({ field: `itemTitle-${index}`, code: 'required' });
      return {
        meetingId,
        position: index + 1,
        title: row.title,
        presenterEntityIds: presenterIds,
        documentIds: [...new Set(ids)],
      };
    });
    if (problems.length > 0) throw new InvalidInput(problems);
    const claimed = await tx
      .update(meetings)
      .set({ agendaVersion: sql`${meetings.agendaVersion} + 1` })
      .where(and(eq(meetings.id, meetingId), eq(meetings.agendaVersion, agendaVersion)))
      .returning({ id: meetings.id });
    if (claimed.length === 0) throw new StaleEdit();
    await tx.delete(agendaItems).where(eq(agendaItems.meetingId, meetingId));
    if (items.length > 0) await tx.insert(agendaItems).values(items);
    await recordAudit(tx, {
      action: 'meeting.agenda_saved',
      subjectType: 'meeting',
      subjectId: meetingId,
      ...auditedBy(actor),
      details: { items: items.length },
    });
  });
}

function splitList(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((value) => value.trim())
    .filter(Boolean);
}

/** Circulates the draft agenda to everyone who sees the meeting. Returns the invitees to tell by e-mail. */
export async function circulateAgenda(db: Db, actor: Actor, meetingId: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const meeting = await editableMeeting(tx, actor, meetingId);
    const [item] = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId))
      .limit(1);
    if (!item) throw new InvalidInput([{ field: 'form', code: 'agenda_empty' }]);
    if (meeting.agendaStatus === 'circulated') return [];
    await tx
      .update(meetings)
      .set({ agendaStatus: 'circulated', agendaCirculatedAt: new Date() })
      .where(eq(meetings.id, meetingId));
    await recordAudit(tx, {
      action: 'meeting.agenda_circulated',
      subjectType: 'meeting',
      subjectId: meetingId,
      ...auditedBy(actor),
    });
    return invitedUserIds(tx, meetingId);
  });
}

/** A line of the attendance list that could not be read, for a message naming the line. */
function attendanceLineProblem(line: number, text: string): Problem {
  return { field: 'attendees', code: 'attendance_line', values: { line, text: text.slice(0, 60) } };
}

/**
 * Records who attended, replacing the list: one representative per line, "Name; ACRONYM" for an entity
 * or "Name; ISO3" for a Member State. Every bad line is reported, and nothing is saved until all are good.
 */
export async function recordAttendance(
  db: Db,
  actor: Actor,
  meetingId: string,
  text: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    await editableMeeting(tx, actor, meetingId);
    const lines = text
      .split(/\r?\n/)
      .map((line, index) => ({ line: index + 1, text: line.trim() }))
      .filter((line) => line.text !== '');
    const [entityRows, stateRows, users] = await Promise.all([
      tx.select({ id: entities.id, acronym: entities.acronym }).from(entities),
      tx.select({ id: memberStates.id, iso3: memberStates.iso3 }).from(memberStates),
      tx
        .select({ id: user.id, name: user.name, entityId: user.entityId, memberStateId: user.memberStateId })
        .from(user),
    ]);
    const problems: Problem[] = [];
    const rows = lines.flatMap(({ line, text: content }) => {
      const [name = '', affiliation = ''] = content.split(';').map((part) => part.trim());
      const entity = entityRows.find((row) => row.acronym.toUpperCase() === affiliation.toUpperCase());
      const state = entity ? undefined : stateRows.find((row) => row.iso3 === affiliation.toUpperCase());
      if (name === '' || name.length > 200 || (!entity && !state)) {
        problems.push(attendanceLineProblem(line, content));
        return [];
      }
      const account = users.find(
        (row) => row.name === name && (entity ? row.entityId === entity.id : row.memberStateId === state?.id),
      );
      return [
        {
          meetingId,
          name,
          userId: account?.id ?? null,
          entityId: entity?.id ?? null,
          memberStateId: state?.id ?? null,
        },
      ];
    });
    if (problems.length > 0) throw new InvalidInput(problems);
    await tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
    if (rows.length > 0) await tx.insert(meetingAttendance).values(rows);
    await recordAudit(tx, {
      action: 'meeting.attendance_recorded',
      subjectType: 'meeting',
      subjectId: meetingId,
      ...auditedBy(actor),
      details: { attendees: rows.length },
    });
    return rows.length;
  });
}

/**
 * Saves the draft minutes and the decisions (one per line). Approved minutes are not edited: they must
 * be reopened by the chair first. `version` 0 means "no minutes yet".
 */
export async function saveMinutes(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: { version: number; text: string; decisions: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await editableMeeting(tx, actor, meetingId);
    const [current] = await tx
      .select()
      .from(meetingMinutes)
      .where(eq(meetingMinutes.meetingId, meetingId))
      .for('update');
    if (current?.status === 'approved') throw new InvalidInput([{ field: 'text', code: 'minutes_approved' }]);
    if ((current?.version ?? 0) !== input.version) throw new StaleEdit();
    const by = auditedBy(actor).actorUserId;
    if (current) {
      await tx
        .update(meetingMinutes)
        .set({ text: input.text, version: current.version + 1, updatedBy: by, updatedAt: new Date() })
        .where(eq(meetingMinutes.meetingId, meetingId));
    } else {
      await tx.insert(meetingMinutes).values({ meetingId, text: input.text, updatedBy: by });
    }
    const decisions = input.decisions
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    if (decisions.some((decision) => decision.length > 1000)) {
      throw new InvalidInput([{ field: 'decisions', code: 'too_long' }]);
    }
    await tx.delete(meetingDecisions).where(eq(meetingDecisions.meetingId, meetingId));
    if (decisions.length > 0) {
      await tx
        .insert(meetingDecisions)
        .values(decisions.map((decision, index) => ({ meetingId, position: index + 1, text: decision })));
    }
    await recordAudit(tx, {
      action: 'meeting.minutes_saved',
      subjectType: 'meeting',
      subjectId: meetingId,
      ...auditedBy(actor),
    });
  });
}

/** The chair (or the secretariat) approves the minutes, or reopens approved ones for correction. */
export async function setMinutesStatus(
  db: Db,
  actor: Actor,
  meetingId: string,
  version: number,
  status: 'approved' | 'draft',
): Promise<void> {
  await db.transaction(async (tx) => {
    const meeting = await editableMeeting(tx, actor, meetingId);
    if (!mayOrganise(actor, meeting.bodyId)) throw new Forbidden();
    const updated = await tx
      .update(meetingMinutes)
      .set({
        status,
        version: sql`${meetingMinutes.version} + 1`,
        approvedBy: status === 'approved' ? auditedBy(actor).actorUserId : null,
        approvedAt: status === 'approved' ? new Date() : null,
      })
      .where(and(eq(meetingMinutes.meetingId, meetingId), eq(meetingMinutes.version, version)))
      .returning({ id: meetingMinutes.meetingId });
    if (updated.length === 0) throw new StaleEdit();
    await recordAudit(tx, {
      action: status === 'approved' ? 'meeting.minutes_approved' : 'meeting.minutes_reopened',
      subjectType: 'meeting',
      subjectId: meetingId,
      ...auditedBy(actor),
    });
  });
}

/** Adds an action item owned by an entity, a person, or both (a person of that entity). */
export async function addActionItem(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: { title: string; ownerEntity: string | null; ownerUser: string | null; dueOn: string },
): Promise<string> {
  return db.transaction(async (tx) => {
    const meeting = await editableMeeting(tx, actor, meetingId);
    const problems: Problem[] = [];
    const [entity] = input.ownerEntity
      ? await tx.select({ id: entities.id }).from(entities).where(eq(entities.slug, input.ownerEntity))
      : [];
    if (input.ownerEntity && !entity) problems.push({ field: 'ownerEntity', code: 'bad_choice' });
    const [owner] = input.ownerUser
      ? await tx.select({ id: user.id }).from(user).where(eq(user.id, input.ownerUser))
      : [];
    if (input.ownerUser && !owner) problems.push({ field: 'ownerUser', code: 'bad_choice' });
    if (owner) {
      // A person owns an item only of a meeting they may see, and only for their own entity.
      const ownerViewer = await viewerOfUser(tx, owner.id, today());
      if (!ownerViewer || !canSee(ownerViewer.actor, recordOfMeeting(meeting))) {
        problems.push({ field: 'ownerUser', code: 'owner_cannot_see' });
      } else if (
        entity &&
        !(ownerViewer.actor.kind === 'entity' && ownerViewer.actor.entityId === entity.id)
      ) {
        problems.push({ field: 'ownerUser', code: 'owner_not_of_entity' });
      }
    }
    if (!input.ownerEntity && !input.ownerUser)
      problems.push({ field: 'ownerEntity', code: 'owner_required' });
    if (problems.length > 0) throw new InvalidInput(problems);
    const [row] = await tx
      .insert(actionItems)
      .values({
        meetingId,
        title: input.title,
        ownerEntityId: entity?.id ?? null,
        ownerUserId: owner?.id ?? null,
        dueOn: input.dueOn,
      })
      .returning({ id: actionItems.id });
    const itemId = (row as { id: string }).id;
    await recordAudit(tx, {
      action: 'meeting.action_item_added',
      subjectType: 'meeting',
      subjectId: meetingId,
      ...auditedBy(actor),
      details: { actionItem: itemId },
    });
    return itemId;
  });
}

/** Moves an action item on; its owner, the body's chairs and the secretariat may. */
export async function setActionItemStatus(
  db: Db,
  actor: Actor,
  itemId: string,
  input: { version: number; status: ActionItemStatus },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [item] = await tx.select().from(actionItems).where(eq(actionItems.id, itemId));
    if (!item) throw new NotFound();
    const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, item.meetingId));
    if (!meeting) throw new NotFound();
    const record = recordOfMeeting(meeting);
    if (!can(actor, 'read', record)) throw new NotFound();
    if (!mayUpdateActionItem(actor, item, mayManageMeeting(actor, meeting))) throw new Forbidden();
    await claimVersion(tx, actionItems, itemId, input.version);
    await tx.update(actionItems).set({ status: input.status }).where(eq(actionItems.id, itemId));
    await recordAudit(tx, {
      action: 'meeting.action_item_updated',
      subjectType: 'meeting',
      subjectId: item.meetingId,
      ...auditedBy(actor),
      details: { actionItem: itemId, status: input.status },
    });
  });
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new private feed address for the user; the token is shown once and only its hash is kept. */
export async function createCalendarFeed(db: Db, userId: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db.insert(calendarFeeds).values({ userId, tokenHash: hashOf(token) });
  return token;
}

/** Revokes one of the user's feed addresses; someone else's feed is not theirs to revoke. */
export async function revokeCalendarFeed(db: Db, userId: string, feedId: string): Promise<void> {
  const revoked = await db
    .update(calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(calendarFeeds.id, feedId), eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)),
    )
    .returning({ id: calendarFeeds.id });
  if (revoked.length === 0) throw new NotFound();
}

/** The account behind a live feed token, or null. */
export async function userOfFeedToken(db: Db, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const [feed] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hashOf(token)), isNull(calendarFeeds.revokedAt)));
  return feed?.userId ?? null;
}
