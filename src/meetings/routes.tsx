import { and, asc, eq, isNotNull, or } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { user } from '../accounts/schema.ts';
import { viewerOfUser } from '../accounts/viewer.ts';
import { recordRestrictedRead } from '../audit/record.ts';
import { bodies } from '../bodies/schema.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import { isUuid } from '../directory/queries.ts';
import { entities } from '../directory/schema.ts';
import { DomainError } from '../errors.ts';
import { mayListPeople } from '../people/visibility.ts';
import type { Actor } from '../policy/actor.ts';
import { accessLevels } from '../policy/levels.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import { canSee } from '../policy/visibility.ts';
import { assetPaths } from '../web/assets.ts';
import { fieldErrorsOf, formFailure, readInput } from '../web/command-errors.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import {
  asList,
  asText,
  CheckboxGroup,
  ErrorSummary,
  Field,
  type FieldErrors,
  MultiSelect,
  Select,
  TextArea,
  VersionField,
} from '../web/forms.tsx';
import { formatDate, formatNumber, today } from '../web/i18n/format.ts';
import type { Locale } from '../web/i18n/locales.ts';
import type { Translate } from '../web/i18n/translate.ts';
import { Layout } from '../web/layout.tsx';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { markDataChanged, sendPublicPage } from '../web/public-page.ts';
import { respondWithCalendar } from './calendar-response.ts';
import {
  type AgendaRow,
  addActionItem,
  cancelMeeting,
  circulateAgenda,
  createCalendarFeed,
  createMeeting,
  recordAttendance,
  register,
  revokeCalendarFeed,
  saveAgenda,
  saveMinutes,
  setActionItemStatus,
  setInvitations,
  setMinutesStatus,
  unregister,
  updateMeeting,
  userOfFeedToken,
} from './commands.ts';
import { calendarOf } from './ical.ts';
import {
  actionItemInput,
  actionItemStatusInput,
  agendaInput,
  attendanceInput,
  cancellationInput,
  invitationInput,
  meetingEditInput,
  meetingInput,
  minutesInput,
} from './input.ts';
import { minutesHtml } from './markdown.ts';
import { sendMeetingNotice } from './notices.ts';
import {
  calendarFeedsOf,
  findMeeting,
  invitedMeetingsOf,
  listMeetings,
  type MeetingDetail,
  meetingAccessOf,
  meetingFiguresOf,
  meetingsBetween,
  myActionItems,
  overdueActionItems,
} from './queries.ts';
import { mayManageMeeting, mayOrganise, mayUpdateActionItem, recordOfMeeting } from './rules.ts';
import { actionItemStatuses, meetingRegistrations, meetingTypes, modalities } from './schema.ts';
import { dayIn, isTimeZone, wallClockOf } from './time.ts';
import { ActionItemTable, MeetingTable, MeetingTime } from './views.tsx';

type Values = Record<string, string | string[]>;

const pageSize = 25;

const listParams = z.object({
  body: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
  type: z.enum(meetingTypes).optional().catch(undefined),
  region: z.string().max(60).optional().catch(undefined),
  modality: z.enum(modalities).optional().catch(undefined),
  when: z.enum(['upcoming', 'past']).catch('upcoming').default('upcoming'),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});
type ListParams = z.infer<typeof listParams>;
const filterNames = ['body', 'type', 'region', 'modality'] as const;

function cleaned(query: Record<string, string>) {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

function hrefOf(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '' && !(key === 'page' && value === 1))
      search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const actorOf = (c: Context<AppEnv>): Actor => c.get('viewer')?.actor ?? { kind: 'anonymous' };

/** The reader's time zone, as their browser reported it (assets/timezone.js); null until it has. */
function viewerZoneOf(c: Context<AppEnv>): string | null {
  const zone = getCookie(c, 'tz');
  return zone && isTimeZone(zone) ? zone : null;
}

const meetingRecords = (action: 'list' | 'read' | 'edit' | 'export') =>
  declarePolicy({ kind: 'records', resource: 'meeting', action });

/** The bodies the actor may schedule meetings for, and whether they may schedule Compact-wide ones. */
async function organisableBodies(db: Db, actor: Actor) {
  const rows = await db
    .select({ id: bodies.id, slug: bodies.slug, shortName: bodies.shortName })
    .from(bodies)
    .orderBy(asc(bodies.sortOrder));
  return rows.filter((body) => mayOrganise(actor, body.id));
}

async function regionalGroupsOf(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ group: memberStates.regionalGroup }).from(memberStates);
  return rows.map((row) => row.group).sort();
}

