import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityActor } from '../../tests/helpers/actors.ts';
import { createTestDatabase, type TestDatabase } from '../../tests/helpers/database.ts';
import { auditEvents } from '../audit/schema.ts';
import { bodies } from '../bodies/schema.ts';
import { demoWorkPlans } from '../demo/workplans.ts';
import { documents, documentTypes } from '../documents/schema.ts';
import { Forbidden, InvalidInput, NotFound, StaleEdit } from '../errors.ts';
import { meetings } from '../meetings/schema.ts';
import type { Actor } from '../policy/actor.ts';
import { today } from '../web/i18n/format.ts';
import {
  addActivity,
  addOutput,
  createWorkPlan,
  deleteActivity,
  deleteOutput,
  postProgressUpdate,
  updateActivity,
  updateWorkPlan,
} from './commands.ts';
import { compactRollUp, findWorkPlan, listWorkPlans } from './queries.ts';
import { workPlanActivities, workPlans, workPlanUpdates } from './schema.ts';

let database: TestDatabase;
const secretariat: Actor = { kind: 'secretariat', userId: 'secretariat-user', entityId: null };
const anonymous: Actor = { kind: 'anonymous' };
const day = today();
const baseUrl = 'http://localhost:3000';
const bodyId: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  for (const row of await database.db.select({ id: bodies.id, slug: bodies.slug }).from(bodies))
    bodyId[row.slug] = row.id;
});
afterAll(() => database.close());

const db = () => database.db;
const failure = async (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (caught: unknown) => caught,
  );
const problemsOf = async (promise: Promise<unknown>) => {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(InvalidInput);
  return (error as InvalidInput).problems.map((problem) => `${problem.field}:${problem.code}`);
};
const planOf = async (slug: string, startYear: number) => {
  const [row] = await db()
    .select()
    .from(workPlans)
    .where(and(eq(workPlans.bodyId, bodyId[slug] as string), eq(workPlans.startYear, startYear)));
  return row as typeof workPlans.$inferSelect;
};
const planInput = (changes: Partial<Parameters<typeof createWorkPlan>[3]> = {}) => ({
  title: 'NARS work plan 2027–2028',
  summary: null,
  startYear: 2027,
  endYear: 2028,
  level: 'compact' as const,
  status: 'draft' as const,
  ...changes,
});
const activityInput = (changes: Partial<Parameters<typeof addActivity>[5]> = {}) => ({
  title: 'Regional workshop on strategies',
  description: null,
  lead: 'undp',
  partners: ['unodc', 'cted'],
  starts: '2027-Q2',
  ends: '2027-12-15',
  status: 'not_started' as const,
  ...changes,
});

describe('the demo work plans', () => {
  it('gives every working group a 2021-2022 plan with all its activities, and four current ones', async () => {
    const rows = await db().select().from(workPlans);
    expect(rows).toHaveLength(demoWorkPlans.length);
    expect(rows.filter((row) => row.startYear === 2021 && row.endYear === 2022)).toHaveLength(8);
    const activities = await db().select().from(workPlanActivities);
    const expected = demoWorkPlans.flatMap((plan) => plan.outputs.flatMap((output) => output.activities));
    expect(activities).toHaveLength(expected.length);
    expect(new Set(activities.map((row) => row.status))).toEqual(
      new Set(['not_started', 'on_track', 'at_risk', 'done', 'dropped']),
    );
    const updates = await db().select().from(workPlanUpdates);
    expect(updates.length).toBeGreaterThan(activities.length);
  });

  it('keeps every activity inside its plan’s years', async () => {
    const plans = new Map((await db().select().from(workPlans)).map((row) => [row.id, row]));
    for (const activity of await db().select().from(workPlanActivities)) {
      const plan = plans.get(activity.workPlanId) as typeof workPlans.$inferSelect;
      expect(activity.startsOn >= `${plan.startYear}-01-01`).toBe(true);
      expect(activity.endsOn <= `${plan.endYear}-12-31`).toBe(true);
    }
  });
});

