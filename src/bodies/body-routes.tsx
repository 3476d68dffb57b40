import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { listEntitiesOn } from '../directory/queries.ts';
import { recentDocuments } from '../documents/queries.ts';
import { RecentDocumentList } from '../documents/views.tsx';
import { upcomingMeetingsOf } from '../meetings/queries.ts';
import { UpcomingMeetingList } from '../meetings/views.tsx';
import type { Actor } from '../policy/actor.ts';
import { declarePolicy, publicRoute } from '../policy/route-policy.ts';
import { fieldErrorsOf, formFailure, readInput } from '../web/command-errors.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { ErrorSummary, Field, type FieldErrors, Form, Select, VersionField } from '../web/forms.tsx';
import { formatDate, today } from '../web/i18n/format.ts';
import { pickText } from '../web/i18n/locales.ts';
import type { Translate } from '../web/i18n/translate.ts';
import { choice, isoDay, optionalDay, optionalText, versionField } from '../web/input.ts';
import { Layout } from '../web/layout.tsx';
import {
  englishWithAnyLanguage,
  LocalizedInputs,
  localizedFields,
  localizedValues,
  optionalLocalized,
} from '../web/localized-fields.tsx';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { markDataChanged, sendPublicPage } from '../web/public-page.ts';
import { latestPlanOf } from '../workplans/queries.ts';
import { BodyWorkPlan } from '../workplans/views.tsx';
import { addChairTerm, addMembership, endChairTerm, endMembership, updateBody } from './commands.ts';
import { ChairLine, SeatHolders } from './components.tsx';
import { type BodyRecord, chairsOfBodyOn, findBody, historyOfBody, membersOfBodyOn } from './queries.ts';
import { bodyMemberships, chairTerms } from './schema.ts';

type Values = Record<string, string>;

const seatsField = (max: number) =>
  z.coerce.number({ error: 'bad_number' }).int('bad_number').min(0, 'bad_number').max(max, 'bad_number');

const bodyForm = z
  .object({
    version: versionField,
    ...localizedFields('mandate', 4000, false),
    torReference: optionalText(200),
    torVersion: optionalText(50),
    torReviewedOn: optionalDay,
    chairSeats: seatsField(4).min(1, 'bad_number'),
    viceChairSeats: seatsField(6),
  })
  .superRefine(englishWithAnyLanguage('mandate'));
const membershipForm = z.object({
  version: versionField,
  entityId: z.uuid({ error: 'unknown_entity' }),
  role: choice(bodyMemberships.role.enumValues),
  since: isoDay,
  until: optionalDay,
});
const termForm = z.object({
  version: versionField,
  entityId: z.uuid({ error: 'unknown_entity' }),
  seat: choice(chairTerms.seat.enumValues),
  since: isoDay,
  until: optionalDay,
});
const endForm = z.object({ version: versionField, until: isoDay });

const administersBodies = () => declarePolicy({ kind: 'records', resource: 'body', action: 'edit' });

/** The day a body's composition is shown for: `?at=YYYY-MM-DD`, today by default. */
const dayFrom = (value: string | undefined) => (value && isoDay.safeParse(value).success ? value : today());

