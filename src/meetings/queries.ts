import { and, asc, desc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import { bodies } from '../bodies/schema.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import type { Tx } from '../db/optimistic.ts';
import { rowsOf } from '../db/rows.ts';
import { entities } from '../directory/schema.ts';
import { visibleDocuments } from '../documents/queries.ts';
import { documents } from '../documents/schema.ts';
import type { Actor } from '../policy/actor.ts';
import { canSee, visibleTo } from '../policy/visibility.ts';
import {
  type CountedMeeting,
  isOverdue,
  type MeetingFigures,
  meetingFigures,
  recordOfMeeting,
} from './rules.ts';
import {
  type ActionItemStatus,
  actionItems,
  agendaItems,
  calendarFeeds,
  type MeetingType,
  type Modality,
  meetingAttendance,
  meetingDecisions,
  meetingInvitations,
  meetingMinutes,
  meetingRegistrations,
  meetings,
} from './schema.ts';

/** The WHERE condition of meetings `actor` may see: every list, calendar, feed, count and export uses it. */
export const visibleMeetings = (actor: Actor): SQL =>
  visibleTo(actor, {
    level: meetings.level,
    ownerEntityId: meetings.ownerEntityId,
    bodyId: meetings.bodyId,
    namedEntityIds: meetings.namedEntityIds,
    namedMemberStateIds: meetings.namedMemberStateIds,
  });

export interface MeetingFilters {
  body?: string | undefined;
  type?: MeetingType | undefined;
  region?: string | undefined;
  modality?: Modality | undefined;
  /** Instants: meetings that end after `from` and start before `until`. */
  from?: Date | undefined;
  until?: Date | undefined;
}

export interface MeetingListRow {
  id: string;
  title: string;
  type: MeetingType;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  modality: Modality;
  venue: string | null;
  level: string;
  cancelledAt: Date | null;
  body: { slug: string; shortName: string } | null;
}

const listColumns = {
  id: meetings.id,
  title: meetings.title,
  type: meetings.type,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  timeZone: meetings.timeZone,
  modality: meetings.modality,
  venue: meetings.venue,
  level: meetings.level,
  cancelledAt: meetings.cancelledAt,
  bodySlug: bodies.slug,
  bodyShortName: bodies.shortName,
};

function conditionsOf(actor: Actor, filters: MeetingFilters): SQL {
  return and(
    visibleMeetings(actor),
    filters.body ? eq(bodies.slug, filters.body) : undefined,
    filters.type ? eq(meetings.type, filters.type) : undefined,
    filters.modality ? eq(meetings.modality, filters.modality) : undefined,
    filters.region ? sql`${filters.region} = any(${meetings.regions})` : undefined,
    filters.from ? gte(meetings.endsAt, filters.from) : undefined,
    filters.until ? lt(meetings.startsAt, filters.until) : undefined,
  ) as SQL;
}

function listRowOf(row: {
  bodySlug: string | null;
  bodyShortName: string | null;
  id: string;
  title: string;
  type: MeetingType;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  modality: Modality;
  venue: string | null;
  level: string;
  cancelledAt: Date | null;
}): MeetingListRow {
  const { bodySlug, bodyShortName, ...rest } = row;
  return { ...rest, body: bodySlug && bodyShortName ? { slug: bodySlug, shortName: bodyShortName } : null };
}

/**
 * One page of the meetings `actor` may see, with the total, in one round trip (a window count). Upcoming
 * meetings come soonest first; past ones (`order: 'desc'`) latest first.
 */
export async function listMeetings(
  db: Db,
  actor: Actor,
  filters: MeetingFilters,
  page: { number: number; size: number; order: 'asc' | 'desc' },
): Promise<{ rows: MeetingListRow[]; total: number }> {
  const rows = await db
    .select({ ...listColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(meetings)
    .leftJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(conditionsOf(actor, filters))
    .orderBy(
      page.order === 'asc' ? asc(meetings.startsAt) : desc(meetings.startsAt),
      page.order === 'asc' ? asc(meetings.id) : desc(meetings.id),
    )
    .limit(page.size)
    .offset((page.number - 1) * page.size);
  const total = rows[0]?.total ?? (page.number > 1 ? await countMeetings(db, actor, filters) : 0);
  return { rows: rows.map(({ total: _total, ...row }) => listRowOf(row)), total };
}

async function countMeetings(db: Db, actor: Actor, filters: MeetingFilters): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(meetings)
    .leftJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(conditionsOf(actor, filters));
  return row?.total ?? 0;
}

/** Every meeting `actor` may see in a span (a calendar month, a feed's window), in order. */
export async function meetingsBetween(
  db: Db,
  actor: Actor,
  filters: MeetingFilters,
  limit = 500,
): Promise<MeetingListRow[]> {
  const rows = await db
    .select(listColumns)
    .from(meetings)
    .leftJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(conditionsOf(actor, filters))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(limit);
  return rows.map(listRowOf);
}

/** The next meetings of a body that `actor` may see, for the body's home page. */
export async function upcomingMeetingsOf(db: Db, actor: Actor, bodyId: string, now = new Date()) {
  return db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      timeZone: meetings.timeZone,
    })
    .from(meetings)
    .where(
      and(
        visibleMeetings(actor),
        eq(meetings.bodyId, bodyId),
        gte(meetings.endsAt, now),
        isNull(meetings.cancelledAt),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(5);
}

/**
 * Whether the account `userId` is invited to the meeting: by name, through its entity, through a body its
 * entity sits on on the meeting's day, or through its State's UN regional group. The one definition of
 * "invited": the meeting page, the private feed and the e-mails all use it.
 */
const invitedSql = (meetingId: string | SQL, userId: string | SQL) => sql`exists (
  select 1 from "user" u
  where u.id = ${userId} and (
    exists (select 1 from meeting_invitations i where i.meeting_id = ${meetingId} and i.user_id = u.id)
    or exists (select 1 from meeting_invitations i where i.meeting_id = ${meetingId} and i.entity_id = u.entity_id)
    or exists (
      select 1 from meeting_invitations i
      join meetings mt on mt.id = i.meeting_id
      join body_memberships bm on bm.body_id = i.body_id and bm.entity_id = u.entity_id
      where i.meeting_id = ${meetingId}
        and bm.since <= (mt.starts_at at time zone 'UTC')::date
        and (bm.until is null or bm.until >= (mt.starts_at at time zone 'UTC')::date))
    or exists (
      select 1 from meeting_invitations i
      join member_states s on s.regional_group = i.regional_group
      where i.meeting_id = ${meetingId} and s.id = u.member_state_id)))`;

/** Every account the meeting's invitations reach, for the invitation e-mails and reminders. */
export async function invitedUserIds(db: Db | Tx, meetingId: string): Promise<string[]> {
  const result = await db.execute(
    sql`select x.id from "user" x where ${invitedSql(meetingId, sql`x.id`)} order by x.id`,
  );
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}

/** Is this account invited to the meeting (by name, entity, body on the meeting's day, or regional group)? */
export async function isInvitedUser(db: Db | Tx, meetingId: string, userId: string): Promise<boolean> {
  const result = await db.execute(sql`select ${invitedSql(meetingId, userId)} as invited`);
  return rowsOf<{ invited: boolean }>(result)[0]?.invited === true;
}

/** Meetings the account is invited to, for its private feed; only those it may also see. */
export async function invitedMeetingsOf(db: Db, actor: Actor, from: Date): Promise<MeetingListRow[]> {
  if (actor.kind === 'anonymous') return [];
  const rows = await db
    .select(listColumns)
    .from(meetings)
    .leftJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(
      and(visibleMeetings(actor), gte(meetings.endsAt, from), invitedSql(sql`${meetings.id}`, actor.userId)),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(500);
  return rows.map(listRowOf);
}

/** What the policy needs of one meeting, for checking a reader before anything else is loaded. */
export async function meetingAccessOf(db: Db, meetingId: string) {
  const [row] = await db
    .select({
      level: meetings.level,
      ownerEntityId: meetings.ownerEntityId,
      bodyId: meetings.bodyId,
      namedEntityIds: meetings.namedEntityIds,
      namedMemberStateIds: meetings.namedMemberStateIds,
    })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  return row ?? null;
}

/** Everything a meeting page shows, filtered for `actor`; null when the meeting is missing or hidden. */
export async function findMeeting(db: Db, actor: Actor, meetingId: string) {
  const [row] = await db
    .select({
      meeting: meetings,
      body: { id: bodies.id, slug: bodies.slug, shortName: bodies.shortName, name: bodies.name },
    })
    .from(meetings)
    .leftJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(meetings.id, meetingId));
  if (!row || !canSee(actor, recordOfMeeting(row.meeting))) return null;
  const userId = actor.kind === 'anonymous' ? null : actor.userId;
  const [agenda, invitations, attendance, minutes, decisions, items, registrations, invited] =
    await Promise.all([
      db
        .select()
        .from(agendaItems)
        .where(eq(agendaItems.meetingId, meetingId))
        .orderBy(asc(agendaItems.position)),
      db
        .select({
          kind: meetingInvitations.kind,
          bodyId: meetingInvitations.bodyId,
          entityId: meetingInvitations.entityId,
          userId: meetingInvitations.userId,
          regionalGroup: meetingInvitations.regionalGroup,
          bodySlug: bodies.slug,
          bodyName: bodies.shortName,
          entitySlug: entities.slug,
          entityAcronym: entities.acronym,
          userName: user.name,
        })
        .from(meetingInvitations)
        .leftJoin(bodies, eq(bodies.id, meetingInvitations.bodyId))
        .leftJoin(entities, eq(entities.id, meetingInvitations.entityId))
        .leftJoin(user, eq(user.id, meetingInvitations.userId))
        .where(eq(meetingInvitations.meetingId, meetingId)),
      db
        .select({
          name: meetingAttendance.name,
          entityId: meetingAttendance.entityId,
          entityAcronym: entities.acronym,
          memberStateIso3: memberStates.iso3,
          memberStateName: memberStates.name,
        })
        .from(meetingAttendance)
        .leftJoin(entities, eq(entities.id, meetingAttendance.entityId))
        .leftJoin(memberStates, eq(memberStates.id, meetingAttendance.memberStateId))
        .where(eq(meetingAttendance.meetingId, meetingId))
        .orderBy(asc(meetingAttendance.name)),
      db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meetingId)),
      db
        .select({ text: meetingDecisions.text })
        .from(meetingDecisions)
        .where(eq(meetingDecisions.meetingId, meetingId))
        .orderBy(asc(meetingDecisions.position)),
      db
        .select({
          id: actionItems.id,
          title: actionItems.title,
          dueOn: actionItems.dueOn,
          status: actionItems.status,
          version: actionItems.version,
          ownerEntityId: actionItems.ownerEntityId,
          ownerUserId: actionItems.ownerUserId,
          ownerEntityAcronym: entities.acronym,
          ownerUserName: user.name,
        })
        .from(actionItems)
        .leftJoin(entities, eq(entities.id, actionItems.ownerEntityId))
        .leftJoin(user, eq(user.id, actionItems.ownerUserId))
        .where(eq(actionItems.meetingId, meetingId))
        .orderBy(asc(actionItems.dueOn), asc(actionItems.createdAt)),
      db
        .select({ userId: meetingRegistrations.userId })
        .from(meetingRegistrations)
        .where(eq(meetingRegistrations.meetingId, meetingId)),
      userId ? isInvitedUser(db, meetingId, userId) : Promise.resolve(false),
    ]);
  const presenterIds = [...new Set(agenda.flatMap((item) => item.presenterEntityIds))];
  const documentIds = [...new Set(agenda.flatMap((item) => item.documentIds))];
  const [presenters, linkedDocuments] = await Promise.all([
    presenterIds.length
      ? db
          .select({ id: entities.id, acronym: entities.acronym })
          .from(entities)
          .where(inArray(entities.id, presenterIds))
      : [],
    documentIds.length
      ? db
          .select({ id: documents.id, title: documents.title })
          .from(documents)
          .where(and(inArray(documents.id, documentIds), visibleDocuments(actor)))
      : [],
  ]);
  const attendingEntities = new Set(
    attendance.map((row) => row.entityId ?? `state:${row.memberStateIso3 ?? ''}`),
  );
  return {
    ...row.meeting,
    body: row.body?.id ? row.body : null,
    agenda: agenda.map((item) => ({
      ...item,
      presenters: item.presenterEntityIds.flatMap((id) => presenters.filter((entity) => entity.id === id)),
      // A document the reader may not see is left out, as if it were not linked.
      documents: item.documentIds.flatMap((id) => linkedDocuments.filter((document) => document.id === id)),
    })),
    invitations,
    attendance,
    attendanceFigures: { representatives: attendance.length, represented: attendingEntities.size },
    minutes: minutes[0] ?? null,
    decisions: decisions.map((decision) => decision.text),
    actionItems: items,
    registeredCount: registrations.length,
    registered: userId !== null && registrations.some((registration) => registration.userId === userId),
    invited,
  };
}
export type MeetingDetail = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export interface ActionItemView {
  id: string;
  title: string;
  dueOn: string;
  status: ActionItemStatus;
  version: number;
  overdue: boolean;
  meeting: { id: string; title: string };
  ownerEntityAcronym: string | null;
  ownerUserName: string | null;
}

