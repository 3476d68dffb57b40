import { type AnyColumn, and, gte, isNull, lte, or, type SQL } from 'drizzle-orm';

/**
 * Dated facts (memberships, chair terms, participation in the Compact) hold from their first day to their
 * last day, both included; an open end means "still so". One definition for every query.
 */
export function heldOn(since: AnyColumn, until: AnyColumn, day: string): SQL {
  return and(lte(since, day), or(isNull(until), gte(until, day))) as SQL;
}

/** Dated facts that hold on at least one day between `first` and `last` (both included). */
export function heldDuring(since: AnyColumn, until: AnyColumn, first: string, last: string): SQL {
  return and(lte(since, last), or(isNull(until), gte(until, first))) as SQL;
}

/** The later of two ISO dates (YYYY-MM-DD strings sort as the days they name). */
export function laterDay(a: string, b: string): string {
  return [a, b].sort()[1] as string;
}

/** The earlier of two ISO dates. */
export function earlierDay(a: string, b: string): string {
  return [a, b].sort()[0] as string;
}
