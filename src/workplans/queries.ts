import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import { bodies } from '../bodies/schema.ts';
import type { Db } from '../db/client.ts';
import { entities } from '../directory/schema.ts';
import { recordOfDocument } from '../documents/rules.ts';
import { documents } from '../documents/schema.ts';
import { recordOfMeeting } from '../meetings/rules.ts';
import { meetings } from '../meetings/schema.ts';
import type { Actor } from '../policy/actor.ts';
import { canSee, visibleTo } from '../policy/visibility.ts';
import type { LocalizedText } from '../web/i18n/locales.ts';
import { emptyCounts, type RollUp, recordOfWorkPlan, rollUp, sumRollUps } from './rules.ts';
import {
  type ActivityStatus,
  jpowPriorities,
  workPlanActivities,
  workPlanEvidence,
  workPlanOutputs,
  workPlans,
  workPlanUpdates,
} from './schema.ts';

/**
 * The plans `actor` may see: every list, count, roll-up and export starts from this (ADR 0013). A plan
 * has no owning entity (rules.ts), so the policy's owner grant never matches one.
 */
export const visiblePlans = (actor: Actor): SQL =>
  visibleTo(actor, { level: workPlans.level, bodyId: workPlans.bodyId });

export interface PlanFilters {
  bodyId?: string | undefined;
  startYear?: number | undefined;
  endYear?: number | undefined;
}

const filtersOf = (actor: Actor, filters: PlanFilters) =>
  and(
    visiblePlans(actor),
    filters.bodyId ? eq(workPlans.bodyId, filters.bodyId) : undefined,
    filters.startYear ? eq(workPlans.startYear, filters.startYear) : undefined,
    filters.endYear ? eq(workPlans.endYear, filters.endYear) : undefined,
  );

/** Activities by status for each of these plans. */
async function rollUpsOf(db: Db, planIds: readonly string[]): Promise<Map<string, RollUp>> {
  if (planIds.length === 0) return new Map();
  const rows = await db
    .select({ planId: workPlanActivities.workPlanId, status: workPlanActivities.status, n: count() })
    .from(workPlanActivities)
    .where(inArray(workPlanActivities.workPlanId, [...planIds]))
    .groupBy(workPlanActivities.workPlanId, workPlanActivities.status);
  const counts = new Map<string, Record<ActivityStatus, number>>();
  for (const row of rows) {
    const each = counts.get(row.planId) ?? emptyCounts();
    each[row.status] = Number(row.n);
    counts.set(row.planId, each);
  }
  return new Map(planIds.map((id) => [id, rollUp(counts.get(id) ?? {})]));
}

export interface PlanSummary {
  id: string;
  title: string;
  startYear: number;
  endYear: number;
  status: 'draft' | 'adopted';
  level: (typeof workPlans.level.enumValues)[number];
  updatedAt: Date;
  body: { id: string; slug: string; shortName: string; name: LocalizedText };
  rollUp: RollUp;
}

/** One page of the plans `actor` may see, newest period first, each with its roll-up. */
export async function listWorkPlans(
  db: Db,
  actor: Actor,
  filters: PlanFilters & { page: number; pageSize: number },
): Promise<{ rows: PlanSummary[]; total: number }> {
  const where = filtersOf(actor, filters);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: workPlans.id,
        title: workPlans.title,
        startYear: workPlans.startYear,
        endYear: workPlans.endYear,
        status: workPlans.status,
        level: workPlans.level,
        updatedAt: workPlans.updatedAt,
        body: { id: bodies.id, slug: bodies.slug, shortName: bodies.shortName, name: bodies.name },
      })
      .from(workPlans)
      .innerJoin(bodies, eq(bodies.id, workPlans.bodyId))
      .where(where)
      .orderBy(desc(workPlans.startYear), asc(bodies.sortOrder), asc(workPlans.id))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    db.select({ n: count() }).from(workPlans).where(where),
  ]);
  const rollUps = await rollUpsOf(
    db,
    rows.map((row) => row.id),
  );
  return {
    rows: rows.map((row) => ({ ...row, rollUp: rollUps.get(row.id) ?? rollUp({}) })),
    total: Number(total?.n ?? 0),
  };
}

/** The periods of the plans `actor` may see, newest first: the roll-up's choices. */
export async function periodsOf(db: Db, actor: Actor): Promise<{ startYear: number; endYear: number }[]> {
  return db
    .selectDistinct({ startYear: workPlans.startYear, endYear: workPlans.endYear })
    .from(workPlans)
    .where(visiblePlans(actor))
    .orderBy(desc(workPlans.startYear), desc(workPlans.endYear));
}

/** The Joint Programme of Work's priorities, in their order. */
export async function listPriorities(db: Db) {
  return db
    .select({
      id: jpowPriorities.id,
      code: jpowPriorities.code,
      programme: jpowPriorities.programme,
      name: jpowPriorities.name,
    })
    .from(jpowPriorities)
    .orderBy(asc(jpowPriorities.programme), asc(jpowPriorities.sortOrder), asc(jpowPriorities.code));
}
export type Priority = Awaited<ReturnType<typeof listPriorities>>[number];

