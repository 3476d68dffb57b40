import { eq } from 'drizzle-orm';
import { viewerOfUser } from '../accounts/viewer.ts';
import type { Db } from '../db/client.ts';
import type { Mailer } from '../mail/mailer.ts';
import { canSee } from '../policy/visibility.ts';
import { today } from '../web/i18n/format.ts';
import { defaultLocale } from '../web/i18n/locales.ts';
import { translator } from '../web/i18n/translate.ts';
import { calendarOf } from './ical.ts';
import { recordOfMeeting } from './rules.ts';
import { meetings } from './schema.ts';
import { formatSpan } from './time.ts';

export type NoticeKind = 'invitation' | 'agenda' | 'reminder' | 'cancellation';

/**
 * E-mails a meeting to accounts: the invitation, the circulated agenda, or the reminder the day before,
 * each with the meeting as an iCalendar invitation. Each recipient is checked against the access policy as
 * they are today, so a message never tells someone of a meeting they may not see.
 */
export async function sendMeetingNotice(
  deps: { database: { db: Db }; mailer: Mailer; env: { BASE_URL: string } },
  meetingId: string,
  userIds: readonly string[],
  kind: NoticeKind,
): Promise<number> {
  const { db } = deps.database;
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting || userIds.length === 0) return 0;
  const t = translator(defaultLocale);
  const url = new URL(`/meetings/${meeting.id}`, deps.env.BASE_URL).toString();
  const ics = calendarOf(deps.env.BASE_URL, meeting.title, [meeting], {
    method: kind === 'cancellation' ? 'cancel' : 'request',
  });
  const when = formatSpan(defaultLocale, meeting.startsAt, meeting.endsAt, meeting.timeZone);
  let sent = 0;
  for (const userId of userIds) {
    const viewer = await viewerOfUser(db, userId, today());
    if (!viewer || !canSee(viewer.actor, recordOfMeeting(meeting))) continue;
    await deps.mailer.send({
      to: viewer.email,
      subject: t(`meetings.mail.${kind}Subject`, { title: meeting.title }),
      text: t(`meetings.mail.${kind}Body`, { title: meeting.title, when, url }),
      icalEvent: {
        method: kind === 'cancellation' ? 'cancel' : 'request',
        filename: 'meeting.ics',
        content: ics,
      },
    });
    sent += 1;
  }
  return sent;
}
