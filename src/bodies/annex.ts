import { earlierDay, laterDay } from '../db/periods.ts';

/**
 * "Annex II: Working group structure and composition" for any year, computed from the dated history
 * (issue 4): for each working group, its chairs and vice-chairs with the part of the year they held the
 * seat, and the entities that were members or observers at some time in the year. Plain data in, plain
 * data out.
 */
export interface DatedEntity {
  bodyId: string;
  acronym: string;
  since: string;
  until: string | null;
}

export interface AnnexGroup {
  id: string;
  shortName: string;
  name: Record<string, string> & { en: string };
  pillar: number;
  chairs: { acronym: string; from: string; to: string }[];
  viceChairs: { acronym: string; from: string; to: string }[];
  members: string[];
  observers: string[];
}

const firstDay = (year: number) => `${year}-01-01`;
const lastDay = (year: number) => `${year}-12-31`;

export function overlapsYear(period: { since: string; until: string | null }, year: number): boolean {
  return period.since <= lastDay(year) && (period.until === null || period.until >= firstDay(year));
}

/** The part of a period inside the year. */
export function clipToYear(
  period: { since: string; until: string | null },
  year: number,
): { from: string; to: string } {
  return {
    from: laterDay(period.since, firstDay(year)),
    to: earlierDay(period.until ?? lastDay(year), lastDay(year)),
  };
}

export function composeAnnex(
  year: number,
  groups: { id: string; shortName: string; name: AnnexGroup['name']; pillar: number | null }[],
  terms: (DatedEntity & { seat: 'chair' | 'vice_chair' })[],
  memberships: (DatedEntity & { role: 'member' | 'observer' })[],
): AnnexGroup[] {
  return groups
    .filter((group): group is typeof group & { pillar: number } => group.pillar !== null)
    .map((group) => {
      const seats = (seat: 'chair' | 'vice_chair') =>
        terms
          .filter((term) => term.bodyId === group.id && term.seat === seat && overlapsYear(term, year))
          .map((term) => ({ acronym: term.acronym, ...clipToYear(term, year) }))
          .sort((a, b) => a.from.localeCompare(b.from) || a.acronym.localeCompare(b.acronym));
      const participants = (role: 'member' | 'observer') =>
        [
          ...new Set(
            memberships
              .filter((row) => row.bodyId === group.id && row.role === role && overlapsYear(row, year))
              .map((row) => row.acronym),
          ),
        ].sort();
      return {
        id: group.id,
        shortName: group.shortName,
        name: group.name,
        pillar: group.pillar,
        chairs: seats('chair'),
        viceChairs: seats('vice_chair'),
        members: participants('member'),
        observers: participants('observer'),
      };
    })
    .sort((a, b) => a.pillar - b.pillar);
}
