/**
 * The membership timeline (issue 4): joins and departures of entities, changes of their status, and the
 * start of each chair and vice-chair term, derived from the dated history, grouped by month, newest first.
 * Plain data in and out.
 */
export type TimelineEvent =
  | { date: string; kind: 'joined' | 'left'; entity: string }
  | { date: string; kind: 'status'; entity: string; status: 'member' | 'observer' }
  | { date: string; kind: 'chair' | 'vice_chair'; entity: string; body: string };

export interface TimelineMonth {
  month: string;
  joined: string[];
  left: string[];
  statuses: { entity: string; status: 'member' | 'observer'; date: string }[];
  seats: { kind: 'chair' | 'vice_chair'; entity: string; body: string; date: string }[];
}

export function timelineEvents(
  entities: { acronym: string; joinedOn: string; leftOn: string | null }[],
  terms: { acronym: string; body: string; seat: 'chair' | 'vice_chair'; since: string }[],
  until: string,
  statusChanges: { acronym: string; status: 'member' | 'observer'; since: string; joinedOn: string }[] = [],
): TimelineEvent[] {
  const events: TimelineEvent[] = [
    ...entities.map((entity) => ({ date: entity.joinedOn, kind: 'joined' as const, entity: entity.acronym })),
    ...entities
      .filter((entity) => entity.leftOn !== null)
      .map((entity) => ({ date: entity.leftOn as string, kind: 'left' as const, entity: entity.acronym })),
    ...terms.map((term) => ({ date: term.since, kind: term.seat, entity: term.acronym, body: term.body })),
    // The first line of a status history is the joining, already on the timeline.
    ...statusChanges
      .filter((change) => change.since !== change.joinedOn)
      .map((change) => ({
        date: change.since,
        kind: 'status' as const,
        entity: change.acronym,
        status: change.status,
      })),
  ];
  return events
    .filter((event) => event.date <= until)
    .sort((a, b) => b.date.localeCompare(a.date) || a.entity.localeCompare(b.entity));
}

export function byMonth(events: TimelineEvent[]): TimelineMonth[] {
  const months = new Map<string, TimelineMonth>();
  for (const event of events) {
    const month = event.date.slice(0, 7);
    let entry = months.get(month);
    if (!entry) {
      entry = { month, joined: [], left: [], statuses: [], seats: [] };
      months.set(month, entry);
    }
    if ('body' in event)
      entry.seats.push({ kind: event.kind, entity: event.entity, body: event.body, date: event.date });
    else if (event.kind === 'status')
      entry.statuses.push({ entity: event.entity, status: event.status, date: event.date });
    else (event.kind === 'joined' ? entry.joined : entry.left).push(event.entity);
  }
  for (const entry of months.values()) {
    entry.joined.sort();
    entry.left.sort();
  }
  return [...months.values()];
}
