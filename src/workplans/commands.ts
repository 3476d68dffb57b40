import { and, eq, inArray, max } from 'drizzle-orm';
import { auditedBy, recordAudit } from '../audit/record.ts';
import { bodies } from '../bodies/schema.ts';
import type { Db } from '../db/client.ts';
import { claimVersion, type Tx } from '../db/optimistic.ts';
import { entities } from '../directory/schema.ts';
import { recordOfDocument } from '../documents/rules.ts';
import { documents } from '../documents/schema.ts';
import { Forbidden, InvalidInput, NotFound, type Problem } from '../errors.ts';
import { recordOfMeeting } from '../meetings/rules.ts';
import { meetings } from '../meetings/schema.ts';
import type { Actor } from '../policy/actor.ts';
import { canSee } from '../policy/visibility.ts';
import type { ActivityInput, OutputInput, ProgressInput, WorkPlanInput } from './input.ts';
import {
  activityProblems,
  dayOfWhen,
  type EvidenceLink,
  mayCreateWorkPlan,
  mayEditWorkPlan,
  mayReportOn,
  parseEvidence,
  periodProblems,
  recordOfWorkPlan,
  statusAfterUpdate,
  updateProblems,
} from './rules.ts';
import {
  jpowPriorities,
  workPlanActivities,
  workPlanEvidence,
  workPlanOutputs,
  workPlans,
  workPlanUpdates,
} from './schema.ts';

/**
 * Every write to work plans (ADR 0026, after ADR 0020): one transaction with its audit event, the rules
 * of `rules.ts`, and optimistic locking. Adding or removing an output or activity claims the plan's
 * version, so a plan's structure changes one picture at a time; editing one output or activity claims
 * that row's version; a progress update claims its activity's, whose status it may change.
 */

async function audit(
  tx: Tx,
  actor: Actor,
  action: string,
  subject: { type: string; id: string },
  details: Record<string, unknown> = {},
) {
  await recordAudit(tx, {
    action,
    subjectType: subject.type,
    subjectId: subject.id,
    ...auditedBy(actor),
    details,
  });
}

/** The plan, for a change: NotFound when the actor may not see it, Forbidden when they may not edit it. */
async function planForChange(tx: Tx, actor: Actor, planId: string, mayChange = mayEditWorkPlan) {
  const [plan] = await tx.select().from(workPlans).where(eq(workPlans.id, planId));
  if (!plan || !canSee(actor, recordOfWorkPlan(plan))) throw new NotFound();
  if (!mayChange(actor, plan)) throw new Forbidden();
  return plan;
}

async function periodTaken(tx: Tx, bodyId: string, input: WorkPlanInput, except: string | null) {
  const rows = await tx
    .select({ id: workPlans.id })
    .from(workPlans)
    .where(
      and(
        eq(workPlans.bodyId, bodyId),
        eq(workPlans.startYear, input.startYear),
        eq(workPlans.endYear, input.endYear),
      ),
    );
  return rows.some((row) => row.id !== except);
}

/** Starts a work plan for a body (its chairs, the secretariat). Answers the new plan's id. */
export async function createWorkPlan(
  db: Db,
  actor: Actor,
  bodyId: string,
  input: WorkPlanInput,
): Promise<string> {
  if (!mayCreateWorkPlan(actor, bodyId)) throw new Forbidden();
  return db.transaction(async (tx) => {
    const [body] = await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, bodyId));
    if (!body) throw new NotFound();
    const problems: Problem[] = periodProblems(input);
    if (problems.length === 0 && (await periodTaken(tx, bodyId, input, null))) {
      problems.push({ field: 'startYear', code: 'workplans_period_taken' });
    }
    if (problems.length > 0) throw new InvalidInput(problems);
    const [row] = await tx
      .insert(workPlans)
      .values({ ...input, summary: input.summary ?? null, bodyId, createdBy: auditedBy(actor).actorUserId })
      .returning({ id: workPlans.id });
    const id = (row as { id: string }).id;
    await audit(tx, actor, 'work_plan.created', { type: 'work_plan', id }, { level: input.level });
    return id;
  });
}

