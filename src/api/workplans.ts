import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { recordRestrictedRead } from '../audit/record.ts';
import { findBody } from '../bodies/queries.ts';
import type { Actor } from '../policy/actor.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { today } from '../web/i18n/format.ts';
import { markDataChanged } from '../web/public-page.ts';
import { postProgressUpdate } from '../workplans/commands.ts';
import { progressInput } from '../workplans/input.ts';
import { findWorkPlan, listWorkPlans, type PlanSummary, type WorkPlanDetail } from '../workplans/queries.ts';
import { planLevels, type RollUp as RollUpValue, recordOfWorkPlan } from '../workplans/rules.ts';
import { activityStatuses, workPlanStatuses } from '../workplans/schema.ts';
import { notFound, refusal, refusals, unauthenticated } from './governance.ts';
import { ApiError, json, LocalizedText } from './schemas.ts';

const Status = z.enum(activityStatuses);
const RollUp = z
  .object({
    total: z.number().int(),
    counts: z.object(Object.fromEntries(activityStatuses.map((status) => [status, z.number().int()]))),
    percentDone: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Done as a share of the activities not dropped, 0-100' }),
  })
  .openapi('WorkPlanRollUp');

const BodyRef = z.object({ slug: z.string(), shortName: z.string(), name: LocalizedText });

const WorkPlanSummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    body: BodyRef,
    startYear: z.number().int(),
    endYear: z.number().int(),
    status: z.enum(workPlanStatuses),
    level: z.enum(planLevels),
    rollUp: RollUp,
  })
  .openapi('WorkPlanSummary');

const Evidence = z
  .object({
    kind: z.enum(['document', 'meeting', 'url']),
    document: z
      .object({ id: z.uuid(), title: z.string() })
      .nullable()
      .openapi({ description: 'Present only for documents the caller may see; others are left out' }),
    meeting: z
      .object({ id: z.uuid(), title: z.string() })
      .nullable()
      .openapi({ description: 'Present only for meetings the caller may see; others are left out' }),
    url: z.string().nullable(),
  })
  .openapi('WorkPlanEvidence');

const Update = z
  .object({
    id: z.uuid(),
    quarter: z.string().openapi({ example: '2022-Q3' }),
    status: Status,
    text: z.string(),
    postedAt: z.string(),
    authorEntity: z.string().nullable().openapi({ description: 'Acronym of the entity that posted it' }),
    evidence: z.array(Evidence),
  })
  .openapi('WorkPlanProgressUpdate');

const Activity = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    lead: z.string().openapi({ description: 'Slug of the lead entity' }),
    partners: z.array(z.string()),
    startsOn: z.string(),
    endsOn: z.string(),
    status: Status,
    version: z
      .number()
      .int()
      .openapi({ description: 'Send it back with a progress update: a stale one gets 409' }),
    updates: z.array(Update),
  })
  .openapi('WorkPlanActivity');

const Output = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    priorities: z.array(
      z.object({ id: z.uuid(), code: z.string(), programme: z.string(), name: LocalizedText }),
    ),
    activities: z.array(Activity),
  })
  .openapi('WorkPlanOutput');

const WorkPlan = WorkPlanSummary.extend({
  summary: z.string().nullable(),
  version: z.number().int(),
  outputs: z.array(Output),
}).openapi('WorkPlan');