export interface EvidenceView {
  kind: 'document' | 'meeting' | 'url';
  /** Document evidence: the title, present only because the reader may see the document. */
  document: { id: string; title: string } | null;
  /** Meeting evidence, likewise present only because the reader may see the meeting. */
  meeting: { id: string; title: string } | null;
  url: string | null;
}

/**
 * A plan with its outputs, activities and progress updates, or null when it does not exist or `actor`
 * may not see it. Evidence pointing to a document or a meeting the reader may not see is left out
 * altogether: its title, and the fact that it exists, stay hidden (ADR 0013).
 */
export async function findWorkPlan(db: Db, actor: Actor, planId: string) {
  const [found] = await db
    .select({
      plan: workPlans,
      body: { id: bodies.id, slug: bodies.slug, shortName: bodies.shortName, name: bodies.name },
    })
    .from(workPlans)
    .innerJoin(bodies, eq(bodies.id, workPlans.bodyId))
    .where(eq(workPlans.id, planId));
  if (!found || !canSee(actor, recordOfWorkPlan(found.plan))) return null;
  const [outputs, activities, updates, evidence, priorities] = await Promise.all([
    db
      .select()
      .from(workPlanOutputs)
      .where(eq(workPlanOutputs.workPlanId, planId))
      .orderBy(asc(workPlanOutputs.position), asc(workPlanOutputs.createdAt)),
    db
      .select({
        activity: workPlanActivities,
        lead: { id: entities.id, slug: entities.slug, acronym: entities.acronym },
      })
      .from(workPlanActivities)
      .innerJoin(entities, eq(entities.id, workPlanActivities.leadEntityId))
      .where(eq(workPlanActivities.workPlanId, planId))
      .orderBy(asc(workPlanActivities.position), asc(workPlanActivities.createdAt)),
    db
      .select({
        id: workPlanUpdates.id,
        activityId: workPlanUpdates.activityId,
        quarter: workPlanUpdates.quarter,
        status: workPlanUpdates.status,
        text: workPlanUpdates.text,
        createdAt: workPlanUpdates.createdAt,
        authorName: user.name,
        authorEntity: entities.acronym,
      })
      .from(workPlanUpdates)
      .leftJoin(user, eq(user.id, workPlanUpdates.authorUserId))
      .leftJoin(entities, eq(entities.id, workPlanUpdates.authorEntityId))
      .where(eq(workPlanUpdates.workPlanId, planId))
      .orderBy(desc(workPlanUpdates.quarter), desc(workPlanUpdates.createdAt)),
    db
      .select({
        updateId: workPlanEvidence.updateId,
        kind: workPlanEvidence.kind,
        url: workPlanEvidence.url,
        meeting: {
          id: meetings.id,
          title: meetings.title,
          level: meetings.level,
          ownerEntityId: meetings.ownerEntityId,
          bodyId: meetings.bodyId,
          namedEntityIds: meetings.namedEntityIds,
          namedMemberStateIds: meetings.namedMemberStateIds,
        },
        document: {
          id: documents.id,
          title: documents.title,
          level: documents.level,
          ownerEntityId: documents.ownerEntityId,
          ownerMemberStateId: documents.ownerMemberStateId,
          bodyId: documents.bodyId,
          namedEntityIds: documents.namedEntityIds,
          namedMemberStateIds: documents.namedMemberStateIds,
        },
      })
      .from(workPlanEvidence)
      .innerJoin(workPlanUpdates, eq(workPlanUpdates.id, workPlanEvidence.updateId))
      .leftJoin(documents, eq(documents.id, workPlanEvidence.documentId))
      .leftJoin(meetings, eq(meetings.id, workPlanEvidence.meetingId))
      .where(eq(workPlanUpdates.workPlanId, planId))
      .orderBy(asc(workPlanEvidence.position)),
    listPriorities(db),
  ]);
  const partnerIds = [...new Set(activities.flatMap((row) => row.activity.partnerEntityIds))];
  const partners =
    partnerIds.length > 0
      ? await db
          .select({ id: entities.id, slug: entities.slug, acronym: entities.acronym })
          .from(entities)
          .where(inArray(entities.id, partnerIds))
      : [];
  const partnerById = new Map(partners.map((row) => [row.id, row]));
  const priorityById = new Map(priorities.map((row) => [row.id, row]));

  const evidenceByUpdate = new Map<string, EvidenceView[]>();
  for (const row of evidence) {
    if (row.kind === 'document' && (!row.document || !canSee(actor, recordOfDocument(row.document))))
      continue;
    if (row.kind === 'meeting' && (!row.meeting || !canSee(actor, recordOfMeeting(row.meeting)))) continue;
    const list = evidenceByUpdate.get(row.updateId) ?? [];
    list.push({
      kind: row.kind,
      document:
        row.kind === 'document' && row.document ? { id: row.document.id, title: row.document.title } : null,
      meeting:
        row.kind === 'meeting' && row.meeting ? { id: row.meeting.id, title: row.meeting.title } : null,
      url: row.url,
    });
    evidenceByUpdate.set(row.updateId, list);
  }
  const updatesByActivity = new Map<string, (typeof updates)[number][]>();
  for (const update of updates) {
    updatesByActivity.set(update.activityId, [...(updatesByActivity.get(update.activityId) ?? []), update]);
  }
  const shapedActivities = activities.map(({ activity, lead }) => ({
    ...activity,
    lead,
    partners: activity.partnerEntityIds.flatMap((id) => partnerById.get(id) ?? []),
    updates: (updatesByActivity.get(activity.id) ?? []).map((update) => ({
      ...update,
      evidence: evidenceByUpdate.get(update.id) ?? [],
    })),
  }));
  const counts = emptyCounts();
  for (const activity of shapedActivities) counts[activity.status] += 1;
  return {
    ...found.plan,
    body: found.body,
    rollUp: rollUp(counts),
    outputs: outputs.map((output) => ({
      ...output,
      priorities: output.priorityIds.flatMap((id) => priorityById.get(id) ?? []),
      activities: shapedActivities.filter((activity) => activity.outputId === output.id),
    })),
  };
}