/** Changes a plan's title, years, status and access level, from the version the form was loaded with. */
export async function updateWorkPlan(
  db: Db,
  actor: Actor,
  planId: string,
  version: number,
  input: WorkPlanInput,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await planForChange(tx, actor, planId);
    await claimVersion(tx, workPlans, planId, version);
    const problems: Problem[] = periodProblems(input);
    if (problems.length === 0 && (await periodTaken(tx, before.bodyId, input, planId))) {
      problems.push({ field: 'startYear', code: 'workplans_period_taken' });
    }
    if (problems.length === 0) {
      const spans = await tx
        .select({ startsOn: workPlanActivities.startsOn, endsOn: workPlanActivities.endsOn })
        .from(workPlanActivities)
        .where(eq(workPlanActivities.workPlanId, planId));
      if (spans.some((span) => activityProblems(span, input).length > 0)) {
        problems.push({ field: 'startYear', code: 'workplans_activities_outside' });
      }
    }
    if (problems.length > 0) throw new InvalidInput(problems);
    await tx
      .update(workPlans)
      .set({ ...input, summary: input.summary ?? null })
      .where(eq(workPlans.id, planId));
    await audit(
      tx,
      actor,
      'work_plan.updated',
      { type: 'work_plan', id: planId },
      before.level !== input.level ? { from: before.level, to: input.level } : {},
    );
  });
}

async function priorityIdsOf(tx: Tx, ids: readonly string[], problems: Problem[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = new Set(
    (
      await tx
        .select({ id: jpowPriorities.id })
        .from(jpowPriorities)
        .where(inArray(jpowPriorities.id, [...ids]))
    ).map((row) => row.id),
  );
  if (ids.some((id) => !found.has(id))) problems.push({ field: 'priorities', code: 'bad_choice' });
  return ids.filter((id) => found.has(id));
}

/** Adds an output at the end of the plan. */
export async function addOutput(
  db: Db,
  actor: Actor,
  planId: string,
  planVersion: number,
  input: OutputInput,
): Promise<string> {
  return db.transaction(async (tx) => {
    await planForChange(tx, actor, planId);
    await claimVersion(tx, workPlans, planId, planVersion);
    const problems: Problem[] = [];
    const priorityIds = await priorityIdsOf(tx, input.priorities, problems);
    if (problems.length > 0) throw new InvalidInput(problems);
    const [last] = await tx
      .select({ position: max(workPlanOutputs.position) })
      .from(workPlanOutputs)
      .where(eq(workPlanOutputs.workPlanId, planId));
    const [row] = await tx
      .insert(workPlanOutputs)
      .values({
        workPlanId: planId,
        position: (last?.position ?? 0) + 1,
        title: input.title,
        description: input.description ?? null,
        priorityIds,
      })
      .returning({ id: workPlanOutputs.id });
    const id = (row as { id: string }).id;
    await audit(tx, actor, 'work_plan.output_added', { type: 'work_plan', id: planId }, { outputId: id });
    return id;
  });
}

async function outputOf(tx: Tx, planId: string, outputId: string) {
  const [output] = await tx
    .select()
    .from(workPlanOutputs)
    .where(and(eq(workPlanOutputs.id, outputId), eq(workPlanOutputs.workPlanId, planId)));
  if (!output) throw new NotFound();
  return output;
}

export async function updateOutput(
  db: Db,
  actor: Actor,
  planId: string,
  outputId: string,
  version: number,
  input: OutputInput,
): Promise<void> {
  await db.transaction(async (tx) => {
    await planForChange(tx, actor, planId);
    await outputOf(tx, planId, outputId);
    await claimVersion(tx, workPlanOutputs, outputId, version);
    const problems: Problem[] = [];
    const priorityIds = await priorityIdsOf(tx, input.priorities, problems);
    if (problems.length > 0) throw new InvalidInput(problems);
    await tx
      .update(workPlanOutputs)
      .set({ title: input.title, description: input.description ?? null, priorityIds })
      .where(eq(workPlanOutputs.id, outputId));
    await audit(tx, actor, 'work_plan.output_updated', { type: 'work_plan', id: planId }, { outputId });
  });
}

/**
 * Deletes an output with its activities and their progress updates, from the version shown on the
 * confirmation page: a change made since then stops the deletion.
 */
export async function deleteOutput(
  db: Db,
  actor: Actor,
  planId: string,
  outputId: string,
  version: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    await planForChange(tx, actor, planId);
    const output = await outputOf(tx, planId, outputId);
    await claimVersion(tx, workPlanOutputs, outputId, version);
    const activities = await tx
      .select({ id: workPlanActivities.id })
      .from(workPlanActivities)
      .where(eq(workPlanActivities.outputId, outputId));
    await tx.delete(workPlanOutputs).where(eq(workPlanOutputs.id, outputId));
    await audit(
      tx,
      actor,
      'work_plan.output_deleted',
      { type: 'work_plan', id: planId },
      { outputId, title: output.title, activities: activities.length },
    );
  });
}