describe('who sees which plan', () => {
  it('shows a members-only plan to the body’s members and the secretariat, and to nobody else', async () => {
    const etcip = await planOf('etcip', 2021);
    const interpol = await entityActor(db(), 'interpol', day);
    const unesco = await entityActor(db(), 'unesco', day);
    expect(await findWorkPlan(db(), interpol, etcip.id)).not.toBeNull();
    expect(await findWorkPlan(db(), secretariat, etcip.id)).not.toBeNull();
    expect(await findWorkPlan(db(), unesco, etcip.id)).toBeNull();
    expect(await findWorkPlan(db(), anonymous, etcip.id)).toBeNull();
    const list = await listWorkPlans(db(), unesco, { page: 1, pageSize: 50 });
    expect(list.rows.map((row) => row.id)).not.toContain(etcip.id);
    expect(list.total).toBe(demoWorkPlans.filter((plan) => plan.level !== 'body').length);
  });

  it('rolls up only what the reader may see', async () => {
    const visitor = await compactRollUp(db(), anonymous, { startYear: 2021, endYear: 2022 });
    expect(visitor.perBody.map((row) => row.body.slug)).toEqual(['gender']);
    const unesco = await compactRollUp(db(), await entityActor(db(), 'unesco', day), {
      startYear: 2021,
      endYear: 2022,
    });
    expect(unesco.perBody.map((row) => row.body.slug)).not.toContain('etcip');
    expect(unesco.plans).toBe(7);
    const all = await compactRollUp(db(), secretariat, { startYear: 2021, endYear: 2022 });
    expect(all.plans).toBe(8);
    expect(all.total.total).toBe(all.perBody.reduce((sum, row) => sum + row.rollUp.total, 0));
    expect(all.perPriority.find((row) => row.priority.code === '1.vi')?.rollUp.total).toBeGreaterThan(0);
  });
});

describe('changing a plan', () => {
  it('lets the body’s chair start a plan, refuses others, a taken period and years out of order', async () => {
    const undp = await entityActor(db(), 'undp', day);
    expect(await failure(createWorkPlan(db(), undp, bodyId.nars as string, planInput()))).toBeInstanceOf(
      Forbidden,
    );
    const chair = await entityActor(db(), 'unoct', day);
    const id = await createWorkPlan(db(), chair, bodyId.nars as string, planInput());
    expect(await problemsOf(createWorkPlan(db(), chair, bodyId.nars as string, planInput()))).toEqual([
      'startYear:workplans_period_taken',
    ]);
    expect(
      await problemsOf(
        createWorkPlan(db(), chair, bodyId.nars as string, planInput({ startYear: 2030, endYear: 2029 })),
      ),
    ).toEqual(['endYear:workplans_period_order']);
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'work_plan.created')));
    expect(event?.actorUserId).toBe('unoct-user');
  });

  it('catches two people editing at once: the second save from the same version changes nothing', async () => {
    const plan = await planOf('nars', 2027);
    const chair = await entityActor(db(), 'unoct', day);
    const outputId = await addOutput(db(), chair, plan.id, plan.version, {
      title: 'Strategies',
      description: null,
      priorities: [],
    });
    expect(
      await failure(
        addOutput(db(), chair, plan.id, plan.version, { title: 'Late', description: null, priorities: [] }),
      ),
    ).toBeInstanceOf(StaleEdit);
    const fresh = await planOf('nars', 2027);
    const activityId = await addActivity(db(), chair, plan.id, outputId, fresh.version, activityInput());
    const [activity] = await db()
      .select()
      .from(workPlanActivities)
      .where(eq(workPlanActivities.id, activityId));
    expect(activity?.startsOn).toBe('2027-04-01');
    expect(activity?.endsOn).toBe('2027-12-15');
    const results = await Promise.allSettled([
      updateActivity(
        db(),
        chair,
        plan.id,
        activityId,
        activity?.version as number,
        activityInput({ title: 'One' }),
      ),
      updateActivity(
        db(),
        secretariat,
        plan.id,
        activityId,
        activity?.version as number,
        activityInput({ title: 'Two' }),
      ),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(StaleEdit);
  });

  it('says every problem of an activity at once', async () => {
    const plan = await planOf('nars', 2027);
    const chair = await entityActor(db(), 'unoct', day);
    const [output] = (await findWorkPlan(db(), chair, plan.id))?.outputs ?? [];
    expect(
      await problemsOf(
        addActivity(
          db(),
          chair,
          plan.id,
          output?.id as string,
          plan.version,
          activityInput({
            lead: 'nobody',
            partners: ['unodc', 'ghost'],
            starts: '2026-Q4',
            ends: '2029-01-01',
          }),
        ),
      ),
    ).toEqual([
      'lead:unknown_entity',
      'partners:unknown_items',
      'starts:workplans_outside_period',
      'ends:workplans_outside_period',
    ]);
    expect(
      await problemsOf(
        updateWorkPlan(db(), chair, plan.id, plan.version, planInput({ startYear: 2028, endYear: 2028 })),
      ),
    ).toEqual(['startYear:workplans_activities_outside']);
  });

  it('deletes an output with its activities from the version confirmed, and not from an older one', async () => {
    const plan = await planOf('nars', 2027);
    const chair = await entityActor(db(), 'unoct', day);
    const detail = await findWorkPlan(db(), chair, plan.id);
    const output = detail?.outputs[0];
    expect(await failure(deleteOutput(db(), chair, plan.id, output?.id as string, 0))).toBeInstanceOf(
      StaleEdit,
    );
    const activity = output?.activities[0];
    expect(
      await failure(
        deleteActivity(db(), await entityActor(db(), 'undp', day), plan.id, activity?.id as string, 1),
      ),
    ).toBeInstanceOf(Forbidden);
    await deleteOutput(db(), chair, plan.id, output?.id as string, output?.version as number);
    expect(
      await db().select().from(workPlanActivities).where(eq(workPlanActivities.workPlanId, plan.id)),
    ).toHaveLength(0);
  });
});