const WorkPlanPage = z
  .object({
    items: z.array(WorkPlanSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('WorkPlanPage');

const ListQuery = z.object({
  body: z.string().optional().openapi({ description: 'Slug of a body', example: 'etcip' }),
  period: z.string().optional().openapi({ description: 'First and last year', example: '2021-2022' }),
  page: z.string().optional(),
  pageSize: z.string().optional().openapi({ description: '1 to 100; 20 by default' }),
});
const IdParam = z.object({ id: z.uuid() });
const UpdateParams = z.object({ id: z.uuid(), activityId: z.uuid() });

const rollUpJson = (rollUp: RollUpValue) => ({
  total: rollUp.total,
  counts: rollUp.counts,
  percentDone: rollUp.percentDone,
});

const summaryJson = (plan: PlanSummary | WorkPlanDetail) => ({
  id: plan.id,
  title: plan.title,
  body: { slug: plan.body.slug, shortName: plan.body.shortName, name: plan.body.name },
  startYear: plan.startYear,
  endYear: plan.endYear,
  status: plan.status,
  level: plan.level as (typeof planLevels)[number],
  rollUp: rollUpJson(plan.rollUp),
});

function planJson(plan: WorkPlanDetail): z.infer<typeof WorkPlan> {
  return {
    ...summaryJson(plan),
    summary: plan.summary,
    version: plan.version,
    outputs: plan.outputs.map((output) => ({
      id: output.id,
      title: output.title,
      description: output.description,
      priorities: output.priorities,
      activities: output.activities.map((activity) => ({
        id: activity.id,
        title: activity.title,
        description: activity.description,
        lead: activity.lead.slug,
        partners: activity.partners.map((partner) => partner.slug),
        startsOn: activity.startsOn,
        endsOn: activity.endsOn,
        status: activity.status,
        version: activity.version,
        updates: activity.updates.map((update) => ({
          id: update.id,
          quarter: update.quarter,
          status: update.status,
          text: update.text,
          postedAt: update.createdAt.toISOString(),
          authorEntity: update.authorEntity,
          evidence: update.evidence,
        })),
      })),
    })),
  };
}

/**
 * The work plans API (issue 6, ADR 0026): the same queries and commands as the pages, through the same
 * access policy; a plan the caller may not see answers 404 like a missing one.
 */
export function workPlanApiRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  const { db } = deps.database;
  const actorOf = (c: Context<AppEnv>): Actor => c.get('viewer')?.actor ?? { kind: 'anonymous' };
  const records = (action: 'list' | 'read' | 'edit') =>
    declarePolicy({ kind: 'records', resource: 'work_plan', action });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/work-plans',
      summary: 'The work plans the caller may see, newest period first, each with its roll-up',
      middleware: records('list'),
      request: { query: ListQuery },
      responses: { 200: json(WorkPlanPage, 'One page of work plans') },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const page = Number.parseInt(query.page ?? '1', 10);
      const size = Number.parseInt(query.pageSize ?? '20', 10);
      const pageNumber = Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
      const pageSize = Number.isInteger(size) && size >= 1 && size <= 100 ? size : 20;
      const period = /^(\d{4})-(\d{4})$/.exec(query.period ?? '');
      const body = query.body ? await findBody(db, query.body) : null;
      if (query.body && !body) return c.json({ items: [], total: 0, page: pageNumber, pageSize }, 200);
      const result = await listWorkPlans(db, actorOf(c), {
        bodyId: body?.id,
        startYear: period ? Number(period[1]) : undefined,
        endYear: period ? Number(period[2]) : undefined,
        page: pageNumber,
        pageSize,
      });
      return c.json(
        { items: result.rows.map(summaryJson), total: result.total, page: pageNumber, pageSize },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/work-plans/{id}',
      summary: 'One work plan with its outputs, activities and progress updates',
      middleware: records('read'),
      request: { params: IdParam },
      responses: {
        200: json(WorkPlan, 'The work plan'),
        404: json(ApiError, 'No such work plan you may see'),
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const plan = await findWorkPlan(db, actor, c.req.valid('param').id);
      if (!plan) return notFound(c);
      await recordRestrictedRead(
        db,
        actor,
        { type: 'work_plan', id: plan.id, record: recordOfWorkPlan(plan) },
        'read',
      );
      return c.json(planJson(plan), 200);
    },
  );

  const UpdateInput = progressInput
    .extend({ version: z.number().int().min(0).max(2_147_483_647) })
    .strict()
    .openapi('WorkPlanProgressInput');
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/work-plans/{id}/activities/{activityId}/updates',
      summary:
        'Report a quarter’s progress on an activity (its lead entity, the body’s chairs, the secretariat); `evidence` holds links',
      middleware: records('edit'),
      request: {
        params: UpdateParams,
        body: { content: { 'application/json': { schema: UpdateInput } }, required: true },
      },
      responses: { 201: json(WorkPlan, 'The work plan with the new update'), ...refusals },
    }),
    async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return unauthenticated(c);
      const { id, activityId } = c.req.valid('param');
      const input = c.req.valid('json');
      try {
        await postProgressUpdate(db, viewer.actor, id, activityId, input.version, input, {
          today: today(),
          baseUrl: deps.env.BASE_URL,
        });
        markDataChanged(c);
        return c.json(planJson((await findWorkPlan(db, viewer.actor, id)) as WorkPlanDetail), 201);
      } catch (error) {
        return refusal(c, error) as never;
      }
    },
  );
}