async function actionItemsWhere(
  db: Db,
  actor: Actor,
  condition: SQL,
  today: string,
): Promise<ActionItemView[]> {
  const rows = await db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      dueOn: actionItems.dueOn,
      status: actionItems.status,
      version: actionItems.version,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      ownerEntityAcronym: entities.acronym,
      ownerUserName: user.name,
    })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .leftJoin(entities, eq(entities.id, actionItems.ownerEntityId))
    .leftJoin(user, eq(user.id, actionItems.ownerUserId))
    .where(and(visibleMeetings(actor), condition))
    .orderBy(asc(actionItems.dueOn), asc(actionItems.id))
    .limit(500);
  return rows.map(({ meetingId, meetingTitle, ...item }) => ({
    ...item,
    overdue: isOverdue(item, today),
    meeting: { id: meetingId, title: meetingTitle },
  }));
}

const stillOpen = inArray(actionItems.status, ['open', 'in_progress']);

/** The action items on the actor or their entity, still open, soonest due first. */
export async function myActionItems(db: Db, actor: Actor, today: string): Promise<ActionItemView[]> {
  if (actor.kind === 'anonymous') return [];
  const entityId = actor.kind === 'entity' || actor.kind === 'secretariat' ? actor.entityId : null;
  const mine = or(
    eq(actionItems.ownerUserId, actor.userId),
    entityId ? eq(actionItems.ownerEntityId, entityId) : undefined,
  ) as SQL;
  return actionItemsWhere(db, actor, and(mine, stillOpen) as SQL, today);
}