/** The filters shared by the list and the calendar: body, type, UN regional group, modality. */
function FilterForm(props: {
  t: Translate;
  action: string;
  params: Partial<Record<(typeof filterNames)[number], string>>;
  bodies: { slug: string; shortName: string }[];
  groups: string[];
  hidden: Record<string, string>;
}) {
  const { t, params } = props;
  return (
    <form method="get" action={props.action} class="filters" aria-label={t('meetings.filters')}>
      {Object.entries(props.hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <Select
        name="body"
        label={t('meetings.body')}
        placeholder={t('meetings.anyBody')}
        options={props.bodies.map((body) => ({ value: body.slug, label: body.shortName }))}
        value={params.body}
      />
      <Select
        name="type"
        label={t('meetings.type')}
        placeholder={t('meetings.anyType')}
        options={meetingTypes.map((type) => ({ value: type, label: t(`meetingType.${type}`) }))}
        value={params.type}
      />
      <Select
        name="region"
        label={t('meetings.region')}
        placeholder={t('meetings.anyRegion')}
        options={props.groups.map((group) => ({ value: group, label: group }))}
        value={params.region}
      />
      <Select
        name="modality"
        label={t('meetings.modality')}
        placeholder={t('meetings.anyModality')}
        options={modalities.map((modality) => ({ value: modality, label: t(`modality.${modality}`) }))}
        value={params.modality}
      />
      <button class="button" type="submit">
        {t('meetings.filter')}
      </button>
    </form>
  );
}

/** Links between the views of meetings, on each of them. */
function MeetingsNav(props: { t: Translate; signedIn: boolean; mayOrganise: boolean }) {
  const { t } = props;
  return (
    <nav aria-label={t('meetings.views')} class="filters">
      <a href="/meetings">{t('meetings.listView')}</a>
      <a href="/calendar">{t('meetings.monthView')}</a>
      <a href="/meetings/figures">{t('meetings.figures')}</a>
      {props.signedIn ? <a href="/action-items">{t('actionItems.mine')}</a> : null}
      {props.signedIn ? <a href="/action-items/overdue">{t('actionItems.overdueTitle')}</a> : null}
      {props.signedIn ? <a href="/account/calendar">{t('feeds.title')}</a> : null}
      {props.mayOrganise ? (
        <a class="button" href="/meetings/new">
          {t('meetings.schedule')}
        </a>
      ) : null}
    </nav>
  );
}

/** The meeting form's values from a stored meeting, in its own zone. */
function valuesOfMeeting(meeting: MeetingDetail): Values {
  const start = wallClockOf(meeting.startsAt, meeting.timeZone);
  const end = wallClockOf(meeting.endsAt, meeting.timeZone);
  return {
    version: String(meeting.version),
    title: meeting.title,
    description: meeting.description ?? '',
    type: meeting.type,
    body: meeting.body?.slug ?? '',
    startDay: start.day,
    startTime: start.time,
    endDay: end.day,
    endTime: end.time,
    timeZone: meeting.timeZone,
    modality: meeting.modality,
    venue: meeting.venue ?? '',
    onlineLink: meeting.onlineLink ?? '',
    level: meeting.level,
    regions: meeting.regions,
  };
}

function MeetingFields(props: {
  t: Translate;
  values: Values;
  errors: FieldErrors;
  bodies: { slug: string; shortName: string }[];
  mayChooseCompact: boolean;
  groups: string[];
}) {
  const { t, values, errors } = props;
  return (
    <>
      <Field
        name="title"
        label={t('meetings.fieldTitle')}
        value={asText(values.title)}
        error={errors.title}
      />
      <Select
        name="type"
        label={t('meetings.type')}
        options={meetingTypes.map((type) => ({ value: type, label: t(`meetingType.${type}`) }))}
        value={asText(values.type) || 'regular'}
        error={errors.type}
      />
      <Select
        name="body"
        label={t('meetings.body')}
        {...(props.mayChooseCompact ? { placeholder: t('meetings.compactWide') } : {})}
        options={props.bodies.map((body) => ({ value: body.slug, label: body.shortName }))}
        value={asText(values.body)}
        error={errors.body}
      />
      <fieldset>
        <legend>{t('meetings.whenLegend')}</legend>
        <Field
          name="timeZone"
          label={t('meetings.fieldTimeZone')}
          hint={t('meetings.timeZoneHint')}
          value={asText(values.timeZone)}
          error={errors.timeZone}
        />
        <Field
          name="startDay"
          type="date"
          label={t('meetings.fieldStartDay')}
          value={asText(values.startDay)}
          error={errors.startDay}
        />
        <Field
          name="startTime"
          label={t('meetings.fieldStartTime')}
          hint={t('meetings.timeHint')}
          value={asText(values.startTime)}
          error={errors.startTime}
        />
        <Field
          name="endDay"
          type="date"
          label={t('meetings.fieldEndDay')}
          value={asText(values.endDay)}
          error={errors.endDay}
        />
        <Field
          name="endTime"
          label={t('meetings.fieldEndTime')}
          hint={t('meetings.timeHint')}
          value={asText(values.endTime)}
          error={errors.endTime}
        />
      </fieldset>
      <Select
        name="modality"
        label={t('meetings.modality')}
        options={modalities.map((modality) => ({ value: modality, label: t(`modality.${modality}`) }))}
        value={asText(values.modality) || 'virtual'}
        error={errors.modality}
      />
      <Field
        name="venue"
        label={t('meetings.fieldVenue')}
        value={asText(values.venue)}
        error={errors.venue}
        required={false}
      />
      <Field
        name="onlineLink"
        type="url"
        label={t('meetings.fieldOnlineLink')}
        hint={t('meetings.onlineLinkHint')}
        value={asText(values.onlineLink)}
        error={errors.onlineLink}
        required={false}
      />
      <Select
        name="level"
        label={t('documents.fieldLevel')}
        options={accessLevels.map((level) => ({ value: level, label: t(`level.${level}`) }))}
        value={asText(values.level) || 'body'}
        error={errors.level}
      />
      <CheckboxGroup
        name="regions"
        legend={t('meetings.fieldRegions')}
        options={props.groups.map((group) => ({ value: group, label: group }))}
        chosen={asList(values.regions)}
        error={errors.regions}
      />
      <TextArea
        name="description"
        label={t('meetings.fieldDescription')}
        value={asText(values.description)}
        error={errors.description}
      />
    </>
  );
}

/** People to choose from, each with the entity or State they belong to. */
function personOptions(people: { id: string; name: string; acronym: string | null; iso3: string | null }[]) {
  return people.map((person) => ({
    value: person.id,
    label: `${person.name} (${person.acronym ?? person.iso3 ?? ''})`,
  }));
}

/** The rows of the agenda form, positionally: the n-th title goes with the n-th presenters and documents. */
function agendaRowsOf(values: Values): AgendaRow[] {
  const titles = asList(values.itemTitle);
  const presenters = asList(values.itemPresenters);
  const documentLinks = asList(values.itemDocuments);
  return titles
    .map((title, index) => ({
      title: title.trim(),
      presenters: (presenters[index] ?? '').trim(),
      documents: (documentLinks[index] ?? '').trim(),
    }))
    .filter((row) => row.title !== '' || row.presenters !== '' || row.documents !== '');
}

/** The meetings pages (issue 6, ADR 0024): lists, calendar, a meeting and its forms, action items, feeds. */
export function meetingRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();
  const baseUrl = deps.env.BASE_URL;

  const forbidden = (c: Context<AppEnv>) =>
    sendMessagePage(c, c.get('t')('error.forbiddenTitle'), c.get('t')('meetings.forbidden'), 403);

  app.get('/meetings', meetingRecords('list'), async (c) => {
    const params: ListParams = listParams.parse(cleaned(c.req.query()));
    const actor = actorOf(c);
    const zone = viewerZoneOf(c);
    const variant = `${hrefOf('', { ...params })}|${zone ?? ''}`;
    return sendPublicPage(c, deps.cache, variant, async (page) => {
      const { t, locale } = page;
      const now = new Date();
      const filters = { ...params, ...(params.when === 'upcoming' ? { from: now } : { until: now }) };
      const [result, bodyRows, groups, organising] = await Promise.all([
        listMeetings(db, actor, filters, {
          number: params.page,
          size: pageSize,
          order: params.when === 'upcoming' ? 'asc' : 'desc',
        }),
        db
          .select({ slug: bodies.slug, shortName: bodies.shortName })
          .from(bodies)
          .orderBy(asc(bodies.sortOrder)),
        regionalGroupsOf(db),
        organisableBodies(db, actor),
      ]);
      const pages = Math.max(1, Math.ceil(result.total / pageSize));
      const title = t('meetings.title');
      const chosen = Object.fromEntries(
        filterNames.flatMap((name) => (params[name] ? [[name, params[name]]] : [])),
      );
      return (
        <Layout page={page} title={title}>
          <h1>{title}</h1>
          <MeetingsNav
            t={t}
            signedIn={page.viewer !== null}
            mayOrganise={organising.length > 0 || actor.kind === 'secretariat'}
          />
          <nav aria-label={t('meetings.when')} class="filters">
            <a
              href={hrefOf('/meetings', { ...chosen, when: 'upcoming' })}
              aria-current={params.when === 'upcoming' ? 'page' : undefined}
            >
              {t('meetings.upcoming')}
            </a>
            <a
              href={hrefOf('/meetings', { ...chosen, when: 'past' })}
              aria-current={params.when === 'past' ? 'page' : undefined}
            >
              {t('meetings.past')}
            </a>
          </nav>
          <FilterForm
            t={t}
            action="/meetings"
            params={chosen}
            bodies={bodyRows}
            groups={groups}
            hidden={{ when: params.when }}
          />
          <p role="status">{t('meetings.count', { count: result.total })}</p>
          {result.rows.length === 0 ? (
            <p class="empty-state">{t('meetings.empty')}</p>
          ) : (
            <MeetingTable
              rows={result.rows}
              locale={locale}
              t={t}
              viewerZone={zone}
              caption={params.when === 'upcoming' ? t('meetings.upcoming') : t('meetings.past')}
            />
          )}
          {pages > 1 ? (
            <nav aria-label={t('pagination.label')} class="filters">
              {params.page > 1 ? (
                <a
                  href={hrefOf('/meetings', { ...chosen, when: params.when, page: params.page - 1 })}
                  rel="prev"
                >
                  {t('pagination.previous')}
                </a>
              ) : null}
              <span>{t('pagination.position', { page: params.page, pages })}</span>
              {params.page < pages ? (
                <a
                  href={hrefOf('/meetings', { ...chosen, when: params.when, page: params.page + 1 })}
                  rel="next"
                >
                  {t('pagination.next')}
                </a>
              ) : null}
            </nav>
          ) : null}
          <script src={assetPaths.timezone} defer />
        </Layout>
      );
    });
  });

  app.get('/calendar', meetingRecords('list'), async (c) => {
    const query = cleaned(c.req.query());
    const params = listParams.parse(query);
    const zone = viewerZoneOf(c) ?? 'UTC';
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(query.month ?? '')
      ? (query.month as string)
      : dayIn(new Date(), zone).slice(0, 7);
    const actor = actorOf(c);
    const variant = `${month}|${hrefOf('', { ...params, when: undefined, page: undefined })}|${zone}`;
    return sendPublicPage(c, deps.cache, variant, async (page) => {
      const { t, locale } = page;
      const [year, monthNumber] = month.split('-').map(Number) as [number, number];
      const first = new Date(Date.UTC(year, monthNumber - 1, 1));
      const next = new Date(Date.UTC(year, monthNumber, 1));
      // A day before and after, so meetings on the month's edges in any zone are in the result.
      const rows = await meetingsBetween(db, actor, {
        ...params,
        from: new Date(first.getTime() - 86_400_000),
        until: new Date(next.getTime() + 86_400_000),
      });
      const [bodyRows, groups] = await Promise.all([
        db
          .select({ slug: bodies.slug, shortName: bodies.shortName })
          .from(bodies)
          .orderBy(asc(bodies.sortOrder)),
        regionalGroupsOf(db),
      ]);
      const byDay = new Map<string, typeof rows>();
      for (const row of rows) {
        const day = dayIn(row.startsAt, zone);
        if (!day.startsWith(month)) continue;
        byDay.set(day, [...(byDay.get(day) ?? []), row]);
      }
      const daysInMonth = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
      const lead = (first.getUTCDay() + 6) % 7;
      const cells: (number | null)[] = [
        ...Array.from({ length: lead }, () => null),
        ...Array.from({ length: daysInMonth }, (_, index) => index + 1),
      ];
      while (cells.length % 7 !== 0) cells.push(null);
      const weeks = Array.from({ length: cells.length / 7 }, (_, index) =>
        cells.slice(index * 7, index * 7 + 7),
      );
      const weekdays = Array.from({ length: 7 }, (_, index) =>
        new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
          weekday: 'short',
          timeZone: 'UTC',
        }).format(new Date(Date.UTC(2024, 0, 1 + index))),
      );
      const shift = (delta: number) => {
        const date = new Date(Date.UTC(year, monthNumber - 1 + delta, 1));
        return date.toISOString().slice(0, 7);
      };
      const chosen = Object.fromEntries(
        filterNames.flatMap((name) => (params[name] ? [[name, params[name]]] : [])),
      );
      const monthName = formatDate(locale, `${month}-01`, 'month');
      const title = t('meetings.calendarTitle', { month: monthName });
      const pad = (day: number) => `${month}-${String(day).padStart(2, '0')}`;
      return (
        <Layout page={page} title={title}>
          <h1>{title}</h1>
          <MeetingsNav t={t} signedIn={page.viewer !== null} mayOrganise={false} />
          <FilterForm
            t={t}
            action="/calendar"
            params={chosen}
            bodies={bodyRows}
            groups={groups}
            hidden={{ month }}
          />
          <nav aria-label={t('meetings.months')} class="filters">
            <a href={hrefOf('/calendar', { ...chosen, month: shift(-1) })} rel="prev">
              {t('meetings.previousMonth')}
            </a>
            <a href={hrefOf('/calendar', { ...chosen, month: shift(1) })} rel="next">
              {t('meetings.nextMonth')}
            </a>
          </nav>
          <p class="meta">{t('meetings.shownInZone', { zone })}</p>
          <table class="calendar">
            <caption>{monthName}</caption>
            <thead>
              <tr>
                {weekdays.map((name) => (
                  <th scope="col">{name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr>
                  {week.map((day) =>
                    day === null ? (
                      <td />
                    ) : (
                      <td>
                        <span class="calendar-day">{day}</span>
                        {(byDay.get(pad(day)) ?? []).length > 0 ? (
                          <ul>
                            {(byDay.get(pad(day)) ?? []).map((row) => (
                              <li>
                                <a href={`/meetings/${row.id}`}>{row.title}</a>
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {byDay.size === 0 ? <p class="empty-state">{t('meetings.emptyMonth')}</p> : null}
          <script src={assetPaths.timezone} defer />
        </Layout>
      );
    });
  });

  app.get('/meetings/figures', meetingRecords('list'), async (c) => {
    const yearText = c.req.query('year') ?? '';
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : new Date().getUTCFullYear();
    const actor = actorOf(c);
    return sendPublicPage(c, deps.cache, String(year), async (page) => {
      const { t, locale } = page;
      const [figures, bodyRows] = await Promise.all([
        meetingFiguresOf(db, actor, year),
        db
          .select({ id: bodies.id, shortName: bodies.shortName, slug: bodies.slug })
          .from(bodies)
          .orderBy(asc(bodies.sortOrder)),
      ]);
      const title = t('meetings.figuresTitle', { year });
      const typeRows = (counts: Partial<Record<(typeof meetingTypes)[number], number>>) =>
        meetingTypes
          .filter((type) => counts[type])
          .map((type) => (
            <li>
              {t(`meetingType.${type}`)}: <strong>{formatNumber(locale, counts[type] ?? 0)}</strong>
            </li>
          ));
      return (
        <Layout page={page} title={title}>
          <h1>{title}</h1>
          <MeetingsNav t={t} signedIn={page.viewer !== null} mayOrganise={false} />
          <nav aria-label={t('meetings.years')} class="filters">
            <a href={`/meetings/figures?year=${year - 1}`} rel="prev">
              {year - 1}
            </a>
            <a href={`/meetings/figures?year=${year + 1}`} rel="next">
              {year + 1}
            </a>
          </nav>
          <p class="meta">{t('meetings.figuresScope')}</p>
          {figures.total === 0 ? (
            <p class="empty-state">{t('meetings.noFigures')}</p>
          ) : (
            <>
              <section aria-labelledby="figures-groups">
                <h2 id="figures-groups">{t('meetings.figuresGroups')}</h2>
                <p data-testid="working-group-meetings">
                  {t('meetings.figuresGroupsTotal', {
                    total: figures.workingGroups.total,
                    regular: figures.workingGroups.byType.regular ?? 0,
                    inFocus: figures.workingGroups.byType.in_focus ?? 0,
                  })}
                </p>
                <ul>{typeRows(figures.workingGroups.byType)}</ul>
              </section>
              <section aria-labelledby="figures-committee">
                <h2 id="figures-committee">{t('meetings.figuresCommittee')}</h2>
                <ul data-testid="committee-meetings">{typeRows(figures.committee)}</ul>
              </section>
              <section aria-labelledby="figures-compact">
                <h2 id="figures-compact">{t('meetings.figuresCompact')}</h2>
                <ul data-testid="compact-meetings">{typeRows(figures.compactWide)}</ul>
              </section>
              <table class="data-table">
                <caption>{t('meetings.figuresByBody')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('meetings.body')}</th>
                    <th scope="col">{t('meetings.meetingsCount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {bodyRows
                    .filter((body) => figures.byBody.has(body.id))
                    .map((body) => (
                      <tr>
                        <th scope="row">
                          <a href={`/meetings?body=${body.slug}&when=past`}>{body.shortName}</a>
                        </th>
                        <td>{formatNumber(locale, figures.byBody.get(body.id) ?? 0)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </>
          )}
        </Layout>
      );
    });
  });

  const formChoices = async (actor: Actor) => {
    const [bodyRows, groups] = await Promise.all([organisableBodies(db, actor), regionalGroupsOf(db)]);
    return { bodies: bodyRows, groups, mayChooseCompact: actor.kind === 'secretariat' };
  };

  const meetingFormPage = async (
    c: Context<AppEnv>,
    options: { action: string; title: string; values: Values; errors: FieldErrors; status?: 200 | 400 | 409 },
  ) => {
    const t = c.get('t');
    const choices = await formChoices(actorOf(c));
    return sendPrivatePage(
      c,
      options.title,
      <>
        <ErrorSummary t={t} errors={options.errors} />
        <h1>{options.title}</h1>
        <form method="post" action={options.action} novalidate>
          {options.values.version !== undefined ? (
            <VersionField version={asText(options.values.version)} />
          ) : null}
          <MeetingFields t={t} values={options.values} errors={options.errors} {...choices} />
          <button class="button" type="submit">
            {t('meetings.save')}
          </button>
        </form>
      </>,
      options.status ?? 200,
    );
  };

  app.get('/meetings/new', meetingRecords('edit'), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    const organising = await organisableBodies(db, viewer.actor);
    if (organising.length === 0 && viewer.actor.kind !== 'secretariat') return forbidden(c);
    const zone = viewerZoneOf(c) ?? 'UTC';
    return meetingFormPage(c, {
      action: '/meetings',
      title: c.get('t')('meetings.scheduleTitle'),
      values: {
        timeZone: zone,
        startDay: today(),
        endDay: today(),
        startTime: '14:00',
        endTime: '16:00',
        body: organising[0]?.slug ?? '',
      },
      errors: {},
    });
  });

  app.post('/meetings', meetingRecords('edit'), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    const t = c.get('t');
    const values = (await c.req.parseBody({ all: true })) as Values;
    const input = readInput(meetingInput, values);
    const title = t('meetings.scheduleTitle');
    if (!input.data)
      return meetingFormPage(c, {
        action: '/meetings',
        title,
        values,
        errors: fieldErrorsOf(t, input.problems),
        status: 400,
      });
    try {
      const id = await createMeeting(db, viewer.actor, input.data);
      markDataChanged(c);
      return c.redirect(`/meetings/${id}?saved=1`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return forbidden(c);
      return meetingFormPage(c, { action: '/meetings', title, values, errors: failure.errors, status: 400 });
    }
  });

  /** The meeting at `:id` as the viewer may see it, or null (missing and hidden look the same). */
  const visibleMeeting = async (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    if (!isUuid(id)) return null;
    return findMeeting(db, actorOf(c), id);
  };

  app.get('/meetings/:id', meetingRecords('read'), async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    const actor = actorOf(c);
    // The access facts are cached with the pages, so a cached page costs no query (ADR 0024).
    const access = await deps.cache.remember(`meeting|${id}`, () => meetingAccessOf(db, id));
    if (!access || !canSee(actor, recordOfMeeting(access))) return c.notFound();
    const record = recordOfMeeting(access);
    await recordRestrictedRead(db, actor, { type: 'meeting', id, record }, 'read');
    const zone = viewerZoneOf(c);
    const notice = (['saved', 'circulated', 'registered', 'cancelled'] as const).find((flag) =>
      c.req.query(flag),
    );
    return sendPublicPage(c, deps.cache, `${zone ?? ''}|${notice ?? ''}`, async (page) => {
      const { t, locale } = page;
      const meeting = await findMeeting(db, actor, id);
      if (!meeting) throw new HTTPException(404);
      const mayEdit = mayManageMeeting(actor, meeting);
      const chairs = mayOrganise(actor, meeting.bodyId);
      const seesLink = mayEdit || meeting.invited;
      const agendaShown = meeting.agendaStatus === 'circulated' || mayEdit;
      return (
        <Layout page={page} title={meeting.title}>
          {notice ? (
            <p class="notice" role="status">
              {t(`meetings.notice.${notice}`)}
            </p>
          ) : null}
          <h1>{meeting.title}</h1>
          {meeting.cancelledAt ? (
            <p class="notice" data-testid="cancelled">
              <strong>{t('meetings.cancelled')}</strong>
              {meeting.cancellationNote ? ` ${meeting.cancellationNote}` : ''}
            </p>
          ) : null}
          <p class="meta">
            {t(`meetingType.${meeting.type}`)} ·{' '}
            {meeting.body ? (
              <a href={`/working-groups/${meeting.body.slug}`}>{meeting.body.shortName}</a>
            ) : (
              t('meetings.compactWide')
            )}{' '}
            · <strong>{t(`level.${meeting.level}`)}</strong>
          </p>
          <dl class="facts">
            <dt>{t('meetings.when')}</dt>
            <dd>
              <MeetingTime
                locale={locale}
                t={t}
                startsAt={meeting.startsAt}
                endsAt={meeting.endsAt}
                timeZone={meeting.timeZone}
                viewerZone={zone}
              />
            </dd>
            <dt>{t('meetings.modality')}</dt>
            <dd>{t(`modality.${meeting.modality}`)}</dd>
            {meeting.venue ? (
              <>
                <dt>{t('meetings.fieldVenue')}</dt>
                <dd>{meeting.venue}</dd>
              </>
            ) : null}
            {meeting.onlineLink && seesLink ? (
              <>
                <dt>{t('meetings.fieldOnlineLink')}</dt>
                <dd>
                  <a href={meeting.onlineLink} rel="noopener noreferrer">
                    {meeting.onlineLink}
                  </a>
                </dd>
              </>
            ) : null}
            {meeting.regions.length > 0 ? (
              <>
                <dt>{t('meetings.fieldRegions')}</dt>
                <dd>{meeting.regions.join(', ')}</dd>
              </>
            ) : null}
          </dl>
          {meeting.description ? <p>{meeting.description}</p> : null}
          <p>
            <a href={`/meetings/${meeting.id}/meeting.ics`} download>
              {t('meetings.addToCalendar')}
            </a>
          </p>
          {meeting.invited && !meeting.cancelledAt ? (
            <form
              method="post"
              action={`/meetings/${meeting.id}/${meeting.registered ? 'unregister' : 'register'}`}
              class="inline-form"
            >
              <p>
                {meeting.registered ? t('meetings.youAreRegistered') : t('meetings.youAreInvited')}{' '}
                <button class="button" type="submit">
                  {meeting.registered ? t('meetings.unregister') : t('meetings.register')}
                </button>
              </p>
            </form>
          ) : null}
          {mayEdit ? (
            <nav aria-label={t('meetings.manage')} class="filters">
              <a href={`/meetings/${meeting.id}/edit`}>{t('meetings.edit')}</a>
              <a href={`/meetings/${meeting.id}/invitations`}>{t('meetings.invitations')}</a>
              <a href={`/meetings/${meeting.id}/agenda`}>{t('meetings.editAgenda')}</a>
              <a href={`/meetings/${meeting.id}/attendance`}>{t('meetings.attendance')}</a>
              <a href={`/meetings/${meeting.id}/minutes`}>{t('meetings.editMinutes')}</a>
              {!meeting.cancelledAt && meeting.endsAt > new Date() ? (
                <a href={`/meetings/${meeting.id}/cancel`}>{t('meetings.cancelMeeting')}</a>
              ) : null}
            </nav>
          ) : null}
          {mayEdit ? (
            <section aria-labelledby="invitees">
              <h2 id="invitees">{t('meetings.invitations')}</h2>
              {meeting.invitations.length === 0 ? (
                <p class="empty-state">{t('meetings.noInvitations')}</p>
              ) : (
                <ul>
                  {meeting.invitations.map((invitation) => (
                    <li>
                      {invitation.bodyName ??
                        invitation.entityAcronym ??
                        invitation.userName ??
                        invitation.regionalGroup}
                    </li>
                  ))}
                </ul>
              )}
              <p>{t('meetings.registeredCount', { count: meeting.registeredCount })}</p>
            </section>
          ) : null}
          <section aria-labelledby="agenda">
            <h2 id="agenda">{t('meetings.agenda')}</h2>
            {agendaShown ? (
              <>
                <p class="meta">
                  {meeting.agendaStatus === 'circulated' && meeting.agendaCirculatedAt
                    ? t('meetings.agendaCirculatedOn', {
                        date: formatDate(locale, meeting.agendaCirculatedAt.toISOString().slice(0, 10)),
                      })
                    : t('meetings.agendaDraft')}
                </p>
                {meeting.agenda.length === 0 ? (
                  <p class="empty-state">{t('meetings.agendaEmpty')}</p>
                ) : (
                  <ol data-testid="agenda">
                    {meeting.agenda.map((item) => (
                      <li>
                        {item.title}
                        {item.presenters.length > 0 ? (
                          <span class="meta">
                            {' '}
                            · {t('meetings.presenters')}:{' '}
                            {item.presenters.map((entity) => entity.acronym).join(', ')}
                          </span>
                        ) : null}
                        {item.documents.length > 0 ? (
                          <ul>
                            {item.documents.map((document) => (
                              <li>
                                <a href={`/documents/${document.id}`}>{document.title}</a>
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                )}
                {mayEdit && meeting.agendaStatus === 'draft' && meeting.agenda.length > 0 ? (
                  <form method="post" action={`/meetings/${meeting.id}/agenda/circulate`}>
                    <button class="button" type="submit">
                      {t('meetings.circulate')}
                    </button>
                  </form>
                ) : null}
              </>
            ) : (
              <p class="empty-state">{t('meetings.agendaNotYet')}</p>
            )}
          </section>
          <section aria-labelledby="attendance">
            <h2 id="attendance">{t('meetings.attendance')}</h2>
            {meeting.attendance.length === 0 ? (
              <p class="empty-state">{t('meetings.noAttendance')}</p>
            ) : (
              <>
                <p data-testid="attendance-figures">
                  {t('meetings.attendanceFigures', {
                    representatives: meeting.attendanceFigures.representatives,
                    represented: meeting.attendanceFigures.represented,
                  })}
                </p>
                {mayListPeople(actor) ? (
                  <ul>
                    {meeting.attendance.map((row) => (
                      <li>
                        {row.name} ({row.entityAcronym ?? row.memberStateIso3})
                      </li>
                    ))}
                  </ul>
                ) : null}
              </>
            )}
          </section>
          <section aria-labelledby="minutes">
            <h2 id="minutes">{t('meetings.minutes')}</h2>
            {meeting.minutes && (meeting.minutes.status === 'approved' || mayEdit) ? (
              <>
                <p class="meta">
                  {meeting.minutes.status === 'approved' ? (
                    <strong>{t('meetings.minutesApproved')}</strong>
                  ) : (
                    t('meetings.minutesDraft')
                  )}
                </p>
                <div
                  class="minutes"
                  dangerouslySetInnerHTML={{ __html: minutesHtml(meeting.minutes.text) }}
                />
              </>
            ) : (
              <p class="empty-state">{t('meetings.noMinutes')}</p>
            )}
            {meeting.decisions.length > 0 && (meeting.minutes?.status === 'approved' || mayEdit) ? (
              <>
                <h3>{t('meetings.decisions')}</h3>
                <ol>
                  {meeting.decisions.map((decision) => (
                    <li>{decision}</li>
                  ))}
                </ol>
              </>
            ) : null}
            {chairs && meeting.minutes?.status === 'draft' ? (
              <form method="post" action={`/meetings/${meeting.id}/minutes/approve`}>
                <input type="hidden" name="version" value={String(meeting.minutes.version)} />
                <button class="button" type="submit">
                  {t('meetings.approveMinutes')}
                </button>
              </form>
            ) : null}
          </section>
          <section aria-labelledby="action-items">
            <h2 id="action-items">{t('actionItems.title')}</h2>
            {meeting.actionItems.length === 0 ? (
              <p class="empty-state">{t('actionItems.none')}</p>
            ) : (
              <table class="data-table">
                <caption>{t('actionItems.ofMeeting')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('actionItems.item')}</th>
                    <th scope="col">{t('actionItems.owner')}</th>
                    <th scope="col">{t('actionItems.due')}</th>
                    <th scope="col">{t('actionItems.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {meeting.actionItems.map((item) => (
                    <tr>
                      <td>{item.title}</td>
                      <td>
                        {[mayListPeople(actor) ? item.ownerUserName : null, item.ownerEntityAcronym]
                          .filter(Boolean)
                          .join(', ')}
                      </td>
                      <td>{formatDate(locale, item.dueOn)}</td>
                      <td>
                        {mayUpdateActionItem(actor, item, mayEdit) ? (
                          <form method="post" action={`/action-items/${item.id}`} class="inline-form">
                            <input type="hidden" name="version" value={String(item.version)} />
                            <label for={`status-${item.id}`} class="visually-hidden">
                              {t('actionItems.status')}
                            </label>
                            <select id={`status-${item.id}`} name="status">
                              {actionItemStatuses.map((status) => (
                                <option value={status} selected={status === item.status}>
                                  {t(`actionItemStatus.${status}`)}
                                </option>
                              ))}
                            </select>{' '}
                            <button class="button" type="submit">
                              {t('actionItems.update')}
                            </button>
                          </form>
                        ) : (
                          t(`actionItemStatus.${item.status}`)
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {mayEdit ? (
              <p>
                <a href={`/meetings/${meeting.id}/action-items/new`}>{t('actionItems.add')}</a>
              </p>
            ) : null}
          </section>
          <script src={assetPaths.timezone} defer />
        </Layout>
      );
    });
  });

  app.get('/meetings/:id/meeting.ics', meetingRecords('export'), async (c) => {
    const meeting = await visibleMeeting(c);
    if (!meeting) return c.notFound();
    const seesLink = mayManageMeeting(actorOf(c), meeting) || meeting.invited;
    return respondWithCalendar(
      c,
      calendarOf(baseUrl, meeting.title, [{ ...meeting, onlineLink: seesLink ? meeting.onlineLink : null }]),
      `meeting-${meeting.startsAt.toISOString().slice(0, 10)}.ics`,
    );
  });

  /** The meeting at `:id` if the viewer may change it; otherwise the answer to send instead. */
  const editable = async (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    const meeting = await visibleMeeting(c);
    if (!meeting) return { response: c.notFound() } as const;
    if (!mayManageMeeting(viewer.actor, meeting)) return { response: await forbidden(c) } as const;
    return { meeting, actor: viewer.actor } as const;
  };

  app.get('/meetings/:id/edit', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    return meetingFormPage(c, {
      action: `/meetings/${found.meeting.id}/edit`,
      title: t('meetings.editTitle', { title: found.meeting.title }),
      values: valuesOfMeeting(found.meeting),
      errors: {},
    });
  });

  app.post('/meetings/:id/edit', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = (await c.req.parseBody({ all: true })) as Values;
    const action = `/meetings/${found.meeting.id}/edit`;
    const title = t('meetings.editTitle', { title: found.meeting.title });
    const input = readInput(meetingEditInput, values);
    if (!input.data)
      return meetingFormPage(c, {
        action,
        title,
        values,
        errors: fieldErrorsOf(t, input.problems),
        status: 400,
      });
    try {
      await updateMeeting(db, found.actor, found.meeting.id, input.data);
      markDataChanged(c);
      return c.redirect(`/meetings/${found.meeting.id}?saved=1`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return forbidden(c);
      if (failure.status === 404) return c.notFound();
      return meetingFormPage(c, {
        action,
        title,
        values,
        errors: failure.errors,
        status: failure.status === 409 ? 409 : 400,
      });
    }
  });

  const invitationChoices = async () => {
    const [bodyRows, entityRows, people, groups] = await Promise.all([
      db
        .select({ slug: bodies.slug, shortName: bodies.shortName })
        .from(bodies)
        .orderBy(asc(bodies.sortOrder)),
      db
        .select({ slug: entities.slug, acronym: entities.acronym })
        .from(entities)
        .orderBy(asc(entities.acronym)),
      db
        .select({ id: user.id, name: user.name, acronym: entities.acronym, iso3: memberStates.iso3 })
        .from(user)
        .leftJoin(entities, eq(entities.id, user.entityId))
        .leftJoin(memberStates, eq(memberStates.id, user.memberStateId))
        .where(or(isNotNull(user.entityId), isNotNull(user.memberStateId)))
        .orderBy(asc(user.name)),
      regionalGroupsOf(db),
    ]);
    return { bodies: bodyRows, entities: entityRows, people, groups };
  };

  const invitationPage = async (
    c: Context<AppEnv>,
    meeting: MeetingDetail,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const choices = await invitationChoices();
    const title = t('meetings.invitationsTitle', { title: meeting.title });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p class="hint">{t('meetings.invitationsHint', { level: t(`level.${meeting.level}`) })}</p>
        <form method="post" action={`/meetings/${meeting.id}/invitations`} novalidate>
          <CheckboxGroup
            name="bodies"
            legend={t('meetings.inviteBodies')}
            options={choices.bodies.map((body) => ({ value: body.slug, label: body.shortName }))}
            chosen={asList(values.bodies)}
            error={errors.bodies}
          />
          <MultiSelect
            name="entities"
            label={t('meetings.inviteEntities')}
            hint={t('documents.multiHint')}
            options={choices.entities.map((entity) => ({ value: entity.slug, label: entity.acronym }))}
            chosen={asList(values.entities)}
            error={errors.entities}
          />
          <MultiSelect
            name="people"
            label={t('meetings.invitePeople')}
            hint={t('documents.multiHint')}
            options={personOptions(choices.people)}
            chosen={asList(values.people)}
            error={errors.people}
          />
          <CheckboxGroup
            name="regionalGroups"
            legend={t('meetings.inviteRegionalGroups')}
            options={choices.groups.map((group) => ({ value: group, label: group }))}
            chosen={asList(values.regionalGroups)}
            error={errors.regionalGroups}
          />
          <button class="button" type="submit">
            {t('meetings.sendInvitations')}
          </button>
        </form>
      </>,
      status,
    );
  };

  app.get('/meetings/:id/invitations', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const { meeting } = found;
    const pick = (kind: string, key: 'bodySlug' | 'entitySlug' | 'userId' | 'regionalGroup') =>
      meeting.invitations
        .filter((invitation) => invitation.kind === kind)
        .map((invitation) => invitation[key] ?? '');
    return invitationPage(
      c,
      meeting,
      {
        bodies: pick('body', 'bodySlug'),
        entities: pick('entity', 'entitySlug'),
        people: pick('person', 'userId'),
        regionalGroups: pick('regional_group', 'regionalGroup'),
      },
      {},
    );
  });

  app.post('/meetings/:id/invitations', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = (await c.req.parseBody({ all: true })) as Values;
    const input = readInput(invitationInput, values);
    if (!input.data) return invitationPage(c, found.meeting, values, fieldErrorsOf(t, input.problems), 400);
    try {
      const added = await setInvitations(db, found.actor, found.meeting.id, input.data);
      markDataChanged(c);
      await sendMeetingNotice(deps, found.meeting.id, added, 'invitation');
      return c.redirect(`/meetings/${found.meeting.id}?saved=1`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return forbidden(c);
      return invitationPage(c, found.meeting, values, failure.errors, 400);
    }
  });

  const agendaPage = async (
    c: Context<AppEnv>,
    meeting: MeetingDetail,
    options: { rows: AgendaRow[]; agendaVersion: string; errors: FieldErrors; status?: 200 | 400 | 409 },
  ) => {
    const t = c.get('t');
    const rows = [
      ...options.rows,
      ...Array.from({ length: 3 }, () => ({ title: '', presenters: '', documents: '' })),
    ];
    const title = t('meetings.agendaTitle', { title: meeting.title });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={options.errors} />
        <h1>{title}</h1>
        <p class="hint">{t('meetings.agendaHint')}</p>
        <form method="post" action={`/meetings/${meeting.id}/agenda`} novalidate>
          <input type="hidden" name="agendaVersion" value={options.agendaVersion} />
          {rows.map((row, index) => (
            <fieldset>
              <legend>{t('meetings.agendaItem', { number: index + 1 })}</legend>
              <Field
                name="itemTitle"
                id={`itemTitle-${index}`}
                label={t('meetings.itemTitle')}
                value={row.title}
                error={options.errors[`itemTitle-${index}`]}
                required={false}
              />
              <Field
                name="itemPresenters"
                id={`itemPresenters-${index}`}
                label={t('meetings.presenters')}
                hint={t('meetings.presentersHint')}
                value={row.presenters}
                error={options.errors[`itemPresenters-${index}`]}
                required={false}
              />
              <Field
                name="itemDocuments"
                id={`itemDocuments-${index}`}
                label={t('meetings.itemDocuments')}
                hint={t('meetings.itemDocumentsHint')}
                value={row.documents}
                error={options.errors[`itemDocuments-${index}`]}
                required={false}
              />
            </fieldset>
          ))}
          <button class="button" type="submit">
            {t('meetings.saveAgenda')}
          </button>
        </form>
      </>,
      options.status ?? 200,
    );
  };

  app.get('/meetings/:id/agenda', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const { meeting } = found;
    return agendaPage(c, meeting, {
      rows: meeting.agenda.map((item) => ({
        title: item.title,
        presenters: item.presenters.map((entity) => entity.acronym).join(', '),
        documents: item.documentIds.join(', '),
      })),
      agendaVersion: String(meeting.agendaVersion),
      errors: {},
    });
  });

  app.post('/meetings/:id/agenda', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = (await c.req.parseBody({ all: true })) as Values;
    const rows = agendaRowsOf(values);
    const input = readInput(agendaInput, values);
    const again = (errors: FieldErrors, status: 400 | 409) =>
      agendaPage(c, found.meeting, { rows, agendaVersion: asText(values.agendaVersion), errors, status });
    if (!input.data) return again(fieldErrorsOf(t, input.problems), 400);
    try {
      await saveAgenda(db, found.actor, found.meeting.id, input.data.agendaVersion, rows);
      markDataChanged(c);
      return c.redirect(`/meetings/${found.meeting.id}?saved=1#agenda`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return forbidden(c);
      // The rows of a failed form keep their positions, so each message sits next to its row.
      return again(
        failure.status === 409 ? { form: t('meetings.agendaStale') } : failure.errors,
        failure.status === 409 ? 409 : 400,
      );
    }
  });

  app.post('/meetings/:id/agenda/circulate', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    try {
      const invitees = await circulateAgenda(db, found.actor, found.meeting.id);
      markDataChanged(c);
      await sendMeetingNotice(deps, found.meeting.id, invitees, 'agenda');
      return c.redirect(`/meetings/${found.meeting.id}?circulated=1#agenda`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return forbidden(c);
      return sendMessagePage(c, t('meetings.agenda'), failure.errors.form ?? t('problem.invalid'), 400);
    }
  });

  const cancelPage = async (
    c: Context<AppEnv>,
    meeting: MeetingDetail,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const title = t('meetings.cancelTitle', { title: meeting.title });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p>{t('meetings.cancelWarning')}</p>
        <form method="post" action={`/meetings/${meeting.id}/cancel`} novalidate>
          <VersionField version={asText(values.version)} />
          <TextArea
            name="note"
            label={t('meetings.cancellationNote')}
            value={asText(values.note)}
            error={errors.note}
          />
          <button class="button button-danger" type="submit">
            {t('meetings.cancelMeeting')}
          </button>{' '}
          <a href={`/meetings/${meeting.id}`}>{t('meetings.keepMeeting')}</a>
        </form>
      </>,
      status,
    );
  };

  app.get('/meetings/:id/cancel', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    return cancelPage(c, found.meeting, { version: String(found.meeting.version), note: '' }, {});
  });

  app.post('/meetings/:id/cancel', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(cancellationInput, values);
    if (!input.data) return cancelPage(c, found.meeting, values, fieldErrorsOf(t, input.problems), 400);
    try {
      const invitees = await cancelMeeting(db, found.actor, found.meeting.id, {
        version: input.data.version,
        note: input.data.note ?? null,
      });
      markDataChanged(c);
      await sendMeetingNotice(deps, found.meeting.id, invitees, 'cancellation');
      return c.redirect(`/meetings/${found.meeting.id}?cancelled=1`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return forbidden(c);
      return cancelPage(c, found.meeting, values, failure.errors, failure.status === 409 ? 409 : 400);
    }
  });

  for (const action of ['register', 'unregister'] as const) {
    app.post(`/meetings/:id/${action}`, meetingRecords('read'), async (c) => {
      const viewer = c.get('viewer');
      if (!viewer) return redirectToSignIn(c);
      const meeting = await visibleMeeting(c);
      if (!meeting) return c.notFound();
      try {
        if (action === 'register') await register(db, viewer.actor, meeting.id, meeting.invited);
        else await unregister(db, viewer.actor, meeting.id);
      } catch (error) {
        const failure = formFailure(c.get('t'), error);
        if (failure.status === 403) return forbidden(c);
        return sendMessagePage(c, meeting.title, failure.errors.form ?? c.get('t')('problem.invalid'), 400);
      }
      markDataChanged(c);
      return c.redirect(`/meetings/${meeting.id}${action === 'register' ? '?registered=1' : ''}`, 303);
    });
  }

  const attendancePage = async (
    c: Context<AppEnv>,
    meeting: MeetingDetail,
    attendees: string,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const title = t('meetings.attendanceTitle', { title: meeting.title });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <form method="post" action={`/meetings/${meeting.id}/attendance`} novalidate>
          <TextArea
            name="attendees"
            label={t('meetings.attendees')}
            hint={t('meetings.attendeesHint')}
            value={attendees}
            error={errors.attendees}
          />
          <button class="button" type="submit">
            {t('meetings.saveAttendance')}
          </button>
        </form>
      </>,
      status,
    );
  };

  app.get('/meetings/:id/attendance', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const lines = found.meeting.attendance.map(
      (row) => `${row.name}; ${row.entityAcronym ?? row.memberStateIso3 ?? ''}`,
    );
    if (lines.length === 0) {
      // Who registered is the likeliest list of who came: offered to the chair to correct.
      const registered = await db
        .select({ name: user.name, acronym: entities.acronym, iso3: memberStates.iso3 })
        .from(user)
        .leftJoin(entities, eq(entities.id, user.entityId))
        .leftJoin(memberStates, eq(memberStates.id, user.memberStateId))
        .innerJoin(
          meetingRegistrations,
          and(eq(meetingRegistrations.userId, user.id), eq(meetingRegistrations.meetingId, found.meeting.id)),
        );
      for (const row of registered)
        if (row.acronym || row.iso3) lines.push(`${row.name}; ${row.acronym ?? row.iso3}`);
    }
    return attendancePage(c, found.meeting, lines.join('\n'), {});
  });

  app.post('/meetings/:id/attendance', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(attendanceInput, values);
    if (!input.data)
      return attendancePage(
        c,
        found.meeting,
        asText(values.attendees),
        fieldErrorsOf(t, input.problems),
        400,
      );
    try {
      await recordAttendance(db, found.actor, found.meeting.id, input.data.attendees);
      markDataChanged(c);
      return c.redirect(`/meetings/${found.meeting.id}?saved=1#attendance`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return forbidden(c);
      // Every bad line is named, not only the first.
      const lines = error instanceof DomainError ? error.problems : [];
      const errors =
        lines.length > 1
          ? { attendees: lines.map((problem) => fieldErrorsOf(t, [problem]).attendees).join(' ') }
          : failure.errors;
      return attendancePage(c, found.meeting, input.data.attendees, errors, 400);
    }
  });

  const minutesPage = async (
    c: Context<AppEnv>,
    meeting: MeetingDetail,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const title = t('meetings.minutesTitle', { title: meeting.title });
    const approved = meeting.minutes?.status === 'approved';
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        {approved ? (
          <p class="notice">
            {t('meetings.minutesApprovedNotice')}{' '}
            {mayOrganise(actorOf(c), meeting.bodyId) ? (
              <a href={`/meetings/${meeting.id}/minutes/reopen`}>{t('meetings.reopenMinutes')}</a>
            ) : null}
          </p>
        ) : null}
        <form method="post" action={`/meetings/${meeting.id}/minutes`} novalidate>
          <VersionField version={asText(values.version)} />
          <TextArea
            name="text"
            label={t('meetings.minutesText')}
            hint={t('meetings.minutesHint')}
            value={asText(values.text)}
            error={errors.text}
          />
          <TextArea
            name="decisions"
            label={t('meetings.decisions')}
            hint={t('meetings.decisionsHint')}
            value={asText(values.decisions)}
            error={errors.decisions}
          />
          <button class="button" type="submit">
            {t('meetings.saveMinutes')}
          </button>
        </form>
      </>,
      status,
    );
  };

  app.get('/meetings/:id/minutes', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const { meeting } = found;
    return minutesPage(
      c,
      meeting,
      {
        version: String(meeting.minutes?.version ?? 0),
        text: meeting.minutes?.text ?? '',
        decisions: meeting.decisions.join('\n'),
      },
      {},
    );
  });

  app.post('/meetings/:id/minutes', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(minutesInput, values);
    if (!input.data) return minutesPage(c, found.meeting, values, fieldErrorsOf(t, input.problems), 400);
    try {
      await saveMinutes(db, found.actor, found.meeting.id, input.data);
      markDataChanged(c);
      return c.redirect(`/meetings/${found.meeting.id}?saved=1#minutes`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return forbidden(c);
      return minutesPage(c, found.meeting, values, failure.errors, failure.status === 409 ? 409 : 400);
    }
  });

  const minutesStatusRoute = (status: 'approved' | 'draft') => async (c: Context<AppEnv>) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const body = (await c.req.parseBody()) as Values;
    const version = Number(asText(body.version));
    try {
      await setMinutesStatus(
        db,
        found.actor,
        found.meeting.id,
        Number.isInteger(version) ? version : -1,
        status,
      );
      markDataChanged(c);
      return c.redirect(`/meetings/${found.meeting.id}?saved=1#minutes`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return forbidden(c);
      return sendMessagePage(
        c,
        t('meetings.minutes'),
        failure.errors.form ?? t('problem.invalid'),
        failure.status === 409 ? 409 : 400,
      );
    }
  };
  app.post('/meetings/:id/minutes/approve', meetingRecords('edit'), minutesStatusRoute('approved'));
  app.post('/meetings/:id/minutes/reopen', meetingRecords('edit'), minutesStatusRoute('draft'));

  app.get('/meetings/:id/minutes/reopen', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const { meeting } = found;
    if (meeting.minutes?.status !== 'approved') return c.redirect(`/meetings/${meeting.id}/minutes`, 303);
    const title = t('meetings.reopenTitle');
    return sendPrivatePage(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>{t('meetings.reopenWarning', { title: meeting.title })}</p>
        <form method="post" action={`/meetings/${meeting.id}/minutes/reopen`}>
          <input type="hidden" name="version" value={String(meeting.minutes.version)} />
          <button class="button button-warning" type="submit">
            {t('meetings.reopenMinutes')}
          </button>{' '}
          <a href={`/meetings/${meeting.id}#minutes`}>{t('meetings.cancel')}</a>
        </form>
      </>,
    );
  });

  const actionItemPage = async (
    c: Context<AppEnv>,
    meeting: MeetingDetail,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const choices = await invitationChoices();
    const title = t('actionItems.addTitle', { title: meeting.title });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <form method="post" action={`/meetings/${meeting.id}/action-items`} novalidate>
          <Field
            name="title"
            label={t('actionItems.item')}
            value={asText(values.title)}
            error={errors.title}
          />
          <Select
            name="ownerEntity"
            label={t('actionItems.ownerEntity')}
            placeholder={t('actionItems.noOwnerEntity')}
            options={choices.entities.map((entity) => ({ value: entity.slug, label: entity.acronym }))}
            value={asText(values.ownerEntity)}
            error={errors.ownerEntity}
          />
          <Select
            name="ownerUser"
            label={t('actionItems.ownerUser')}
            placeholder={t('actionItems.noOwnerUser')}
            options={personOptions(choices.people)}
            value={asText(values.ownerUser)}
            error={errors.ownerUser}
          />
          <Field
            name="dueOn"
            type="date"
            label={t('actionItems.due')}
            value={asText(values.dueOn)}
            error={errors.dueOn}
          />
          <button class="button" type="submit">
            {t('actionItems.add')}
          </button>
        </form>
      </>,
      status,
    );
  };

  app.get('/meetings/:id/action-items/new', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    return actionItemPage(c, found.meeting, {}, {});
  });

  app.post('/meetings/:id/action-items', meetingRecords('edit'), async (c) => {
    const found = await editable(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(actionItemInput, values);
    if (!input.data) return actionItemPage(c, found.meeting, values, fieldErrorsOf(t, input.problems), 400);
    try {
      await addActionItem(db, found.actor, found.meeting.id, input.data);
      markDataChanged(c);
      return c.redirect(`/meetings/${found.meeting.id}?saved=1#action-items`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return forbidden(c);
      return actionItemPage(c, found.meeting, values, failure.errors, 400);
    }
  });

  app.post('/action-items/:id', meetingRecords('edit'), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    const t = c.get('t');
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    const input = readInput(actionItemStatusInput, await c.req.parseBody());
    if (!input.data) return sendMessagePage(c, t('actionItems.title'), t('problem.bad_choice'), 400);
    try {
      await setActionItemStatus(db, viewer.actor, id, input.data);
      markDataChanged(c);
      const back = URL.parse(c.req.header('Referer') ?? '');
      const target = back && back.origin === new URL(c.req.url).origin ? back.pathname : '/action-items';
      return c.redirect(target, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 404) return c.notFound();
      if (failure.status === 403) return forbidden(c);
      return sendMessagePage(
        c,
        t('actionItems.title'),
        failure.errors.form ?? t('problem.invalid'),
        failure.status === 409 ? 409 : 400,
      );
    }
  });

  const actionItemList = (kind: 'mine' | 'overdue') => async (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    return sendPublicPage(c, deps.cache, kind, async (page) => {
      const { t, locale } = page;
      const items =
        kind === 'mine'
          ? await myActionItems(db, viewer.actor, today())
          : await overdueActionItems(db, viewer.actor, today());
      const title = kind === 'mine' ? t('actionItems.mine') : t('actionItems.overdueTitle');
      return (
        <Layout page={page} title={title}>
          <h1>{title}</h1>
          <MeetingsNav t={t} signedIn mayOrganise={false} />
          {items.length === 0 ? (
            <p class="empty-state">
              {kind === 'mine' ? t('actionItems.noneMine') : t('actionItems.noneOverdue')}
            </p>
          ) : (
            <ActionItemTable items={items} locale={locale} t={t} caption={title} />
          )}
        </Layout>
      );
    });
  };
  app.get('/action-items', meetingRecords('list'), actionItemList('mine'));
  app.get('/action-items/overdue', meetingRecords('list'), actionItemList('overdue'));

  const feedsPage = async (c: Context<AppEnv>, token: string | null) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    const t = c.get('t');
    const locale: Locale = c.get('locale');
    const feeds = await calendarFeedsOf(db, viewer.userId);
    const title = t('feeds.title');
    return sendPrivatePage(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>{t('feeds.intro')}</p>
        {token ? (
          <div class="notice" role="status">
            <p>{t('feeds.created')}</p>
            <p>
              <label for="feed-address">{t('feeds.address')}</label>
              <input
                id="feed-address"
                type="text"
                readonly
                value={new URL(`/calendar/feeds/${token}.ics`, baseUrl).toString()}
                size={80}
              />
            </p>
            <p class="hint">{t('feeds.bodyHint')}</p>
          </div>
        ) : null}
        <form method="post" action="/account/calendar">
          <button class="button" type="submit">
            {t('feeds.create')}
          </button>
        </form>
        {feeds.length === 0 ? (
          <p class="empty-state">{t('feeds.none')}</p>
        ) : (
          <table class="data-table">
            <caption>{t('feeds.yours')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('feeds.createdOn')}</th>
                <th scope="col">{t('feeds.state')}</th>
              </tr>
            </thead>
            <tbody>
              {feeds.map((feed) => (
                <tr>
                  <td>{formatDate(locale, feed.createdAt.toISOString().slice(0, 10))}</td>
                  <td>
                    {feed.revokedAt ? (
                      t('feeds.revoked')
                    ) : (
                      <a href={`/account/calendar/${feed.id}/revoke`}>{t('feeds.revoke')}</a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    );
  };

  app.get('/account/calendar', meetingRecords('list'), (c) => feedsPage(c, null));
  app.post('/account/calendar', meetingRecords('list'), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    return feedsPage(c, await createCalendarFeed(db, viewer.userId));
  });
  app.get('/account/calendar/:id/revoke', meetingRecords('list'), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    const t = c.get('t');
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    const title = t('feeds.revokeTitle');
    return sendPrivatePage(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>{t('feeds.revokeWarning')}</p>
        <form method="post" action={`/account/calendar/${id}/revoke`}>
          <button class="button button-warning" type="submit">
            {t('feeds.revoke')}
          </button>{' '}
          <a href="/account/calendar">{t('meetings.cancel')}</a>
        </form>
      </>,
    );
  });
  app.post('/account/calendar/:id/revoke', meetingRecords('list'), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    const id = c.req.param('id');
    if (!isUuid(id)) return c.notFound();
    try {
      await revokeCalendarFeed(db, viewer.userId, id);
    } catch {
      return c.notFound();
    }
    return c.redirect('/account/calendar', 303);
  });

  /**
   * A private feed: the meetings its owner is invited to, or with `?body=` every meeting of that body the
   * owner may see. The owner is who they are today, so a feed follows their rights as they change.
   */
  app.get('/calendar/feeds/:file', meetingRecords('export'), async (c) => {
    const file = c.req.param('file');
    const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const userId = token ? await userOfFeedToken(db, token) : null;
    const account = userId ? await viewerOfUser(db, userId, today()) : null;
    if (!account) return c.notFound();
    const actor = account.actor;
    const body = c.req.query('body');
    const from = new Date(Date.now() - 90 * 86_400_000);
    const rows = body
      ? await meetingsBetween(db, actor, { body, from })
      : await invitedMeetingsOf(db, actor, from);
    return respondWithCalendar(c, calendarOf(baseUrl, c.get('t')('feeds.calendarName'), rows), 'compact.ics');
  });

  /** A body's public feed: the meetings of the body that anyone may see. */
  app.get('/working-groups/:slug/meetings.ics', meetingRecords('export'), async (c) => {
    const slug = c.req.param('slug');
    if (!/^[a-z0-9-]+$/.test(slug)) return c.notFound();
    const [body] = await db.select({ shortName: bodies.shortName }).from(bodies).where(eq(bodies.slug, slug));
    if (!body) return c.notFound();
    const rows = await meetingsBetween(
      db,
      { kind: 'anonymous' },
      { body: slug, from: new Date(Date.now() - 90 * 86_400_000) },
    );
    return respondWithCalendar(c, calendarOf(baseUrl, body.shortName, rows), `${slug}.ics`);
  });

  return app;
}
