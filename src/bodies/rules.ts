/**
 * The rules that keep a body's history consistent (issue 4, ADR 0020): plain functions over plain data, so
 * the forms, the API and the demo data are held to exactly the same checks.
 */

export interface Period {
  since: string;
  /** The last day included; null while it still holds. */
  until: string | null;
}

export interface MembershipFact extends Period {
  id?: string;
  entityId: string;
  role: 'member' | 'observer';
}

export interface TermFact extends Period {
  id?: string;
  entityId: string;
  seat: 'chair' | 'vice_chair';
}

export interface SeatLimits {
  chair: number;
  vice_chair: number;
}

export type HistoryProblem =
  | { field: 'until'; code: 'ends_before_start' }
  | { field: 'since'; code: 'overlaps_own_membership' }
  | { field: 'since'; code: 'overlaps_own_term' }
  | { field: 'since'; code: 'seat_full'; seats: number }
  | { field: 'entityId'; code: 'chair_not_member' }
  | { field: 'until'; code: 'chair_outlives_membership' };

const endOf = (period: Period) => period.until ?? '9999-12-31';

export function overlaps(a: Period, b: Period): boolean {
  return a.since <= endOf(b) && b.since <= endOf(a);
}

export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Whether the periods, taken together, cover every day of `period` without a gap. */
export function covers(periods: readonly Period[], period: Period): boolean {
  const sorted = [...periods].sort((a, b) => a.since.localeCompare(b.since));
  let cursor = period.since;
  for (const candidate of sorted) {
    if (candidate.since > cursor) break;
    if (endOf(candidate) < cursor) continue;
    if (candidate.until === null) return true;
    if (period.until !== null && candidate.until >= period.until) return true;
    cursor = nextDay(candidate.until);
  }
  return false;
}

/** The most terms held at once on any day of `period`. */
function mostAtOnce(terms: readonly Period[], period: Period): number {
  const inside = terms.filter((term) => overlaps(term, period));
  const days = new Set([period.since, ...inside.map((term) => term.since)]);
  let most = 0;
  for (const day of days) {
    if (day < period.since || day > endOf(period)) continue;
    const held = inside.filter((term) => term.since <= day && endOf(term) >= day).length;
    most = Math.max(most, held);
  }
  return most;
}

const others = <T extends { id?: string }>(rows: readonly T[], candidate: { id?: string }) =>
  candidate.id === undefined ? rows : rows.filter((row) => row.id !== candidate.id);

/**
 * Problems with adding or changing one membership of a body, given the body's other memberships and its
 * chair terms: dates in order, no two overlapping memberships of the same entity, and no chair or
 * vice-chair term left without membership under it.
 */
export function membershipProblems(
  candidate: MembershipFact,
  memberships: readonly MembershipFact[],
  terms: readonly TermFact[],
): HistoryProblem[] {
  if (candidate.until !== null && candidate.until < candidate.since) {
    return [{ field: 'until', code: 'ends_before_start' }];
  }
  const problems: HistoryProblem[] = [];
  const sameEntity = others(memberships, candidate).filter((row) => row.entityId === candidate.entityId);
  if (sameEntity.some((row) => overlaps(row, candidate))) {
    problems.push({ field: 'since', code: 'overlaps_own_membership' });
  }
  const after = [...sameEntity, candidate].filter((row) => row.role === 'member');
  const ownTerms = terms.filter((term) => term.entityId === candidate.entityId);
  if (ownTerms.some((term) => !covers(after, term))) {
    problems.push({ field: 'until', code: 'chair_outlives_membership' });
  }
  return problems;
}

/** Ending a membership on `until`: the same checks as changing it. */
export function endingProblems(
  membership: MembershipFact,
  until: string,
  memberships: readonly MembershipFact[],
  terms: readonly TermFact[],
): HistoryProblem[] {
  return membershipProblems({ ...membership, until }, memberships, terms);
}

/**
 * Problems with adding or changing one chair or vice-chair term: dates in order, the entity a member of
 * the body for the whole term, no overlap with its own terms on the seat, and never more holders at once
 * than the body has seats.
 */
export function chairTermProblems(
  candidate: TermFact,
  terms: readonly TermFact[],
  memberships: readonly MembershipFact[],
  seats: SeatLimits,
): HistoryProblem[] {
  if (candidate.until !== null && candidate.until < candidate.since) {
    return [{ field: 'until', code: 'ends_before_start' }];
  }
  const problems: HistoryProblem[] = [];
  const ownMemberships = memberships.filter(
    (row) => row.entityId === candidate.entityId && row.role === 'member',
  );
  if (!covers(ownMemberships, candidate)) problems.push({ field: 'entityId', code: 'chair_not_member' });
  const sameSeat = others(terms, candidate).filter((term) => term.seat === candidate.seat);
  if (sameSeat.some((term) => term.entityId === candidate.entityId && overlaps(term, candidate))) {
    problems.push({ field: 'since', code: 'overlaps_own_term' });
  } else if (mostAtOnce(sameSeat, candidate) + 1 > seats[candidate.seat]) {
    problems.push({ field: 'since', code: 'seat_full', seats: seats[candidate.seat] });
  }
  return problems;
}
