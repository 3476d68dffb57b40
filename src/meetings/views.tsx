import { formatDate } from '../web/i18n/format.ts';
import type { Locale } from '../web/i18n/locales.ts';
import type { Translate } from '../web/i18n/translate.ts';
import type { ActionItemView, MeetingListRow } from './queries.ts';
import { formatSpan, formatStart } from './time.ts';

/**
 * When a meeting is, in its own zone, and in the reader's when that differs (the reader's zone comes from
 * their browser, see assets/timezone.js; without it the meeting's own zone is all we know).
 */
export function MeetingTime(props: {
  locale: Locale;
  t: Translate;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  viewerZone: string | null;
}) {
  const { locale, t } = props;
  const own = formatSpan(locale, props.startsAt, props.endsAt, props.timeZone);
  if (!props.viewerZone || props.viewerZone === props.timeZone) return <span>{own}</span>;
  return (
    <span>
      {formatSpan(locale, props.startsAt, props.endsAt, props.viewerZone)}{' '}
      <span class="meta">
        ({t('meetings.localTime')}: {own})
      </span>
    </span>
  );
}

/** A list of meetings: when, what, which body, how. */
export function MeetingTable(props: {
  rows: MeetingListRow[];
  locale: Locale;
  t: Translate;
  viewerZone: string | null;
  caption: string;
}) {
  const { t, locale } = props;
  return (
    <table class="data-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('meetings.when')}</th>
          <th scope="col">{t('meetings.meeting')}</th>
          <th scope="col">{t('meetings.body')}</th>
          <th scope="col">{t('meetings.type')}</th>
          <th scope="col">{t('meetings.modality')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            <td>
              <MeetingTime
                locale={locale}
                t={t}
                startsAt={row.startsAt}
                endsAt={row.endsAt}
                timeZone={row.timeZone}
                viewerZone={props.viewerZone}
              />
            </td>
            <td>
              <a href={`/meetings/${row.id}`}>{row.title}</a>
              {row.cancelledAt ? (
                <strong class="badge status-dropped"> {t('meetings.cancelled')}</strong>
              ) : null}
            </td>
            <td>
              {row.body ? (
                <a href={`/working-groups/${row.body.slug}`}>{row.body.shortName}</a>
              ) : (
                t('meetings.compactWide')
              )}
            </td>
            <td>{t(`meetingType.${row.type}`)}</td>
            <td>{t(`modality.${row.modality}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Action items with their meeting, owner, due day and status; overdue ones say so in words, not only colour. */
export function ActionItemTable(props: {
  items: ActionItemView[];
  locale: Locale;
  t: Translate;
  caption: string;
}) {
  const { t, locale } = props;
  return (
    <table class="data-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('actionItems.item')}</th>
          <th scope="col">{t('actionItems.owner')}</th>
          <th scope="col">{t('actionItems.due')}</th>
          <th scope="col">{t('actionItems.status')}</th>
          <th scope="col">{t('meetings.meeting')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr>
            <td>{item.title}</td>
            <td>{[item.ownerUserName, item.ownerEntityAcronym].filter(Boolean).join(', ')}</td>
            <td>
              {formatDate(locale, item.dueOn)}
              {item.overdue ? <strong class="badge badge-warning"> {t('actionItems.overdue')}</strong> : null}
            </td>
            <td>{t(`actionItemStatus.${item.status}`)}</td>
            <td>
              <a href={`/meetings/${item.meeting.id}#action-items`}>{item.meeting.title}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The next meetings of a body, on its home page: in each meeting's own zone (the page is shared). */
export function UpcomingMeetingList(props: {
  meetings: { id: string; title: string; startsAt: Date; timeZone: string }[];
  locale: Locale;
}) {
  return (
    <ul class="document-list">
      {props.meetings.map((meeting) => (
        <li>
          <a href={`/meetings/${meeting.id}`}>{meeting.title}</a>{' '}
          <span class="meta">{formatStart(props.locale, meeting.startsAt, meeting.timeZone)}</span>
        </li>
      ))}
    </ul>
  );
}