describe('progress updates', () => {
  const documentAt = async (level: 'compact' | 'named', title: string) => {
    const [type] = await db().select({ id: documentTypes.id }).from(documentTypes).limit(1);
    const [row] = await db()
      .insert(documents)
      .values({
        title,
        typeId: type?.id as string,
        level,
        namedEntityIds: level === 'named' ? [bodyId.etcip as string] : [],
        publishedOn: '2022-06-01',
      })
      .returning({ id: documents.id });
    return (row as { id: string }).id;
  };

  it('lets the lead entity report, with evidence it may see, and sets the activity’s status', async () => {
    const plan = await findWorkPlan(db(), secretariat, (await planOf('bmle', 2021)).id);
    const activity = plan?.outputs
      .flatMap((output) => output.activities)
      .find((each) => each.lead.slug === 'interpol') as NonNullable<
      typeof plan
    >['outputs'][number]['activities'][number];
    const interpol = await entityActor(db(), 'interpol', day);
    const shared = await documentAt('compact', 'Shared border calendar');
    const hidden = await documentAt('named', 'Someone else’s paper');
    expect(
      await problemsOf(
        postProgressUpdate(
          db(),
          interpol,
          activity.workPlanId,
          activity.id,
          activity.version,
          {
            quarter: '2022-Q2',
            status: 'at_risk',
            text: 'Calendar delayed',
            evidence: [`/documents/${hidden}`, 'http://insecure.example.org/', 'see the minutes'],
          },
          { today: day, baseUrl },
        ),
      ),
    ).toEqual(['evidence:workplans_bad_evidence', 'evidence:workplans_unknown_document']);
    const [bmle] = await db().select({ id: bodies.id }).from(bodies).where(eq(bodies.slug, 'bmle'));
    const [row] = await db()
      .insert(meetings)
      .values({
        bodyId: bmle?.id ?? null,
        type: 'regular',
        title: 'BMLE regular meeting, Q2 2022',
        startsAt: new Date('2022-06-09T14:00:00Z'),
        endsAt: new Date('2022-06-09T16:00:00Z'),
        timeZone: 'America/New_York',
        modality: 'virtual',
        level: 'compact',
      })
      .returning({ id: meetings.id });
    const meeting = row?.id as string;
    expect(
      await problemsOf(
        postProgressUpdate(
          db(),
          interpol,
          activity.workPlanId,
          activity.id,
          activity.version,
          {
            quarter: '2022-Q2',
            status: 'at_risk',
            text: 'Calendar delayed',
            evidence: ['/meetings/7d3c1f0e-5b6a-4c2d-9e8f-001122334455'],
          },
          { today: day, baseUrl },
        ),
      ),
    ).toEqual(['evidence:workplans_unknown_meeting']);
    await postProgressUpdate(
      db(),
      interpol,
      activity.workPlanId,
      activity.id,
      activity.version,
      {
        quarter: '2022-Q4',
        status: 'at_risk',
        text: 'The calendar is late: two entities have not sent their missions.',
        evidence: [
          `${baseUrl}/documents/${shared}`,
          `/meetings/${meeting}`,
          'https://www.un.org/counterterrorism/',
        ],
      },
      { today: day, baseUrl },
    );
    const after = await findWorkPlan(db(), interpol, activity.workPlanId);
    const updated = after?.outputs
      .flatMap((output) => output.activities)
      .find((each) => each.id === activity.id);
    expect(updated?.status).toBe('at_risk');
    expect(updated?.updates[0]?.evidence.map((evidence) => evidence.kind)).toEqual([
      'document',
      'meeting',
      'url',
    ]);
    expect(updated?.updates[0]?.evidence[0]?.document?.title).toBe('Shared border calendar');
    expect(updated?.updates[0]?.evidence[1]?.meeting).toEqual({
      id: meeting,
      title: 'BMLE regular meeting, Q2 2022',
    });
    // A reader who may not see the document does not learn of it through the evidence.
    await db().update(documents).set({ level: 'named' }).where(eq(documents.id, shared));
    const hiddenNow = await findWorkPlan(db(), interpol, activity.workPlanId);
    const shown = hiddenNow?.outputs
      .flatMap((output) => output.activities)
      .find((each) => each.id === activity.id);
    expect(shown?.updates[0]?.evidence.map((evidence) => evidence.kind)).toEqual(['meeting', 'url']);
    // Nor of a meeting it may not see.
    await db().update(meetings).set({ level: 'un_system' }).where(eq(meetings.id, meeting));
    const meetingHidden = await findWorkPlan(db(), interpol, activity.workPlanId);
    const left = meetingHidden?.outputs
      .flatMap((output) => output.activities)
      .find((each) => each.id === activity.id);
    expect(left?.updates[0]?.evidence.map((evidence) => evidence.kind)).toEqual(['url']);
  });

  it('refuses a member that does not lead the activity, a future quarter and a stale activity', async () => {
    const plan = await findWorkPlan(db(), secretariat, (await planOf('bmle', 2021)).id);
    const activity = plan?.outputs
      .flatMap((output) => output.activities)
      .find((each) => each.lead.slug === 'wco') as NonNullable<
      typeof plan
    >['outputs'][number]['activities'][number];
    const update = { quarter: '2022-Q1', status: 'done' as const, text: 'Done', evidence: [] };
    const unhcr = await entityActor(db(), 'unhcr', day);
    expect(
      await failure(
        postProgressUpdate(db(), unhcr, plan?.id as string, activity.id, activity.version, update, {
          today: day,
          baseUrl,
        }),
      ),
    ).toBeInstanceOf(Forbidden);
    const wco = await entityActor(db(), 'wco', day);
    expect(
      await problemsOf(
        postProgressUpdate(db(), wco, plan?.id as string, activity.id, activity.version, update, {
          today: '2021-12-31',
          baseUrl,
        }),
      ),
    ).toEqual(['quarter:workplans_quarter_in_future']);
    expect(
      await failure(
        postProgressUpdate(db(), wco, plan?.id as string, activity.id, activity.version - 1, update, {
          today: day,
          baseUrl,
        }),
      ),
    ).toBeInstanceOf(StaleEdit);
    const kenya: Actor = { kind: 'member_state', userId: 'k', memberStateId: bodyId.pcve as string };
    expect(
      await failure(
        postProgressUpdate(db(), kenya, plan?.id as string, activity.id, activity.version, update, {
          today: day,
          baseUrl,
        }),
      ),
    ).toBeInstanceOf(NotFound);
  });
});