/** Open action items past their due day, in the meetings `actor` may see. */
export async function overdueActionItems(db: Db, actor: Actor, today: string): Promise<ActionItemView[]> {
  return actionItemsWhere(db, actor, and(stillOpen, lt(actionItems.dueOn, today)) as SQL, today);
}

/** Figures of one year from the meetings `actor` may see that were not cancelled (what the report counts). */
export async function meetingFiguresOf(db: Db, actor: Actor, year: number): Promise<MeetingFigures> {
  const rows = await db
    .select({ type: meetings.type, bodyId: meetings.bodyId, bodyKind: bodies.kind })
    .from(meetings)
    .leftJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(
      and(
        visibleMeetings(actor),
        isNull(meetings.cancelledAt),
        // The year where the meeting was held: a New York meeting on the evening of 31 December is that
        // year's, though it is already the next in UTC. The index narrows to a day either side first.
        gte(meetings.startsAt, new Date(Date.UTC(year - 1, 11, 31))),
        lt(meetings.startsAt, new Date(Date.UTC(year + 1, 0, 2))),
        sql`extract(year from ${meetings.startsAt} at time zone ${meetings.timeZone}) = ${year}`,
      ),
    );
  const counted: CountedMeeting[] = rows.map((meeting) => ({ ...meeting, year }));
  return meetingFigures(counted, year);
}

/** The user's feed addresses (never the tokens), newest first. */
export async function calendarFeedsOf(db: Db, userId: string) {
  return db
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt, revokedAt: calendarFeeds.revokedAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId))
    .orderBy(desc(calendarFeeds.createdAt));
}