/** A working group's (or the Coordination Committee's) home, and the secretariat's forms for it (issue 4). */
export function bodyHomeRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();

  app.get('/working-groups/:slug', publicRoute(), async (c) => {
    const slug = c.req.param('slug').toLowerCase();
    const found = await deps.cache.remember(`body|${slug}`, () => findBody(db, slug));
    if (!found) return c.notFound();
    const day = dayFrom(c.req.query('at'));
    return sendPublicPage(c, deps.cache, `${found.slug}|${day}`, async (page) => {
      // Read again inside the render: a lookup that began before a change must not be cached after it.
      const body = (await findBody(db, found.id)) ?? found;
      const { t, locale } = page;
      const actor = c.get('viewer')?.actor ?? { kind: 'anonymous' as const };
      const [members, seats, history, meetings, documents, workPlan] = await Promise.all([
        membersOfBodyOn(db, body.id, day),
        chairsOfBodyOn(db, body.id, day),
        historyOfBody(db, body.id),
        upcomingMeetingsOf(db, actor, body.id),
        recentDocuments(db, actor, { bodyId: body.id, limit: 5 }),
        latestPlanOf(db, actor, body.id),
      ]);
      const holders = (seat: 'chair' | 'vice_chair') =>
        seats
          .filter((row) => row.seat === seat)
          .map((row) => ({
            acronym: row.entity.acronym,
            name: row.entity.name,
            seat,
            since: row.since,
            until: row.until,
          }));
      const name = pickText(body.name, locale);
      const isToday = day === today();
      return (
        <Layout page={page} title={`${name} (${body.shortName})`}>
          <h1>
            {name} <span class="acronym">({body.shortName})</span>
          </h1>
          <p class="meta">
            {body.pillar
              ? `${t('pillar.label', { number: body.pillar })} ${t(`pillar.${body.pillar as 1}`)}`
              : t('body.committee')}
          </p>
          {actor.kind === 'secretariat' ? (
            <p>
              <a href={`/working-groups/${body.slug}/admin`}>{t('body.adminLink')}</a>
            </p>
          ) : null}
          {body.mandate ? (
            <section aria-labelledby="body-mandate">
              <h2 id="body-mandate">{t('body.mandate')}</h2>
              <p>{pickText(body.mandate, locale)}</p>
            </section>
          ) : null}
          <section aria-labelledby="body-tor">
            <h2 id="body-tor">{t('body.tor')}</h2>
            {body.torReference ? (
              <p data-testid="body-tor">
                {t('body.torLine', {
                  reference: body.torReference,
                  version: body.torVersion ?? '—',
                  date: body.torReviewedOn ? formatDate(locale, body.torReviewedOn) : '—',
                })}
              </p>
            ) : (
              <p class="empty-state">{t('body.noTor')}</p>
            )}
          </section>
          <section aria-labelledby="body-composition" data-testid="body-composition">
            <h2 id="body-composition">
              {isToday
                ? t('body.compositionToday')
                : t('body.compositionOn', { date: formatDate(locale, day) })}
            </h2>
            <form method="get" action={`/working-groups/${body.slug}`} class="filters">
              <label for="at">{t('body.onDate')}</label>
              <input id="at" name="at" type="date" value={day} />
              <button class="button button-secondary" type="submit">
                {t('annex.show')}
              </button>
            </form>
            <ChairLine page={page} chairs={holders('chair')} showSince />
            {holders('vice_chair').length > 0 ? (
              <SeatHolders
                page={page}
                label={t('body.viceChairs', { count: holders('vice_chair').length })}
                holders={holders('vice_chair')}
                showSince
              />
            ) : null}
            <p class="meta">
              {t('annex.members')}:{' '}
              {members
                .filter((row) => row.role === 'member')
                .map((row) => row.entity.acronym)
                .join(', ') || t('annex.none')}
            </p>
            <p class="meta">
              {t('annex.observers')}:{' '}
              {members
                .filter((row) => row.role === 'observer')
                .map((row) => row.entity.acronym)
                .join(', ') || t('annex.none')}
            </p>
          </section>
          <section aria-labelledby="body-meetings">
            <h2 id="body-meetings">{t('body.upcomingMeetings')}</h2>
            {meetings.length === 0 ? (
              <p class="empty-state">{t('body.noMeetings')}</p>
            ) : (
              <UpcomingMeetingList meetings={meetings} locale={locale} />
            )}
            <p>
              <a href={`/meetings?body=${body.slug}`}>{t('meetings.allOfBody', { body: body.shortName })}</a>
            </p>
          </section>
          <BodyWorkPlan t={t} locale={locale} body={body} plan={workPlan} />
          <section aria-labelledby="body-documents">
            <h2 id="body-documents">{t('body.recentDocuments')}</h2>
            {documents.length === 0 ? (
              <p class="empty-state">{t('body.noDocuments')}</p>
            ) : (
              <RecentDocumentList documents={documents} locale={locale} />
            )}
            <p>
              <a href={`/documents?body=${body.slug}`}>
                {t('documents.allOfBody', { body: body.shortName })}
              </a>
            </p>
          </section>
          <section aria-labelledby="body-history">
            <h2 id="body-history">{t('body.historyHeading')}</h2>
            <table class="responsive-table" data-testid="chair-history">
              <caption>{t('body.termsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('body.colSeat')}</th>
                  <th scope="col">{t('body.colEntity')}</th>
                  <th scope="col">{t('body.colFrom')}</th>
                  <th scope="col">{t('body.colTo')}</th>
                </tr>
              </thead>
              <tbody>
                {history.terms.map((term) => (
                  <tr>
                    <td>{t(`seat.${term.seat}`)}</td>
                    <td>{term.entity.acronym}</td>
                    <td>{formatDate(locale, term.since)}</td>
                    <td>{term.until ? formatDate(locale, term.until) : t('body.ongoing')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table class="responsive-table" data-testid="membership-history">
              <caption>{t('body.membershipsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('body.colEntity')}</th>
                  <th scope="col">{t('body.colRole')}</th>
                  <th scope="col">{t('body.colFrom')}</th>
                  <th scope="col">{t('body.colTo')}</th>
                </tr>
              </thead>
              <tbody>
                {history.memberships.map((row) => (
                  <tr>
                    <td>{row.entity.acronym}</td>
                    <td>{t(`role.body.${row.role}`)}</td>
                    <td>{formatDate(locale, row.since)}</td>
                    <td>{row.until ? formatDate(locale, row.until) : t('body.ongoing')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </Layout>
      );
    });
  });

  const refuse = (c: Context<AppEnv>) => {
    const t = c.get('t');
    return sendMessagePage(c, t('error.forbiddenTitle'), t('body.forbidden'), 403);
  };

  /** The admin page's error summary: links point at the fields of the form that failed. */
  const summaryOf = (failed: { form: FormName; errors: FieldErrors } | null): FieldErrors => {
    if (!failed) return {};
    if (failed.form === 'profile') return failed.errors;
    if (failed.form === 'end') return { form: Object.values(failed.errors).join(' ') };
    return Object.fromEntries(
      Object.entries(failed.errors).map(([field, message]) => [`${failed.form}-${field}`, message]),
    );
  };

  /** Which of the admin page's forms a set of values and errors belongs to. */
  type FormName = 'profile' | 'membership' | 'term' | 'end';
  const adminPage = async (
    c: Context<AppEnv>,
    body: BodyRecord,
    failed: { form: FormName; values: Values; errors: FieldErrors; status: 400 | 409 } | null,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const [history, entityRows] = await Promise.all([
      historyOfBody(db, body.id),
      listEntitiesOn(db, today()),
    ]);
    const errorsOf = (form: FormName) => (failed?.form === form ? failed.errors : {});
    const valuesOf = (form: FormName, defaults: Values) => (failed?.form === form ? failed.values : defaults);
    const profile = valuesOf('profile', {
      torReference: body.torReference ?? '',
      torVersion: body.torVersion ?? '',
      torReviewedOn: body.torReviewedOn ?? '',
      chairSeats: String(body.chairSeats),
      viceChairSeats: String(body.viceChairSeats),
      ...localizedValues('mandate', body.mandate),
    });
    const membership = valuesOf('membership', { role: 'member', since: today() });
    const term = valuesOf('term', { seat: 'chair', since: today() });
    const entityOptions = entityRows.map((row) => ({
      value: row.id,
      label: `${row.acronym} — ${pickText(row.name, locale)}`,
    }));
    const title = t('body.adminTitle', { body: body.shortName });
    const open = <T extends { until: string | null }>(rows: T[]) =>
      rows.filter((row) => row.until === null || row.until >= today());
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={summaryOf(failed)} />
        <h1>{title}</h1>
        <p>
          <a href={`/working-groups/${body.slug}`}>{t('body.backToHome')}</a>
        </p>
        <h2>{t('body.profileHeading')}</h2>
        <Form action={`/working-groups/${body.slug}/admin`}>
          <VersionField version={body.version} />
          <fieldset>
            <legend>{t('body.mandate')}</legend>
            <LocalizedInputs
              locale={locale}
              prefix="mandate"
              multiline
              label={(language) => t('body.mandateIn', { language })}
              values={profile}
              errors={errorsOf('profile')}
            />
          </fieldset>
          <Field
            name="torReference"
            label={t('body.torReference')}
            value={profile.torReference}
            error={errorsOf('profile').torReference}
            required={false}
          />
          <Field
            name="torVersion"
            label={t('body.torVersion')}
            value={profile.torVersion}
            error={errorsOf('profile').torVersion}
            required={false}
          />
          <Field
            name="torReviewedOn"
            type="date"
            label={t('body.torReviewedOn')}
            value={profile.torReviewedOn}
            error={errorsOf('profile').torReviewedOn}
            required={false}
          />
          <Field
            name="chairSeats"
            type="number"
            label={t('body.chairSeats')}
            value={profile.chairSeats}
            error={errorsOf('profile').chairSeats}
          />
          <Field
            name="viceChairSeats"
            type="number"
            label={t('body.viceChairSeats')}
            value={profile.viceChairSeats}
            error={errorsOf('profile').viceChairSeats}
          />
          <button class="button" type="submit">
            {t('form.save')}
          </button>
        </Form>

        <h2>{t('body.termsHeading')}</h2>
        <EndList
          rows={open(history.terms).map((row) => ({
            id: row.id,
            label: `${t(`seat.${row.seat}`)}: ${row.entity.acronym} (${formatDate(locale, row.since)})`,
          }))}
          action={(id) => `/working-groups/${body.slug}/chairs/${id}/end`}
          version={body.version}
          t={t}
          failed={failed?.form === 'end' ? failed : null}
        />
        <h3>{t('body.addTerm')}</h3>
        <DatedEntryForm
          t={t}
          prefix="term"
          action={`/working-groups/${body.slug}/chairs`}
          version={body.version}
          entityOptions={entityOptions}
          choice={{
            name: 'seat',
            label: t('body.colSeat'),
            options: chairTerms.seat.enumValues.map((value) => ({ value, label: t(`seat.${value}`) })),
          }}
          values={term}
          errors={errorsOf('term')}
          submit={t('body.addTermSubmit')}
        />

        <h2>{t('body.membershipsHeading')}</h2>
        <EndList
          rows={open(history.memberships).map((row) => ({
            id: row.id,
            label: `${row.entity.acronym}, ${t(`role.body.${row.role}`)} (${formatDate(locale, row.since)})`,
          }))}
          action={(id) => `/working-groups/${body.slug}/members/${id}/end`}
          version={body.version}
          t={t}
          failed={failed?.form === 'end' ? failed : null}
        />
        <h3>{t('body.addMembership')}</h3>
        <DatedEntryForm
          t={t}
          prefix="membership"
          action={`/working-groups/${body.slug}/members`}
          version={body.version}
          entityOptions={entityOptions}
          choice={{
            name: 'role',
            label: t('body.colRole'),
            options: bodyMemberships.role.enumValues.map((value) => ({
              value,
              label: t(`role.body.${value}`),
            })),
          }}
          values={membership}
          errors={errorsOf('membership')}
          submit={t('body.addMembershipSubmit')}
        />
      </>,
      failed?.status ?? 200,
    );
  };

  /** The body in the path, for the secretariat; otherwise the response to send instead. */
  const forAdmin = async (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    if (viewer.actor.kind !== 'secretariat') return { response: await refuse(c) } as const;
    const body = await findBody(db, c.req.param('slug') ?? '');
    if (!body) return { response: await c.notFound() } as const;
    return { body, viewer } as const;
  };

  app.get('/working-groups/:slug/admin', administersBodies(), async (c) => {
    const found = await forAdmin(c);
    if ('response' in found) return found.response;
    return adminPage(c, found.body, null);
  });

  /**
   * Runs one admin command from a form: reads the form, runs the command, and on failure shows the admin
   * page again with the problems next to the form that failed and the user's input kept.
   */
  const handle =
    <Schema extends z.ZodType>(
      form: FormName,
      schema: Schema,
      run: (input: {
        body: BodyRecord;
        actor: Actor;
        data: z.infer<Schema>;
        values: Values;
        id: string;
      }) => Promise<unknown>,
    ) =>
    async (c: Context<AppEnv>) => {
      const found = await forAdmin(c);
      if ('response' in found) return found.response;
      const t = c.get('t');
      const values = (await c.req.parseBody()) as Values;
      const id = c.req.param('id') ?? '';
      const failedForm = form === 'end' ? { ...values, target: id } : values;
      const input = readInput(schema, values);
      if (input.problems)
        return adminPage(c, found.body, {
          form,
          values: failedForm,
          errors: fieldErrorsOf(t, input.problems),
          status: 400,
        });
      try {
        await run({ body: found.body, actor: found.viewer.actor, data: input.data, values, id });
      } catch (error) {
        const failure = formFailure(t, error);
        if (failure.status === 403) return refuse(c);
        if (failure.status === 404) return c.notFound();
        return adminPage(c, found.body, {
          form,
          values: failedForm,
          errors: failure.errors,
          status: failure.status === 409 ? 409 : 400,
        });
      }
      markDataChanged(c);
      return c.redirect(`/working-groups/${found.body.slug}/admin?saved=1`, 303);
    };

  app.post(
    '/working-groups/:slug/admin',
    administersBodies(),
    handle('profile', bodyForm, ({ body, actor, data, values }) =>
      updateBody(db, actor, body.id, data.version, {
        mandate: optionalLocalized('mandate', values),
        torReference: data.torReference ?? null,
        torVersion: data.torVersion ?? null,
        torReviewedOn: data.torReviewedOn ?? null,
        chairSeats: data.chairSeats,
        viceChairSeats: data.viceChairSeats,
      }),
    ),
  );
  app.post(
    '/working-groups/:slug/members',
    administersBodies(),
    handle('membership', membershipForm, ({ body, actor, data }) =>
      addMembership(db, actor, body.id, data.version, {
        entityId: data.entityId,
        role: data.role,
        since: data.since,
        until: data.until ?? null,
      }),
    ),
  );
  app.post(
    '/working-groups/:slug/chairs',
    administersBodies(),
    handle('term', termForm, ({ body, actor, data }) =>
      addChairTerm(db, actor, body.id, data.version, {
        entityId: data.entityId,
        seat: data.seat,
        since: data.since,
        until: data.until ?? null,
      }),
    ),
  );
  app.post(
    '/working-groups/:slug/members/:id/end',
    administersBodies(),
    handle('end', endForm, ({ body, actor, data, id }) =>
      endMembership(db, actor, body.id, data.version, id, data.until),
    ),
  );
  app.post(
    '/working-groups/:slug/chairs/:id/end',
    administersBodies(),
    handle('end', endForm, ({ body, actor, data, id }) =>
      endChairTerm(db, actor, body.id, data.version, id, data.until),
    ),
  );
  return app;
}

/**
 * The running memberships or terms, each with a small form to end it on a date. A failed end shows its
 * problem and keeps its date next to the row it was for.
 */
function EndList(props: {
  rows: { id: string; label: string }[];
  action: (id: string) => string;
  version: number;
  t: Translate;
  failed: { values: Values; errors: FieldErrors } | null;
}) {
  const { t } = props;
  if (props.rows.length === 0) return <p class="empty-state">{t('body.noneRunning')}</p>;
  return (
    <ul class="end-list">
      {props.rows.map((row) => {
        const failedHere = props.failed?.values.target === row.id ? props.failed : null;
        const field = `until-${row.id}`;
        return (
          <li>
            <form method="post" action={props.action(row.id)} novalidate>
              <VersionField version={props.version} />
              <span>{row.label}</span> <label for={field}>{t('body.endOn')}</label>{' '}
              {failedHere?.errors.until ? (
                <span class="error-message" id={`${field}-error`}>
                  {failedHere.errors.until}
                </span>
              ) : null}
              <input
                id={field}
                name="until"
                type="date"
                value={failedHere?.values.until ?? ''}
                aria-invalid={failedHere?.errors.until ? 'true' : undefined}
                aria-describedby={failedHere?.errors.until ? `${field}-error` : undefined}
              />{' '}
              <button class="button button-secondary" type="submit">
                {t('body.endSubmit')}
              </button>
            </form>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The form for a dated entry of a body's history (a chair term, a membership): an entity, one choice
 * (seat or role), and the first and last day. Its ids carry `prefix`, since the page has two of them.
 */
function DatedEntryForm(props: {
  t: Translate;
  prefix: string;
  action: string;
  version: number;
  entityOptions: { value: string; label: string }[];
  choice: { name: string; label: string; options: { value: string; label: string }[] };
  values: Values;
  errors: FieldErrors;
  submit: string;
}) {
  const { t, prefix, values, errors } = props;
  return (
    <Form action={props.action}>
      <VersionField version={props.version} />
      <Select
        name="entityId"
        id={`${prefix}-entityId`}
        label={t('body.colEntity')}
        placeholder={t('body.chooseEntity')}
        value={values.entityId}
        error={errors.entityId}
        options={props.entityOptions}
      />
      <Select
        name={props.choice.name}
        id={`${prefix}-${props.choice.name}`}
        label={props.choice.label}
        value={values[props.choice.name]}
        error={errors[props.choice.name]}
        options={props.choice.options}
      />
      <Field
        name="since"
        id={`${prefix}-since`}
        type="date"
        label={t('body.colFrom')}
        value={values.since}
        error={errors.since}
      />
      <Field
        name="until"
        id={`${prefix}-until`}
        type="date"
        label={t('body.colTo')}
        hint={t('body.untilHint')}
        value={values.until}
        error={errors.until}
        required={false}
      />
      <button class="button" type="submit">
        {props.submit}
      </button>
    </Form>
  );
}
