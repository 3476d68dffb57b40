import type { Db } from '../db/client.ts';

export interface UpcomingMeeting {
  id: string;
  title: string;
  startsAt: Date;
}

/**
 * The next meetings of a body, for its home page. Meetings are not recorded on the platform yet (the
 * meetings issue), so there are none; the body page already asks this module, so that nothing but this
 * function changes when they arrive.
 */
export async function upcomingMeetingsOf(_db: Db, _bodyId: string): Promise<UpcomingMeeting[]> {
  return [];
}
