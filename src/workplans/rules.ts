import type { Actor } from '../policy/actor.ts';
import type { AccessLevel } from '../policy/levels.ts';
import { can } from '../policy/policy.ts';
import { canSee, type ProtectedRecord } from '../policy/visibility.ts';
import type { ActivityStatus } from './schema.ts';

/**
 * The rules of work plans (ADR 0026), as plain functions: who may do what, quarters and periods, what a
 * progress update does to its activity, the roll-up, and what an evidence link is.
 */

/** The levels a work plan may carry: any but `named`, since a plan belongs to a body, not to a list. */
export const planLevels = ['public', 'member_states', 'compact', 'un_system', 'body'] as const;
export type PlanLevel = (typeof planLevels)[number];

/**
 * A work plan as the access policy reads it. It belongs to its body, not to an entity: nobody owns it, so
 * the body's chairs (while their term lasts) and the secretariat edit it, and `body` level means the
 * body's members.
 */
export function recordOfWorkPlan(plan: { level: AccessLevel; bodyId: string }): ProtectedRecord {
  return {
    level: plan.level,
    ownerEntityId: null,
    ownerMemberStateId: null,
    bodyId: plan.bodyId,
    namedEntityIds: [],
    namedMemberStateIds: [],
  };
}

/** Who may start a work plan for a body: the secretariat, and the entity chairing it (or a vice-chair). */
export function mayCreateWorkPlan(actor: Actor, bodyId: string): boolean {
  if (actor.kind === 'secretariat') return true;
  return actor.kind === 'entity' && actor.chairedBodyIds.includes(bodyId);
}

/** Who may change a plan, its outputs and activities: the policy's edit right over the body's record. */
export function mayEditWorkPlan(actor: Actor, plan: { level: AccessLevel; bodyId: string }): boolean {
  return can(actor, 'edit', recordOfWorkPlan(plan));
}

/**
 * Who may post a progress update on an activity: whoever edits the plan, and the people of the
 * activity's lead entity, as long as they may see the plan.
 */
export function mayReportOn(
  actor: Actor,
  plan: { level: AccessLevel; bodyId: string },
  activity: { leadEntityId: string },
): boolean {
  if (mayEditWorkPlan(actor, plan)) return true;
  return (
    actor.kind === 'entity' &&
    actor.entityId === activity.leadEntityId &&
    canSee(actor, recordOfWorkPlan(plan))
  );
}

// Quarters -------------------------------------------------------------------------------------------

/** A calendar quarter, written "2022-Q3". */
export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;

const quarterPattern = /^(\d{4})-Q([1-4])$/;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseQuarter(value: string): { year: number; quarter: 1 | 2 | 3 | 4 } | null {
  const match = quarterPattern.exec(value.trim().toUpperCase());
  if (!match) return null;
  return { year: Number(match[1]), quarter: Number(match[2]) as 1 | 2 | 3 | 4 };
}

const pad = (value: number) => String(value).padStart(2, '0');

export function quarterOf(day: string): Quarter {
  const month = Number(day.slice(5, 7));
  return `${Number(day.slice(0, 4))}-Q${Math.ceil(month / 3) as 1 | 2 | 3 | 4}`;
}

export function firstDayOf(quarter: string): string {
  const parsed = parseQuarter(quarter);
  if (!parsed) throw new Error(`not a quarter: ${quarter}`);
  return `${parsed.year}-${pad((parsed.quarter - 1) * 3 + 1)}-01`;
}

export function lastDayOf(quarter: string): string {
  const parsed = parseQuarter(quarter);
  if (!parsed) throw new Error(`not a quarter: ${quarter}`);
  const month = parsed.quarter * 3;
  const last = new Date(Date.UTC(parsed.year, month, 0)).getUTCDate();
  return `${parsed.year}-${pad(month)}-${pad(last)}`;
}

