import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { recordRestrictedRead } from '../audit/record.ts';
import { addActionItem, createMeeting } from '../meetings/commands.ts';
import { actionItemInput, meetingInput } from '../meetings/input.ts';
import {
  findMeeting,
  listMeetings,
  type MeetingDetail,
  myActionItems,
  overdueActionItems,
} from '../meetings/queries.ts';
import { isOverdue, mayManageMeeting, recordOfMeeting } from '../meetings/rules.ts';
import { actionItemStatuses, meetingTypes, modalities } from '../meetings/schema.ts';
import { mayListPeople } from '../people/visibility.ts';
import type { Actor } from '../policy/actor.ts';
import { accessLevels } from '../policy/levels.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { markDataChanged } from '../web/public-page.ts';
import { notFound, refusal, refusals, unauthenticated } from './governance.ts';
import { ApiError, json } from './schemas.ts';

const BodyRef = z.object({ slug: z.string(), shortName: z.string() }).nullable();

const MeetingSummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    type: z.enum(meetingTypes),
    startsAt: z.string().openapi({ description: 'An instant, ISO 8601 in UTC' }),
    endsAt: z.string(),
    timeZone: z.string().openapi({ description: 'Where it is held (IANA), to show it in its own zone' }),
    modality: z.enum(modalities),
    venue: z.string().nullable(),
    level: z.enum(accessLevels),
    body: BodyRef,
  })
  .openapi('MeetingSummary');

const ActionItem = z
  .object({
    id: z.uuid(),
    title: z.string(),
    dueOn: z.string(),
    status: z.enum(actionItemStatuses),
    overdue: z.boolean(),
    ownerEntity: z.string().nullable(),
    ownerPerson: z.string().nullable(),
    meeting: z.object({ id: z.uuid(), title: z.string() }),
  })
  .openapi('ActionItem');

const Meeting = MeetingSummary.extend({
  description: z.string().nullable(),
  onlineLink: z
    .string()
    .nullable()
    .openapi({ description: 'Only for invitees and organisers; null otherwise' }),
  regions: z.array(z.string()),
  invited: z.boolean(),
  registered: z.boolean(),
  agendaStatus: z.enum(['draft', 'circulated']),
  agenda: z
    .array(
      z.object({
        position: z.number().int(),
        title: z.string(),
        presenters: z.array(z.string()),
        documents: z.array(z.object({ id: z.uuid(), title: z.string() })),
      }),
    )
    .openapi({ description: 'Empty until circulated, except for organisers' }),
  attendance: z.object({ representatives: z.number().int(), represented: z.number().int() }),
  minutes: z
    .object({ status: z.enum(['draft', 'approved']), markdown: z.string(), decisions: z.array(z.string()) })
    .nullable()
    .openapi({ description: 'Approved minutes, or drafts for organisers' }),
  actionItems: z.array(ActionItem.omit({ meeting: true })),
}).openapi('Meeting');