interface ResolvedActivity {
  title: string;
  description: string | null;
  leadEntityId: string;
  partnerEntityIds: string[];
  startsOn: string;
  endsOn: string;
  status: ActivityInput['status'];
}

/** Turns the names in an activity's input into ids and checks every rule, so a form shows all problems. */
async function resolveActivity(
  tx: Tx,
  plan: { startYear: number; endYear: number },
  input: ActivityInput,
): Promise<ResolvedActivity> {
  const problems: Problem[] = [];
  const slugs = [input.lead, ...input.partners];
  const found = await tx
    .select({ id: entities.id, slug: entities.slug })
    .from(entities)
    .where(inArray(entities.slug, slugs));
  const idOf = new Map(found.map((row) => [row.slug, row.id]));
  const leadEntityId = idOf.get(input.lead);
  if (!leadEntityId) problems.push({ field: 'lead', code: 'unknown_entity' });
  const unknown = input.partners.filter((slug) => !idOf.has(slug));
  if (unknown.length > 0) {
    problems.push({ field: 'partners', code: 'unknown_items', values: { items: unknown.join(', ') } });
  }
  const startsOn = dayOfWhen(input.starts, 'start');
  const endsOn = dayOfWhen(input.ends, 'end');
  if (!startsOn) problems.push({ field: 'starts', code: 'workplans_bad_when' });
  if (!endsOn) problems.push({ field: 'ends', code: 'workplans_bad_when' });
  if (startsOn && endsOn) problems.push(...activityProblems({ startsOn, endsOn }, plan));
  if (problems.length > 0) throw new InvalidInput(problems);
  return {
    title: input.title,
    description: input.description ?? null,
    leadEntityId: leadEntityId as string,
    partnerEntityIds: input.partners
      .flatMap((slug) => idOf.get(slug) ?? [])
      .filter((id) => id !== leadEntityId),
    startsOn: startsOn as string,
    endsOn: endsOn as string,
    status: input.status,
  };
}

/** Adds an activity at the end of an output. */
export async function addActivity(
  db: Db,
  actor: Actor,
  planId: string,
  outputId: string,
  planVersion: number,
  input: ActivityInput,
): Promise<string> {
  return db.transaction(async (tx) => {
    const plan = await planForChange(tx, actor, planId);
    await outputOf(tx, planId, outputId);
    await claimVersion(tx, workPlans, planId, planVersion);
    const values = await resolveActivity(tx, plan, input);
    const [last] = await tx
      .select({ position: max(workPlanActivities.position) })
      .from(workPlanActivities)
      .where(eq(workPlanActivities.outputId, outputId));
    const [row] = await tx
      .insert(workPlanActivities)
      .values({ ...values, workPlanId: planId, outputId, position: (last?.position ?? 0) + 1 })
      .returning({ id: workPlanActivities.id });
    const id = (row as { id: string }).id;
    await audit(tx, actor, 'work_plan.activity_added', { type: 'work_plan', id: planId }, { activityId: id });
    return id;
  });
}

async function activityOf(tx: Tx, planId: string, activityId: string) {
  const [activity] = await tx
    .select()
    .from(workPlanActivities)
    .where(and(eq(workPlanActivities.id, activityId), eq(workPlanActivities.workPlanId, planId)));
  if (!activity) throw new NotFound();
  return activity;
}

/** Changes an activity; dropping one is a status, not a deletion. */
export async function updateActivity(
  db: Db,
  actor: Actor,
  planId: string,
  activityId: string,
  version: number,
  input: ActivityInput,
): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await planForChange(tx, actor, planId);
    const before = await activityOf(tx, planId, activityId);
    await claimVersion(tx, workPlanActivities, activityId, version);
    const values = await resolveActivity(tx, plan, input);
    await tx.update(workPlanActivities).set(values).where(eq(workPlanActivities.id, activityId));
    await audit(
      tx,
      actor,
      'work_plan.activity_updated',
      { type: 'work_plan', id: planId },
      { activityId, ...(before.status !== values.status ? { from: before.status, to: values.status } : {}) },
    );
  });
}

/** Deletes an activity and its progress updates, from the version shown on the confirmation page. */
export async function deleteActivity(
  db: Db,
  actor: Actor,
  planId: string,
  activityId: string,
  version: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    await planForChange(tx, actor, planId);
    const activity = await activityOf(tx, planId, activityId);
    await claimVersion(tx, workPlanActivities, activityId, version);
    await tx.delete(workPlanActivities).where(eq(workPlanActivities.id, activityId));
    await audit(
      tx,
      actor,
      'work_plan.activity_deleted',
      { type: 'work_plan', id: planId },
      { activityId, title: activity.title },
    );
  });
}

