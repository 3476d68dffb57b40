import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** What a calendar entry carries: never more than the list of meetings its reader may see already holds. */
export interface CalendarEntry {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  /** Only for invitees (the private feed, the invitation e-mail); never in a feed anyone else reads. */
  onlineLink?: string | null;
  updatedAt?: Date;
  /** A cancelled meeting stays in feeds with STATUS:CANCELLED, so that calendars remove it. */
  cancelledAt?: Date | null;
}

/**
 * An iCalendar (RFC 5545) document of meetings, each entry linking back to its page. Times are written in
 * UTC, which every calendar converts to its reader's zone; `method: REQUEST` makes an e-mailed copy an
 * invitation that mail programs offer to accept.
 */
export function calendarOf(
  baseUrl: string,
  name: string,
  entries: readonly CalendarEntry[],
  options: { method?: 'request' | 'cancel' } = {},
): string {
  const calendar = ical({
    name,
    prodId: {
      company: 'UN Global Counter-Terrorism Coordination Compact',
      product: 'Coordination Platform',
      language: 'EN',
    },
    ...(options.method === 'request' ? { method: ICalCalendarMethod.REQUEST } : {}),
    ...(options.method === 'cancel' ? { method: ICalCalendarMethod.CANCEL } : {}),
  });
  const host = new URL(baseUrl).host;
  for (const entry of entries) {
    const url = new URL(`/meetings/${entry.id}`, baseUrl).toString();
    calendar.createEvent({
      id: `${entry.id}@${host}`,
      start: entry.startsAt,
      end: entry.endsAt,
      summary: entry.title,
      location: entry.venue ?? entry.onlineLink ?? null,
      description: entry.onlineLink ? `${url}\n${entry.onlineLink}` : url,
      url,
      ...(entry.updatedAt ? { lastModified: entry.updatedAt } : {}),
      ...(entry.cancelledAt ? { status: ICalEventStatus.CANCELLED, sequence: 1 } : {}),
    });
  }
  return calendar.toString();
}