export type WorkPlanDetail = NonNullable<Awaited<ReturnType<typeof findWorkPlan>>>;
export type ActivityDetail = WorkPlanDetail['outputs'][number]['activities'][number];

export interface BodyRollUp {
  body: { id: string; slug: string; shortName: string; name: LocalizedText };
  plans: number;
  rollUp: RollUp;
}

export interface PriorityRollUp {
  priority: Priority;
  outputs: number;
  rollUp: RollUp;
}

/**
 * The Compact's roll-up over the plans `actor` may see (of one period, when given): per body, per Joint
 * Programme priority, and in all. An activity counts once for each priority its output serves.
 */
export async function compactRollUp(db: Db, actor: Actor, filters: PlanFilters = {}) {
  const [rows, bodyRows, priorities] = await Promise.all([
    db
      .select({
        planId: workPlans.id,
        bodyId: workPlans.bodyId,
        outputId: workPlanOutputs.id,
        priorityIds: workPlanOutputs.priorityIds,
        status: workPlanActivities.status,
      })
      .from(workPlans)
      .leftJoin(workPlanOutputs, eq(workPlanOutputs.workPlanId, workPlans.id))
      .leftJoin(workPlanActivities, eq(workPlanActivities.outputId, workPlanOutputs.id))
      .where(filtersOf(actor, filters)),
    db
      .select({ id: bodies.id, slug: bodies.slug, shortName: bodies.shortName, name: bodies.name })
      .from(bodies)
      .orderBy(asc(bodies.sortOrder), asc(bodies.shortName)),
    listPriorities(db),
  ]);
  const byBody = new Map<string, { plans: Set<string>; counts: Record<ActivityStatus, number> }>();
  const byPriority = new Map<string, { outputs: Set<string>; counts: Record<ActivityStatus, number> }>();
  for (const row of rows) {
    const body = byBody.get(row.bodyId) ?? { plans: new Set(), counts: emptyCounts() };
    body.plans.add(row.planId);
    if (row.status) body.counts[row.status] += 1;
    byBody.set(row.bodyId, body);
    for (const priorityId of row.priorityIds ?? []) {
      const priority = byPriority.get(priorityId) ?? { outputs: new Set(), counts: emptyCounts() };
      if (row.outputId) priority.outputs.add(row.outputId);
      if (row.status) priority.counts[row.status] += 1;
      byPriority.set(priorityId, priority);
    }
  }
  const perBody: BodyRollUp[] = bodyRows.flatMap((body) => {
    const found = byBody.get(body.id);
    return found ? [{ body, plans: found.plans.size, rollUp: rollUp(found.counts) }] : [];
  });
  const perPriority: PriorityRollUp[] = priorities.map((priority) => {
    const found = byPriority.get(priority.id);
    return {
      priority,
      outputs: found?.outputs.size ?? 0,
      rollUp: rollUp(found?.counts ?? {}),
    };
  });
  return {
    perBody,
    perPriority,
    total: sumRollUps(perBody.map((row) => row.rollUp)),
    plans: perBody.reduce((sum, row) => sum + row.plans, 0),
  };
}

/** A body's latest plan `actor` may see, with its roll-up: the summary on the body's home page. */
export async function latestPlanOf(db: Db, actor: Actor, bodyId: string): Promise<PlanSummary | null> {
  const { rows } = await listWorkPlans(db, actor, { bodyId, page: 1, pageSize: 1 });
  return rows[0] ?? null;
}