function isRealDay(value: string): boolean {
  const match = dayPattern.exec(value);
  if (!match || match[1] === '0000') return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * When an activity starts or ends, as a form or the API gives it: a quarter ("2022-Q3": its first day
 * for a start, its last day for an end) or a date. Null when it is neither.
 */
export function dayOfWhen(value: string, edge: 'start' | 'end'): string | null {
  const trimmed = value.trim();
  if (parseQuarter(trimmed)) {
    const quarter = trimmed.toUpperCase();
    return edge === 'start' ? firstDayOf(quarter) : lastDayOf(quarter);
  }
  return isRealDay(trimmed) ? trimmed : null;
}

/** The quarters of a period of years, in order: 2021-Q1 ... 2022-Q4. */
export function quartersOf(startYear: number, endYear: number): Quarter[] {
  const quarters: Quarter[] = [];
  for (let year = startYear; year <= endYear; year++) {
    for (const quarter of [1, 2, 3, 4] as const) quarters.push(`${year}-Q${quarter}`);
  }
  return quarters;
}

/** Does the span of days touch this quarter? (The timeline grid fills the cell when it does.) */
export function spanTouches(span: { startsOn: string; endsOn: string }, quarter: string): boolean {
  return span.startsOn <= lastDayOf(quarter) && span.endsOn >= firstDayOf(quarter);
}

/** Quarters compare as text: "2022-Q3" < "2022-Q4" < "2023-Q1". */
export const quarterAfter = (a: string, b: string) => a > b;

/** The earlier of two quarters. */
export const earlierQuarter = (a: string, b: string): string => (quarterAfter(a, b) ? b : a);

// Problems ---------------------------------------------------------------------------------------------

export interface RuleProblem {
  field: string;
  code: string;
  values?: Record<string, string | number>;
}

/** A plan covers one to five calendar years, the last on or after the first. */
export function periodProblems(period: { startYear: number; endYear: number }): RuleProblem[] {
  if (period.endYear < period.startYear) return [{ field: 'endYear', code: 'workplans_period_order' }];
  if (period.endYear - period.startYear > 4) return [{ field: 'endYear', code: 'workplans_period_too_long' }];
  return [];
}

/** An activity's days are in order and inside its plan's years. */
export function activityProblems(
  span: { startsOn: string; endsOn: string },
  plan: { startYear: number; endYear: number },
): RuleProblem[] {
  if (span.endsOn < span.startsOn) return [{ field: 'ends', code: 'ends_before_start' }];
  const values = { start: plan.startYear, end: plan.endYear };
  const problems: RuleProblem[] = [];
  if (span.startsOn < `${plan.startYear}-01-01` || span.startsOn > `${plan.endYear}-12-31`) {
    problems.push({ field: 'starts', code: 'workplans_outside_period', values });
  }
  if (span.endsOn > `${plan.endYear}-12-31` || span.endsOn < `${plan.startYear}-01-01`) {
    problems.push({ field: 'ends', code: 'workplans_outside_period', values });
  }
  return problems;
}

/** A progress update is for a quarter of the plan's years, and not for one still to come. */
export function updateProblems(
  update: { quarter: string },
  plan: { startYear: number; endYear: number },
  today: string,
): RuleProblem[] {
  const parsed = parseQuarter(update.quarter);
  if (!parsed) return [{ field: 'quarter', code: 'workplans_bad_quarter' }];
  if (parsed.year < plan.startYear || parsed.year > plan.endYear) {
    return [
      {
        field: 'quarter',
        code: 'workplans_quarter_outside_period',
        values: { start: plan.startYear, end: plan.endYear },
      },
    ];
  }
  if (quarterAfter(update.quarter.toUpperCase(), quarterOf(today))) {
    return [{ field: 'quarter', code: 'workplans_quarter_in_future' }];
  }
  return [];
}

/**
 * The status an activity has after an update: the update's, unless a later quarter was already reported
 * (an update that fills in an earlier quarter does not undo what a later one said).
 */
export function statusAfterUpdate(
  current: ActivityStatus,
  latestReported: string | null,
  update: { quarter: string; status: ActivityStatus },
): ActivityStatus {
  if (latestReported !== null && quarterAfter(latestReported, update.quarter.toUpperCase())) return current;
  return update.status;
}

// Roll-up ----------------------------------------------------------------------------------------------

export interface RollUp {
  total: number;
  counts: Record<ActivityStatus, number>;
  /** Done as a share of the activities still planned (dropped ones left out), 0-100; null when none. */
  percentDone: number | null;
}

export const emptyCounts = (): Record<ActivityStatus, number> => ({
  not_started: 0,
  on_track: 0,
  at_risk: 0,
  done: 0,
  dropped: 0,
});

export function rollUp(counts: Partial<Record<ActivityStatus, number>>): RollUp {
  const full = { ...emptyCounts(), ...counts };
  const total = Object.values(full).reduce((sum, n) => sum + n, 0);
  const planned = total - full.dropped;
  return {
    total,
    counts: full,
    percentDone: planned > 0 ? Math.round((full.done / planned) * 100) : null,
  };
}

/** Adds roll-ups together: a body's plans, or the whole Compact. */
export function sumRollUps(rollUps: readonly RollUp[]): RollUp {
  const counts = emptyCounts();
  for (const each of rollUps) {
    for (const status of Object.keys(counts) as ActivityStatus[]) counts[status] += each.counts[status];
  }
  return rollUp(counts);
}

// Evidence ---------------------------------------------------------------------------------------------

export type EvidenceLink =
  | { kind: 'document'; documentId: string }
  | { kind: 'meeting'; meetingId: string }
  | { kind: 'url'; url: string };

const platformPath =
  /^\/(documents|meetings)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/**
 * What one evidence line points to: a document or meeting of the platform (its address, relative or on
 * `baseUrl`), or another web page over https (no credentials in it). Null when it is none of these.
 */
export function parseEvidence(line: string, baseUrl: string): EvidenceLink | null {
  const value = line.trim();
  if (value === '' || value.length > 500) return null;
  const platform = (path: string): EvidenceLink | null => {
    const match = platformPath.exec(path);
    if (!match) return null;
    const id = (match[2] as string).toLowerCase();
    return match[1]?.toLowerCase() === 'documents'
      ? { kind: 'document', documentId: id }
      : { kind: 'meeting', meetingId: id };
  };
  if (value.startsWith('/')) return platform(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.origin === new URL(baseUrl).origin) {
    const own = platform(url.pathname);
    if (own) return own;
  }
  if (url.protocol !== 'https:' || url.username || url.password || !url.hostname.includes('.')) return null;
  return { kind: 'url', url: url.href };
}