/**
 * Resolves evidence lines: platform documents must exist and be visible to the poster (one who cannot
 * see a document cannot cite it, and learns nothing of it from the refusal); meetings are kept by id
 * until the meetings module checks them; other links must be https.
 */
async function evidenceOf(tx: Tx, actor: Actor, lines: readonly string[], baseUrl: string) {
  const problems: Problem[] = [];
  const parsed: EvidenceLink[] = [];
  const bad: string[] = [];
  for (const line of lines) {
    const link = parseEvidence(line, baseUrl);
    if (link) parsed.push(link);
    else bad.push(line);
  }
  if (bad.length > 0) {
    problems.push({ field: 'evidence', code: 'workplans_bad_evidence', values: { items: bad.join(', ') } });
  }
  const documentIds = parsed.flatMap((link) => (link.kind === 'document' ? [link.documentId] : []));
  if (documentIds.length > 0) {
    const rows = await tx.select().from(documents).where(inArray(documents.id, documentIds));
    const visible = new Set(rows.filter((row) => canSee(actor, recordOfDocument(row))).map((row) => row.id));
    const unknown = documentIds.filter((id) => !visible.has(id));
    if (unknown.length > 0) {
      problems.push({
        field: 'evidence',
        code: 'workplans_unknown_document',
        values: { items: unknown.map((id) => `/documents/${id}`).join(', ') },
      });
    }
  }
  const meetingIds = parsed.flatMap((link) => (link.kind === 'meeting' ? [link.meetingId] : []));
  if (meetingIds.length > 0) {
    const rows = await tx.select().from(meetings).where(inArray(meetings.id, meetingIds));
    const visible = new Set(rows.filter((row) => canSee(actor, recordOfMeeting(row))).map((row) => row.id));
    const unknown = meetingIds.filter((id) => !visible.has(id));
    if (unknown.length > 0) {
      problems.push({
        field: 'evidence',
        code: 'workplans_unknown_meeting',
        values: { items: unknown.map((id) => `/meetings/${id}`).join(', ') },
      });
    }
  }
  return { links: parsed, problems };
}

/**
 * Posts a quarterly progress update on an activity (its lead entity, the plan's editors) with its
 * evidence; the activity takes the update's status unless a later quarter was already reported.
 */
export async function postProgressUpdate(
  db: Db,
  actor: Actor,
  planId: string,
  activityId: string,
  activityVersion: number,
  input: ProgressInput,
  options: { today: string; baseUrl: string },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [plan] = await tx.select().from(workPlans).where(eq(workPlans.id, planId));
    if (!plan || !canSee(actor, recordOfWorkPlan(plan))) throw new NotFound();
    const activity = await activityOf(tx, planId, activityId);
    if (!mayReportOn(actor, plan, activity)) throw new Forbidden();
    await claimVersion(tx, workPlanActivities, activityId, activityVersion);
    const problems: Problem[] = [...updateProblems(input, plan, options.today)];
    const evidence = await evidenceOf(tx, actor, input.evidence, options.baseUrl);
    problems.push(...evidence.problems);
    if (problems.length > 0) throw new InvalidInput(problems);
    const [latest] = await tx
      .select({ quarter: max(workPlanUpdates.quarter) })
      .from(workPlanUpdates)
      .where(eq(workPlanUpdates.activityId, activityId));
    const [row] = await tx
      .insert(workPlanUpdates)
      .values({
        workPlanId: planId,
        activityId,
        quarter: input.quarter,
        status: input.status,
        text: input.text,
        authorUserId: auditedBy(actor).actorUserId,
        authorEntityId: auditedBy(actor).actorEntityId,
      })
      .returning({ id: workPlanUpdates.id });
    const updateId = (row as { id: string }).id;
    if (evidence.links.length > 0) {
      await tx.insert(workPlanEvidence).values(
        evidence.links.map((link, index) => ({
          updateId,
          position: index + 1,
          kind: link.kind,
          documentId: link.kind === 'document' ? link.documentId : null,
          meetingId: link.kind === 'meeting' ? link.meetingId : null,
          url: link.kind === 'url' ? link.url : null,
        })),
      );
    }
    const status = statusAfterUpdate(activity.status, latest?.quarter ?? null, input);
    if (status !== activity.status) {
      await tx.update(workPlanActivities).set({ status }).where(eq(workPlanActivities.id, activityId));
    }
    await audit(
      tx,
      actor,
      'work_plan.progress_reported',
      { type: 'work_plan', id: planId },
      { activityId, updateId, quarter: input.quarter, status: input.status },
    );
    return updateId;
  });
}
