import { and, gt, isNull, lte } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import type { Mailer } from '../mail/mailer.ts';
import { sendMeetingNotice } from './notices.ts';
import { invitedUserIds } from './queries.ts';
import { meetings } from './schema.ts';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Sends each meeting's reminder once, within the day before it starts, to everyone invited. A meeting is
 * claimed by setting `reminder_sent_at` first, so two instances never both send it.
 */
export async function sendDueReminders(
  deps: { database: { db: Db }; mailer: Mailer; env: { BASE_URL: string } },
  now: Date = new Date(),
): Promise<number> {
  const { db } = deps.database;
  const due = await db
    .update(meetings)
    .set({ reminderSentAt: now })
    .where(
      and(
        isNull(meetings.reminderSentAt),
        gt(meetings.startsAt, now),
        lte(meetings.startsAt, new Date(now.getTime() + dayMs)),
      ),
    )
    .returning({ id: meetings.id });
  let sent = 0;
  for (const meeting of due) {
    sent += await sendMeetingNotice(deps, meeting.id, await invitedUserIds(db, meeting.id), 'reminder');
  }
  return sent;
}

/** Runs the reminders every ten minutes in the platform's process; errors are logged, never thrown. */
export function startReminders(deps: {
  database: { db: Db };
  mailer: Mailer;
  env: { BASE_URL: string };
  log: Logger;
}): () => void {
  const run = () =>
    sendDueReminders(deps).catch((error: unknown) =>
      deps.log.error({ err: error }, 'meeting reminders failed'),
    );
  const timer = setInterval(run, 10 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