const MeetingPage = z
  .object({
    items: z.array(MeetingSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('MeetingPage');

const ListQuery = z.object({
  body: z.string().optional(),
  type: z.enum(meetingTypes).optional(),
  region: z.string().optional(),
  modality: z.enum(modalities).optional(),
  from: z.string().optional().openapi({ description: 'Meetings ending after this instant (ISO 8601)' }),
  until: z.string().optional().openapi({ description: 'Meetings starting before this instant' }),
  page: z.string().optional(),
  pageSize: z.string().optional().openapi({ description: '1 to 100; 25 by default' }),
});

const IdParam = z.object({ id: z.uuid() });

function summaryJson(row: {
  id: string;
  title: string;
  type: (typeof meetingTypes)[number];
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  modality: (typeof modalities)[number];
  venue: string | null;
  level: string;
  body: { slug: string; shortName: string } | null;
}): z.infer<typeof MeetingSummary> {
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    timeZone: row.timeZone,
    modality: row.modality,
    venue: row.venue,
    level: row.level as (typeof accessLevels)[number],
    body: row.body ? { slug: row.body.slug, shortName: row.body.shortName } : null,
  };
}

/** A meeting as its reader may have it: the same rules as its page (link, draft agenda, draft minutes). */
function meetingJson(meeting: MeetingDetail, actor: Actor): z.infer<typeof Meeting> {
  const organiser = mayManageMeeting(actor, meeting);
  const minutesShown = meeting.minutes && (meeting.minutes.status === 'approved' || organiser);
  return {
    ...summaryJson(meeting),
    description: meeting.description,
    onlineLink: organiser || meeting.invited ? meeting.onlineLink : null,
    regions: meeting.regions,
    invited: meeting.invited,
    registered: meeting.registered,
    agendaStatus: meeting.agendaStatus,
    agenda:
      meeting.agendaStatus === 'circulated' || organiser
        ? meeting.agenda.map((item) => ({
            position: item.position,
            title: item.title,
            presenters: item.presenters.map((entity) => entity.acronym),
            documents: item.documents,
          }))
        : [],
    attendance: meeting.attendanceFigures,
    minutes:
      minutesShown && meeting.minutes
        ? { status: meeting.minutes.status, markdown: meeting.minutes.text, decisions: meeting.decisions }
        : null,
    actionItems: meeting.actionItems.map((item) => ({
      id: item.id,
      title: item.title,
      dueOn: item.dueOn,
      status: item.status,
      overdue: isOverdue(item, today()),
      ownerEntity: item.ownerEntityAcronym,
      ownerPerson: mayListPeople(actor) ? item.ownerUserName : null,
    })),
  };
}

const instantOrUndefined = (value: string | undefined) => {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** The meetings API (issue 6): the same queries, rules and policy as the pages. */
export function meetingApiRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const { db } = deps.database;
  const actorOf = (c: Context<AppEnv>): Actor => c.get('viewer')?.actor ?? { kind: 'anonymous' };
  const records = (action: 'list' | 'read' | 'edit') =>
    declarePolicy({ kind: 'records', resource: 'meeting', action });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/meetings',
      summary: 'The meetings the caller may see, in order of their start, filtered and paginated',
      middleware: records('list'),
      request: { query: ListQuery },
      responses: { 200: json(MeetingPage, 'One page of meetings') },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
      const size = Number.parseInt(query.pageSize ?? '', 10);
      const pageSize = Number.isInteger(size) && size >= 1 && size <= 100 ? size : 25;
      const result = await listMeetings(
        db,
        actorOf(c),
        {
          body: query.body,
          type: query.type,
          region: query.region,
          modality: query.modality,
          from: instantOrUndefined(query.from),
          until: instantOrUndefined(query.until),
        },
        { number: page, size: pageSize, order: 'asc' },
      );
      return c.json({ items: result.rows.map(summaryJson), total: result.total, page, pageSize }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/meetings/{id}',
      summary: 'One meeting with its agenda, attendance figures, minutes and action items',
      middleware: records('read'),
      request: { params: IdParam },
      responses: { 200: json(Meeting, 'The meeting'), 404: json(ApiError, 'No such meeting you may see') },
    }),
    async (c) => {
      const actor = actorOf(c);
      const meeting = await findMeeting(db, actor, c.req.valid('param').id);
      if (!meeting) return notFound(c);
      await recordRestrictedRead(
        db,
        actor,
        { type: 'meeting', id: meeting.id, record: recordOfMeeting(meeting) },
        'read',
      );
      return c.json(meetingJson(meeting, actor), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/meetings',
      summary:
        'Schedule a meeting (the body’s chairs, or the secretariat); times are wall-clock in `timeZone`',
      middleware: records('edit'),
      request: {
        body: {
          content: { 'application/json': { schema: meetingInput.openapi('MeetingInput') } },
          required: true,
        },
      },
      responses: { 201: json(Meeting, 'The meeting as scheduled'), ...refusals },
    }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return unauthenticated(c);
      try {
        const id = await createMeeting(db, viewer.actor, c.req.valid('json'));
        markDataChanged(c);
        const meeting = (await findMeeting(db, viewer.actor, id)) as MeetingDetail;
        return c.json(meetingJson(meeting, viewer.actor), 201);
      } catch (error) {
        return refusal(c, error) as never;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/meetings/{id}/action-items',
      summary: 'Add an action item to a meeting (its organisers)',
      middleware: records('edit'),
      request: {
        params: IdParam,
        body: {
          content: { 'application/json': { schema: actionItemInput.openapi('ActionItemInput') } },
          required: true,
        },
      },
      responses: { 201: json(z.object({ id: z.uuid() }), 'The new action item'), ...refusals },
    }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return unauthenticated(c);
      try {
        const id = await addActionItem(db, viewer.actor, c.req.valid('param').id, c.req.valid('json'));
        markDataChanged(c);
        return c.json({ id }, 201);
      } catch (error) {
        return refusal(c, error) as never;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/action-items',
      summary:
        'The caller’s open action items (theirs or their entity’s), or with `overdue=true` every overdue one they may see',
      middleware: records('list'),
      request: { query: z.object({ overdue: z.enum(['true', 'false']).optional() }) },
      responses: {
        200: json(z.object({ items: z.array(ActionItem), total: z.number().int() }), 'Action items'),
        401: json(ApiError, 'Sign in or send an API key'),
      },
    }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return unauthenticated(c);
      const items =
        c.req.valid('query').overdue === 'true'
          ? await overdueActionItems(db, viewer.actor, today())
          : await myActionItems(db, viewer.actor, today());
      return c.json(
        {
          items: items.map((item) => ({
            id: item.id,
            title: item.title,
            dueOn: item.dueOn,
            status: item.status,
            overdue: item.overdue,
            ownerEntity: item.ownerEntityAcronym,
            ownerPerson: item.ownerUserName,
            meeting: item.meeting,
          })),
          total: items.length,
        },
        200,
      );
    },
  );
}
