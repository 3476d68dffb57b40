import { Readable } from 'node:stream';
import { create as contentDisposition } from 'content-disposition';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { auditedBy, recordAudit, recordRestrictedRead } from '../audit/record.ts';
import { listCountries } from '../countries/queries.ts';
import { isUuid } from '../directory/queries.ts';
import { entities } from '../directory/schema.ts';
import { acceptedTypes } from '../documents/file-types.ts';
import { fileToServe, findDocument } from '../documents/queries.ts';
import { recordOfDocument } from '../documents/rules.ts';
import { DomainError, type Problem, RefusedWith } from '../errors.ts';
import { toCsv } from '../exports/csv.ts';
import type { Actor } from '../policy/actor.ts';
import { type AccessLevel, isRestricted } from '../policy/levels.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import { fieldErrorsOf, formFailure, readInput } from '../web/command-errors.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import {
  asText,
  ErrorSummary,
  Field,
  type FieldErrors,
  Select,
  TextArea,
  VersionField,
} from '../web/forms.tsx';
import { formatDate, formatNumber, today } from '../web/i18n/format.ts';
import { pickText } from '../web/i18n/locales.ts';
import type { Translate } from '../web/i18n/translate.ts';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { markDataChanged } from '../web/public-page.ts';
import {
  createAssessment,
  createRecommendation,
  ctedEntityId,
  type ImportReport,
  importRecommendations,
  recordUptake,
  supersedeRecommendation,
  updateRecommendation,
  updateSharing,
  withdrawUptake,
} from './commands.ts';
import {
  assessmentInput,
  recommendationInput,
  recommendationUpdateInput,
  sharingInput,
  supersedeInput,
  uptakeInput,
} from './input.ts';
import {
  type AssessmentDetail,
  findAssessment,
  findRecommendation,
  gaps,
  listAssessments,
  listRecommendations,
  type RecommendationDetail,
  type RecommendationFilters,
} from './queries.ts';
import { activeStatuses, ctedRecord, mayChangeCtedRecord, mayManageCted, mayRecordUptake } from './rules.ts';
import { assessmentKinds, priorities, recommendationStatuses, themes } from './schema.ts';
import { maxImportBytes, readTable, templateColumns } from './spreadsheet.ts';

type Values = Record<string, string | string[]>;

const listParams = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .optional()
    .catch(undefined),
  theme: z.enum(themes).optional().catch(undefined),
  status: z.enum(recommendationStatuses).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  unaddressed: z.literal('1').optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});
const pageSize = 50;

const records = (resource: string, action: 'list' | 'read' | 'edit' | 'export' | 'download' | 'search') =>
  declarePolicy({ kind: 'records', resource, action });

/** A refusal from CTED's commands in the reader's language, with its precise reason. */
function refusalMessage(t: Translate, error: RefusedWith): string {
  const [problem] = error.problems;
  return problem ? (fieldErrorsOf(t, [problem])[problem.field] ?? t('api.forbidden')) : t('api.forbidden');
}

function RecommendationFields(props: {
  t: Translate;
  values: Values;
  errors: FieldErrors;
  withStatus: boolean;
}) {
  const { t, values, errors } = props;
  return (
    <>
      <TextArea name="text" label={t('cted.fieldText')} value={asText(values.text)} error={errors.text} />
      <Select
        name="theme"
        label={t('cted.fieldTheme')}
        options={themes.map((theme) => ({ value: theme, label: t(`cted.theme.${theme}`) }))}
        value={asText(values.theme)}
        error={errors.theme}
      />
      <Select
        name="priority"
        label={t('cted.fieldPriority')}
        options={priorities.map((priority) => ({ value: priority, label: t(`cted.priority.${priority}`) }))}
        value={asText(values.priority) || 'medium'}
        error={errors.priority}
      />
      {props.withStatus ? (
        <Select
          name="status"
          label={t('cted.fieldStatus')}
          options={(['open', 'in_progress', 'implemented'] as const).map((status) => ({
            value: status,
            label: t(`cted.status.${status}`),
          }))}
          value={asText(values.status) || 'open'}
          error={errors.status}
        />
      ) : null}
      {'issuedOn' in values || !props.withStatus ? (
        <Field
          name="issuedOn"
          type="date"
          label={t('cted.fieldIssuedOn')}
          value={asText(values.issuedOn)}
          error={errors.issuedOn}
        />
      ) : null}
      <Field
        name="dueOn"
        type="date"
        label={t('cted.fieldDueOn')}
        value={asText(values.dueOn)}
        error={errors.dueOn}
        required={false}
      />
    </>
  );
}

/** CTED's assessments, recommendations and their uptake (issue 7): pages for signed-in users. */
export function ctedRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();

  const signedIn = (c: Context<AppEnv>) => c.get('viewer');

  app.get('/cted/recommendations', records('cted-recommendation', 'list'), async (c) => {
    const viewer = signedIn(c);
    if (!viewer) return redirectToSignIn(c);
    const t = c.get('t');
    const locale = c.get('locale');
    const params = listParams.parse(c.req.query());
    const filters: RecommendationFilters = { ...params, unaddressed: params.unaddressed === '1' };
    const { rows, total } = await listRecommendations(db, viewer.actor, filters, {
      limit: pageSize,
      offset: (params.page - 1) * pageSize,
    });
    const states = await listCountries(db, viewer.actor);
    const cted = await ctedEntityId(db);
    const query = new URLSearchParams(
      Object.entries({ ...params, page: undefined }).flatMap(([key, value]) =>
        value === undefined ? [] : [[key, String(value)]],
      ),
    ).toString();
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const title = t('cted.recommendationsTitle');
    return sendPrivatePage(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>{t('cted.recommendationsLead')}</p>
        {mayManageCted(viewer.actor, cted) ? (
          <p class="actions">
            <a class="button" href="/cted/assessments/new">
              {t('cted.newAssessment')}
            </a>{' '}
            <a class="button" href="/cted/import">
              {t('cted.importTitle')}
            </a>
          </p>
        ) : null}
        <search>
          <form method="get" action="/cted/recommendations" class="search-form">
            <label for="q">{t('cted.searchLabel')}</label>
            <input id="q" name="q" type="search" value={params.q ?? ''} />
            <label for="country">{t('cted.fieldCountry')}</label>
            <select id="country" name="country">
              <option value="">{t('cted.anyCountry')}</option>
              {states
                .map((state) => ({ value: state.iso3, label: pickText(state.name, locale) }))
                .sort((a, b) => a.label.localeCompare(b.label, locale))
                .map((option) => (
                  <option value={option.value} selected={option.value === params.country?.toUpperCase()}>
                    {option.label}
                  </option>
                ))}
            </select>
            <label for="theme">{t('cted.fieldTheme')}</label>
            <select id="theme" name="theme">
              <option value="">{t('cted.anyTheme')}</option>
              {themes.map((theme) => (
                <option value={theme} selected={theme === params.theme}>
                  {t(`cted.theme.${theme}`)}
                </option>
              ))}
            </select>
            <label for="status">{t('cted.fieldStatus')}</label>
            <select id="status" name="status">
              <option value="">{t('cted.anyStatus')}</option>
              {recommendationStatuses.map((status) => (
                <option value={status} selected={status === params.status}>
                  {t(`cted.status.${status}`)}
                </option>
              ))}
            </select>
            <label>
              <input type="checkbox" name="unaddressed" value="1" checked={params.unaddressed === '1'} />{' '}
              {t('cted.unaddressedOnly')}
            </label>
            <button class="button" type="submit">
              {t('cted.filter')}
            </button>
          </form>
        </search>
        <p role="status" data-testid="result-count">
          {t('cted.resultCount', { count: total })} ·{' '}
          <a href={`/cted/recommendations.csv${query ? `?${query}` : ''}`}>{t('cted.exportCsv')}</a>
        </p>
        {rows.length === 0 ? (
          <p class="empty-state">{t('cted.noRecommendations')}</p>
        ) : (
          <table class="responsive-table" data-testid="recommendations">
            <caption>{t('cted.recommendationsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cted.fieldCountry')}</th>
                <th scope="col">{t('cted.fieldText')}</th>
                <th scope="col">{t('cted.fieldTheme')}</th>
                <th scope="col">{t('cted.fieldPriority')}</th>
                <th scope="col">{t('cted.fieldStatus')}</th>
                <th scope="col">{t('cted.colUptake')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>{pickText(row.country, locale)}</td>
                  <td>
                    <a href={`/cted/recommendations/${row.id}`}>{row.text}</a>
                  </td>
                  <td>{t(`cted.theme.${row.theme as (typeof themes)[number]}`)}</td>
                  <td>{t(`cted.priority.${row.priority}`)}</td>
                  <td>{t(`cted.status.${row.status}`)}</td>
                  <td>{formatNumber(locale, row.uptakes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 ? (
          <nav aria-label={t('pagination.label')} class="filters">
            {params.page > 1 ? (
              <a href={`/cted/recommendations?${query}&page=${params.page - 1}`} rel="prev">
                {t('pagination.previous')}
              </a>
            ) : null}
            <span>{t('pagination.position', { page: params.page, pages })}</span>
            {params.page < pages ? (
              <a href={`/cted/recommendations?${query}&page=${params.page + 1}`} rel="next">
                {t('pagination.next')}
              </a>
            ) : null}
          </nav>
        ) : null}
      </>,
    );
  });

  app.get('/cted/recommendations.csv', records('cted-recommendation', 'export'), async (c) => {
    const viewer = signedIn(c);
    if (!viewer) return redirectToSignIn(c);
    const t = c.get('t');
    const params = listParams.parse(c.req.query());
    const { rows } = await listRecommendations(
      db,
      viewer.actor,
      { ...params, unaddressed: params.unaddressed === '1' },
      { limit: 10_000, offset: 0 },
    );
    const csv = toCsv(
      ['country', 'theme', 'priority', 'status', 'issued_on', 'due_on', 'uptakes', 'text', 'id'],
      rows.map((row) => [
        row.iso3,
        row.theme,
        row.priority,
        row.status,
        row.issuedOn,
        row.dueOn,
        row.uptakes,
        row.text,
        row.id,
      ]),
    );
    // An export of restricted recommendations is a download of each of them: it is audited, once, with
    // what was asked and how many restricted rows left (ADR 0014).
    const restricted = rows.filter((row) => isRestricted(row.level as AccessLevel)).length;
    if (restricted > 0) {
      await recordAudit(db, {
        action: 'record.exported',
        subjectType: 'cted_recommendation',
        subjectId: null,
        subjectOwnerEntityId: await ctedEntityId(db),
        ...auditedBy(viewer.actor),
        details: { rows: rows.length, restricted, filters: params },
      });
    }
    c.header('Cache-Control', 'private, no-store');
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${t('cted.csvName')}-${today()}.csv"`,
    });
  });

  /** A recommendation the viewer may see, or null (missing and hidden read the same). */
  const visibleRecommendation = async (c: Context<AppEnv>, actor: Actor) => {
    const id = c.req.param('id') ?? '';
    return isUuid(id) ? findRecommendation(db, actor, id) : null;
  };

  const recommendationPage = async (
    c: Context<AppEnv>,
    recommendation: RecommendationDetail,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 403 | 409 = 200,
  ) => {
    const viewer = c.get('viewer');
    const actor = viewer?.actor ?? ({ kind: 'anonymous' } as Actor);
    const t = c.get('t');
    const locale = c.get('locale');
    const record = ctedRecord(recommendation);
    const active = activeStatuses.includes(recommendation.status);
    const ownUptake =
      actor.kind === 'entity' ? recommendation.uptakes.find((u) => u.entityId === actor.entityId) : null;
    const title = t('cted.recommendationTitle', { country: pickText(recommendation.state.name, locale) });
    await recordRestrictedRead(
      db,
      actor,
      { type: 'cted_recommendation', id: recommendation.id, record },
      'read',
    );
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p class="meta">
          {t(`cted.theme.${recommendation.theme as (typeof themes)[number]}`)} ·{' '}
          {t(`cted.priority.${recommendation.priority}`)} ·{' '}
          <strong data-testid="status">{t(`cted.status.${recommendation.status}`)}</strong> ·{' '}
          {t(`level.${recommendation.level}`)}
        </p>
        <p data-testid="recommendation-text">{recommendation.text}</p>
        <dl class="facts">
          <dt>{t('cted.fieldAssessment')}</dt>
          <dd>
            <a href={`/cted/assessments/${recommendation.assessment.id}`}>
              {t(`cted.kind.${recommendation.assessment.kind}`)}:{' '}
              {formatDate(locale, recommendation.assessment.visitStart)}
            </a>
          </dd>
          <dt>{t('cted.fieldIssuedOn')}</dt>
          <dd>{formatDate(locale, recommendation.issuedOn)}</dd>
          {recommendation.dueOn ? (
            <>
              <dt>{t('cted.fieldDueOn')}</dt>
              <dd>{formatDate(locale, recommendation.dueOn)}</dd>
            </>
          ) : null}
          {recommendation.supersededById ? (
            <>
              <dt>{t('cted.supersededBy')}</dt>
              <dd>
                <a href={`/cted/recommendations/${recommendation.supersededById}`}>
                  {t('cted.newerRecommendation')}
                </a>
              </dd>
            </>
          ) : null}
          {recommendation.supersedesId ? (
            <>
              <dt>{t('cted.supersedes')}</dt>
              <dd>
                <a href={`/cted/recommendations/${recommendation.supersedesId}`}>
                  {t('cted.olderRecommendation')}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
        {mayChangeCtedRecord(actor, record) && recommendation.status !== 'superseded' ? (
          <p class="actions">
            <a class="button" href={`/cted/recommendations/${recommendation.id}/edit`}>
              {t('cted.edit')}
            </a>{' '}
            <a class="button" href={`/cted/recommendations/${recommendation.id}/supersede`}>
              {t('cted.supersede')}
            </a>
          </p>
        ) : null}
        <section aria-labelledby="uptake-heading">
          <h2 id="uptake-heading">{t('cted.uptakeHeading')}</h2>
          {recommendation.uptakes.length === 0 ? (
            <p class="empty-state">{t('cted.noUptake')}</p>
          ) : (
            <ul data-testid="uptakes">
              {recommendation.uptakes.map((uptake) => (
                <li>
                  <a href={`/members/${uptake.slug}`}>{uptake.acronym}</a> ({formatDate(locale, uptake.since)}
                  ): {uptake.note}
                  {ownUptake?.id === uptake.id ? (
                    <form method="post" action={`/cted/uptakes/${uptake.id}/withdraw`} class="inline-form">
                      <button class="button-link" type="submit">
                        {t('cted.withdrawUptake')}
                      </button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {mayRecordUptake(actor, record) && active && !ownUptake ? (
            <form method="post" action={`/cted/recommendations/${recommendation.id}/uptake`} novalidate>
              <h3>{t('cted.recordUptake')}</h3>
              <TextArea
                name="note"
                label={t('cted.fieldNote')}
                hint={t('cted.noteHint')}
                value={asText(values.note)}
                error={errors.note}
              />
              <Field
                name="since"
                type="date"
                label={t('cted.fieldSince')}
                value={asText(values.since) || today()}
                error={errors.since}
              />
              <button class="button" type="submit">
                {t('cted.recordUptake')}
              </button>
            </form>
          ) : null}
        </section>
      </>,
      status,
    );
  };

  app.get('/cted/recommendations/:id', records('cted-recommendation', 'read'), async (c) => {
    const viewer = signedIn(c);
    if (!viewer) return redirectToSignIn(c);
    const recommendation = await visibleRecommendation(c, viewer.actor);
    if (!recommendation) return c.notFound();
    return recommendationPage(c, recommendation, {}, {});
  });

  app.post('/cted/recommendations/:id/uptake', records('cted-uptake', 'edit'), async (c) => {
    const viewer = signedIn(c);
    if (!viewer) return redirectToSignIn(c);
    const recommendation = await visibleRecommendation(c, viewer.actor);
    if (!recommendation) return c.notFound();
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(uptakeInput, values);
    if (!input.data)
      return recommendationPage(c, recommendation, values, fieldErrorsOf(t, input.problems), 400);
    try {
      await recordUptake(db, viewer.actor, recommendation.id, input.data);
      markDataChanged(c);
      return c.redirect(`/cted/recommendations/${recommendation.id}`, 303);
    } catch (error) {
      if (error instanceof RefusedWith)
        return sendMessagePage(c, t('error.forbiddenTitle'), refusalMessage(t, error), 403);
      const failure = formFailure(t, error);
      if (failure.status === 404 || failure.status === 403) return c.notFound();
      return recommendationPage(c, recommendation, values, failure.errors, 400);
    }
  });

  app.post('/cted/uptakes/:id/withdraw', records('cted-uptake', 'edit'), async (c) => {
    const viewer = signedIn(c);
    if (!viewer) return redirectToSignIn(c);
    const id = c.req.param('id') ?? '';
    if (!isUuid(id)) return c.notFound();
    try {
      const recommendationId = await withdrawUptake(db, viewer.actor, id);
      markDataChanged(c);
      return c.redirect(`/cted/recommendations/${recommendationId}`, 303);
    } catch (error) {
      if (error instanceof DomainError) return c.notFound();
      throw error;
    }
  });

  /** A recommendation CTED may change, or the answer to send instead. */
  const forChange = async (c: Context<AppEnv>) => {
    const viewer = signedIn(c);
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    const recommendation = await visibleRecommendation(c, viewer.actor);
    if (!recommendation) return { response: c.notFound() } as const;
    const t = c.get('t');
    if (!mayChangeCtedRecord(viewer.actor, ctedRecord(recommendation))) {
      return {
        response: sendMessagePage(c, t('error.forbiddenTitle'), t('problem.cted_only'), 403),
      } as const;
    }
    if (recommendation.status === 'superseded') {
      return {
        response: sendMessagePage(c, t('error.forbiddenTitle'), t('problem.cted_superseded'), 409),
      } as const;
    }
    return { viewer, recommendation, t } as const;
  };

  const changePage = async (
    c: Context<AppEnv>,
    mode: 'edit' | 'supersede',
    recommendation: RecommendationDetail,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const title = t(mode === 'edit' ? 'cted.editTitle' : 'cted.supersedeTitle');
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        {mode === 'supersede' ? (
          <>
            <p>{t('cted.supersedeHint')}</p>
            <blockquote>{recommendation.text}</blockquote>
          </>
        ) : null}
        <form method="post" action={`/cted/recommendations/${recommendation.id}/${mode}`} novalidate>
          <VersionField version={asText(values.version) || recommendation.version} />
          <RecommendationFields t={t} values={values} errors={errors} withStatus={mode === 'edit'} />
          <button class="button" type="submit">
            {t(mode === 'edit' ? 'form.save' : 'cted.supersede')}
          </button>
        </form>
      </>,
      status,
    );
  };

  for (const mode of ['edit', 'supersede'] as const) {
    app.get(`/cted/recommendations/:id/${mode}`, records('cted-recommendation', 'edit'), async (c) => {
      const found = await forChange(c);
      if ('response' in found) return found.response;
      const r = found.recommendation;
      const values: Values = {
        version: String(r.version),
        text: mode === 'edit' ? r.text : '',
        theme: r.theme,
        priority: r.priority,
        status: r.status,
        dueOn: mode === 'edit' ? (r.dueOn ?? '') : '',
        ...(mode === 'supersede' ? { issuedOn: today() } : {}),
      };
      return changePage(c, mode, r, values, {});
    });
    app.post(`/cted/recommendations/:id/${mode}`, records('cted-recommendation', 'edit'), async (c) => {
      const found = await forChange(c);
      if ('response' in found) return found.response;
      const { t, viewer, recommendation } = found;
      const values = (await c.req.parseBody()) as Values;
      const input = readInput(mode === 'edit' ? recommendationUpdateInput : supersedeInput, values);
      if (!input.data)
        return changePage(c, mode, recommendation, values, fieldErrorsOf(t, input.problems), 400);
      try {
        let id = recommendation.id;
        if (mode === 'edit') {
          const data = input.data as z.infer<typeof recommendationUpdateInput>;
          await updateRecommendation(db, viewer.actor, recommendation.id, data, today());
        } else {
          const data = input.data as z.infer<typeof supersedeInput>;
          id = await supersedeRecommendation(db, viewer.actor, recommendation.id, data, today());
        }
        markDataChanged(c);
        return c.redirect(`/cted/recommendations/${id}`, 303);
      } catch (error) {
        const failure = formFailure(t, error);
        if (failure.status === 403 || failure.status === 404) return c.notFound();
        const current = await findRecommendation(db, viewer.actor, recommendation.id);
        const kept = failure.status === 409 ? { ...values, version: String(current?.version ?? '') } : values;
        return changePage(
          c,
          mode,
          current ?? recommendation,
          kept,
          failure.errors,
          failure.status === 409 ? 409 : 400,
        );
      }
    });
  }

  app.get('/cted/assessments', records('cted-assessment', 'list'), async (c) => {
    const viewer = signedIn(c);
    if (!viewer) return redirectToSignIn(c);
    const t = c.get('t');
    const locale = c.get('locale');
    const rows = await listAssessments(db, viewer.actor);
    const title = t('cted.assessmentsTitle');
    return sendPrivatePage(
      c,
      title,
      <>
        <h1>{title}</h1>
        {mayManageCted(viewer.actor, await ctedEntityId(db)) ? (
          <p>
            <a class="button" href="/cted/assessments/new">
              {t('cted.newAssessment')}
            </a>
          </p>
        ) : null}
        {rows.length === 0 ? (
          <p class="empty-state">{t('cted.noAssessments')}</p>
        ) : (
          <ul data-testid="assessments">
            {rows.map((row) => (
              <li>
                <a href={`/cted/assessments/${row.id}`}>
                  {pickText(row.country, locale)}: {t(`cted.kind.${row.kind}`)},{' '}
                  {formatDate(locale, row.visitStart)}
                </a>{' '}
                <span class="meta">
                  · {t(`level.${row.level as 'un_system'}`)} ·{' '}
                  {t('cted.recommendationCount', { count: row.recommendations })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });

  const assessmentFormPage = async (
    c: Context<AppEnv>,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const states = await listCountries(db, { kind: 'anonymous' });
    const entityRows = await db
      .select({ slug: entities.slug, acronym: entities.acronym })
      .from(entities)
      .orderBy(entities.acronym);
    const title = t('cted.newAssessment');
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <form method="post" action="/cted/assessments/new" novalidate>
          <Select
            name="country"
            label={t('cted.fieldCountry')}
            placeholder={t('cted.chooseCountry')}
            options={states
              .map((state) => ({ value: state.iso3, label: pickText(state.name, locale) }))
              .sort((a, b) => a.label.localeCompare(b.label, locale))}
            value={asText(values.country)}
            error={errors.country}
          />
          <Select
            name="kind"
            label={t('cted.fieldKind')}
            options={assessmentKinds.map((kind) => ({ value: kind, label: t(`cted.kind.${kind}`) }))}
            value={asText(values.kind)}
            error={errors.kind}
          />
          <Field
            name="visitStart"
            type="date"
            label={t('cted.fieldVisitStart')}
            value={asText(values.visitStart)}
            error={errors.visitStart}
          />
          <Field
            name="visitEnd"
            type="date"
            label={t('cted.fieldVisitEnd')}
            value={asText(values.visitEnd)}
            error={errors.visitEnd}
          />
          <SharingFields t={t} values={values} errors={errors} entities={entityRows} />
          <Field
            name="reportDocument"
            label={t('cted.fieldReport')}
            hint={t('cted.reportHint')}
            value={asText(values.reportDocument)}
            error={errors.reportDocument}
            required={false}
          />
          <TextArea
            name="summary"
            label={t('cted.fieldSummary')}
            value={asText(values.summary)}
            error={errors.summary}
          />
          <button class="button" type="submit">
            {t('cted.createAssessment')}
          </button>
        </form>
      </>,
      status,
    );
  };

  const ctedOnly = async (c: Context<AppEnv>) => {
    const viewer = signedIn(c);
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    const t = c.get('t');
    if (!mayManageCted(viewer.actor, await ctedEntityId(db))) {
      return {
        response: sendMessagePage(c, t('error.forbiddenTitle'), t('problem.cted_only'), 403),
      } as const;
    }
    return { viewer, t } as const;
  };

  app.get('/cted/assessments/new', records('cted-assessment', 'edit'), async (c) => {
    const found = await ctedOnly(c);
    if ('response' in found) return found.response;
    return assessmentFormPage(c, { kind: 'follow_up' }, {});
  });

  app.post('/cted/assessments/new', records('cted-assessment', 'edit'), async (c) => {
    const found = await ctedOnly(c);
    if ('response' in found) return found.response;
    const { t, viewer } = found;
    const values = (await c.req.parseBody({ all: true })) as Values;
    const input = readInput(assessmentInput, values);
    if (!input.data) return assessmentFormPage(c, values, fieldErrorsOf(t, input.problems), 400);
    try {
      const id = await createAssessment(db, viewer.actor, input.data);
      markDataChanged(c);
      return c.redirect(`/cted/assessments/${id}`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403 || failure.status === 404) return c.notFound();
      return assessmentFormPage(c, values, failure.errors, 400);
    }
  });

  const visibleAssessment = async (c: Context<AppEnv>, actor: Actor) => {
    const id = c.req.param('id') ?? '';
    return isUuid(id) ? findAssessment(db, actor, id) : null;
  };

  const assessmentPage = async (
    c: Context<AppEnv>,
    assessment: AssessmentDetail,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const viewer = c.get('viewer');
    const actor = viewer?.actor ?? ({ kind: 'anonymous' } as Actor);
    const t = c.get('t');
    const locale = c.get('locale');
    const record = ctedRecord(assessment);
    await recordRestrictedRead(db, actor, { type: 'cted_assessment', id: assessment.id, record }, 'read');
    const { rows } = await listRecommendations(
      db,
      actor,
      { assessmentId: assessment.id },
      { limit: 500, offset: 0 },
    );
    const mayChange = mayChangeCtedRecord(actor, record);
    const entityRows = mayChange
      ? await db
          .select({ slug: entities.slug, acronym: entities.acronym })
          .from(entities)
          .orderBy(entities.acronym)
      : [];
    const title = t('cted.assessmentTitle', {
      kind: t(`cted.kind.${assessment.kind}`),
      country: pickText(assessment.state.name, locale),
    });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p class="meta">
          {formatDate(locale, assessment.visitStart)} – {formatDate(locale, assessment.visitEnd)} ·{' '}
          <strong>{t(`level.${assessment.level}`)}</strong>
        </p>
        <dl class="facts">
          <dt>{t('cted.fieldWiderSharing')}</dt>
          <dd>{t(assessment.widerSharing ? 'cted.sharingAgreed' : 'cted.sharingNotAgreed')}</dd>
          {assessment.namedEntities.length > 0 ? (
            <>
              <dt>{t('cted.fieldNamedEntities')}</dt>
              <dd>{assessment.namedEntities.map((entity) => entity.acronym).join(', ')}</dd>
            </>
          ) : null}
          {assessment.reportDocumentId ? (
            <>
              <dt>{t('cted.fieldReport')}</dt>
              <dd>
                <a href={`/cted/assessments/${assessment.id}/report`}>{t('cted.downloadReport')}</a>
              </dd>
            </>
          ) : null}
        </dl>
        {assessment.summary ? <p>{assessment.summary}</p> : null}
        <h2>{t('cted.recommendationsTitle')}</h2>
        {rows.length === 0 ? (
          <p class="empty-state">{t('cted.noRecommendations')}</p>
        ) : (
          <ul data-testid="assessment-recommendations">
            {rows.map((row) => (
              <li>
                <a href={`/cted/recommendations/${row.id}`}>{row.text}</a>{' '}
                <span class="meta">· {t(`cted.status.${row.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
        {mayChange ? (
          <>
            <form method="post" action={`/cted/assessments/${assessment.id}/sharing`} novalidate>
              <h2>{t('cted.sharingHeading')}</h2>
              <VersionField version={assessment.version} />
              <SharingFields
                t={t}
                values={{
                  widerSharing: assessment.widerSharing ? 'on' : '',
                  namedEntities: entityRows
                    .filter((row) => assessment.namedEntities.some((n) => n.slug === row.slug))
                    .map((row) => row.slug),
                }}
                errors={{}}
                entities={entityRows}
              />
              <button class="button" type="submit">
                {t('form.save')}
              </button>
            </form>
            <form method="post" action={`/cted/assessments/${assessment.id}/recommendations`} novalidate>
              <h2>{t('cted.addRecommendation')}</h2>
              <RecommendationFields
                t={t}
                values={{ issuedOn: today(), ...values }}
                errors={errors}
                withStatus={true}
              />
              <button class="button" type="submit">
                {t('cted.addRecommendation')}
              </button>
            </form>
          </>
        ) : null}
      </>,
      status,
    );
  };

  app.get('/cted/assessments/:id', records('cted-assessment', 'read'), async (c) => {
    const viewer = signedIn(c);
    if (!viewer) return redirectToSignIn(c);
    const assessment = await visibleAssessment(c, viewer.actor);
    if (!assessment) return c.notFound();
    return assessmentPage(c, assessment, {}, {});
  });

  app.post('/cted/assessments/:id/sharing', records('cted-assessment', 'edit'), async (c) => {
    const viewer = signedIn(c);
    if (!viewer) return redirectToSignIn(c);
    const assessment = await visibleAssessment(c, viewer.actor);
    if (!assessment) return c.notFound();
    const t = c.get('t');
    const values = (await c.req.parseBody({ all: true })) as Values;
    const input = readInput(sharingInput, values);
    if (!input.data) return assessmentPage(c, assessment, {}, fieldErrorsOf(t, input.problems), 400);
    try {
      await updateSharing(db, viewer.actor, assessment.id, input.data);
      markDataChanged(c);
      return c.redirect(`/cted/assessments/${assessment.id}`, 303);
    } catch (error) {
      if (error instanceof RefusedWith)
        return sendMessagePage(c, t('error.forbiddenTitle'), refusalMessage(t, error), 403);
      const failure = formFailure(t, error);
      if (failure.status === 404) return c.notFound();
      const current = (await findAssessment(db, viewer.actor, assessment.id)) ?? assessment;
      return assessmentPage(c, current, {}, failure.errors, failure.status === 409 ? 409 : 400);
    }
  });

  app.post('/cted/assessments/:id/recommendations', records('cted-recommendation', 'edit'), async (c) => {
    const viewer = signedIn(c);
    if (!viewer) return redirectToSignIn(c);
    const assessment = await visibleAssessment(c, viewer.actor);
    if (!assessment) return c.notFound();
    const t = c.get('t');
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(recommendationInput, { ...values, assessment: assessment.id });
    if (!input.data) return assessmentPage(c, assessment, values, fieldErrorsOf(t, input.problems), 400);
    try {
      const id = await createRecommendation(db, viewer.actor, input.data, today());
      markDataChanged(c);
      return c.redirect(`/cted/recommendations/${id}`, 303);
    } catch (error) {
      if (error instanceof RefusedWith)
        return sendMessagePage(c, t('error.forbiddenTitle'), refusalMessage(t, error), 403);
      const failure = formFailure(t, error);
      if (failure.status === 404 || failure.status === 403) return c.notFound();
      return assessmentPage(c, assessment, values, failure.errors, 400);
    }
  });

  /**
   * The report of an assessment, for whoever may see the assessment: UN entities when the State agreed,
   * the named entities otherwise, and always the State assessed (ADR 0025). The file is read as its owner
   * would read it; the download is audited as the reader's.
   */
  app.get('/cted/assessments/:id/report', records('cted-assessment', 'download'), async (c) => {
    const viewer = signedIn(c);
    if (!viewer) return redirectToSignIn(c);
    const assessment = await visibleAssessment(c, viewer.actor);
    if (!assessment?.reportDocumentId) return c.notFound();
    const owner: Actor = {
      kind: 'entity',
      userId: viewer.userId,
      entityId: assessment.ownerEntityId,
      entityKind: 'un',
      focalPoint: false,
      bodyIds: [],
      chairedBodyIds: [],
    };
    const document = await findDocument(db, owner, assessment.reportDocumentId);
    const version = document
      ? (fileToServe(document, { language: c.get('locale') }) ?? fileToServe(document, {}))
      : null;
    if (!document || !version) return c.notFound();
    const stream = await deps.blobs.open(version.sha256);
    if (!stream) return c.notFound();
    await recordRestrictedRead(
      db,
      viewer.actor,
      { type: 'document', id: document.id, record: recordOfDocument(document) },
      'download',
    );
    const type = acceptedTypes[version.fileType as keyof typeof acceptedTypes] ?? 'application/octet-stream';
    const policy = "default-src 'none'; sandbox";
    c.set('filePolicy', policy);
    return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
      'Content-Type': type,
      'Content-Length': String(version.size),
      'Content-Disposition': contentDisposition(version.fileName, { type: 'attachment' }),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
  });

  app.get('/cted/gaps', records('cted-recommendation', 'list'), async (c) => {
    const viewer = signedIn(c);
    if (!viewer) return redirectToSignIn(c);
    const t = c.get('t');
    const locale = c.get('locale');
    const found = await gaps(db, viewer.actor);
    const title = t('cted.gapsTitle');
    return sendPrivatePage(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>{t('cted.gapsLead')}</p>
        <div class="two-columns">
          <table class="responsive-table" data-testid="gaps-by-country">
            <caption>{t('cted.gapsByCountry')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cted.fieldCountry')}</th>
                <th scope="col">{t('cted.colUnaddressed')}</th>
              </tr>
            </thead>
            <tbody>
              {found.byCountry.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={`/cted/recommendations?country=${row.iso3}&unaddressed=1`}>
                      {pickText(row.name, locale)}
                    </a>
                  </th>
                  <td>{formatNumber(locale, row.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table class="responsive-table" data-testid="gaps-by-theme">
            <caption>{t('cted.gapsByTheme')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cted.fieldTheme')}</th>
                <th scope="col">{t('cted.colUnaddressed')}</th>
              </tr>
            </thead>
            <tbody>
              {found.byTheme.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={`/cted/recommendations?theme=${row.theme}&unaddressed=1`}>
                      {(themes as readonly string[]).includes(row.theme)
                        ? t(`cted.theme.${row.theme}`)
                        : row.theme}
                    </a>
                  </th>
                  <td>{formatNumber(locale, row.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {found.byCountry.length === 0 ? <p class="empty-state">{t('cted.noGaps')}</p> : null}
      </>,
    );
  });

  app.get('/cted/import/template.csv', records('cted-recommendation', 'edit'), async (c) => {
    const csv = toCsv(
      [...templateColumns],
      [
        [
          'KEN',
          '2022-02-07',
          'border_management',
          'high',
          'open',
          today(),
          '',
          'The text of the recommendation.',
        ],
      ],
    );
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="cted-recommendations-template.csv"',
    });
  });

  const importPage = async (
    c: Context<AppEnv>,
    report: ImportReport | null,
    problem: Problem | null,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const errors = problem ? fieldErrorsOf(t, [problem]) : {};
    const title = t('cted.importTitle');
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p>
          {t('cted.importHint', { columns: templateColumns.join(', ') })}{' '}
          <a href="/cted/import/template.csv">{t('cted.template')}</a>
        </p>
        <p>{t('cted.themesHint', { themes: themes.join(', ') })}</p>
        {report ? (
          <section aria-labelledby="report-heading" data-testid="import-report">
            <h2 id="report-heading">{t('cted.reportHeading')}</h2>
            {report.problems.length === 0 ? (
              <p class="notice" role="status">
                {report.added > 0
                  ? t('cted.imported', { count: report.added })
                  : t('cted.dryRunOk', { count: report.valid })}
              </p>
            ) : (
              <>
                <p class="error-message" role="alert">
                  {t('cted.importRefused', { count: report.problems.length })}
                </p>
                <table class="responsive-table">
                  <caption>{t('cted.problemsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('cted.colRow')}</th>
                      <th scope="col">{t('cted.colColumn')}</th>
                      <th scope="col">{t('cted.colProblem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.problems.map((rowProblem) => (
                      <tr>
                        <td>{formatNumber(locale, rowProblem.row)}</td>
                        <td>{rowProblem.field}</td>
                        <td>{fieldErrorsOf(t, [rowProblem])[rowProblem.field]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        ) : null}
        <form method="post" action="/cted/import" enctype="multipart/form-data" novalidate>
          <div class={errors.file ? 'field field-error' : 'field'}>
            <label for="file">{t('cted.fieldFile')}</label>
            {errors.file ? (
              <p class="error-message" id="file-error">
                {errors.file}
              </p>
            ) : null}
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,.xlsx"
              aria-describedby={errors.file ? 'file-error' : undefined}
            />
          </div>
          <p class="actions">
            <button class="button" type="submit" name="mode" value="dry_run">
              {t('cted.dryRun')}
            </button>{' '}
            <button class="button" type="submit" name="mode" value="import">
              {t('cted.importNow')}
            </button>
          </p>
        </form>
      </>,
      status,
    );
  };

  app.get('/cted/import', records('cted-recommendation', 'edit'), async (c) => {
    const found = await ctedOnly(c);
    if ('response' in found) return found.response;
    return importPage(c, null, null);
  });

  app.post('/cted/import', records('cted-recommendation', 'edit'), async (c) => {
    const found = await ctedOnly(c);
    if ('response' in found) return found.response;
    const declared = Number(c.req.header('Content-Length') ?? '0');
    if (declared > maxImportBytes + 64 * 1024) {
      return importPage(c, null, { field: 'file', code: 'cted_import_too_large' }, 400);
    }
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) {
      return importPage(c, null, { field: 'file', code: 'file_required' }, 400);
    }
    const read = await readTable(file.name, new Uint8Array(await file.arrayBuffer()));
    if ('problem' in read) return importPage(c, null, { field: 'file', code: read.problem }, 400);
    try {
      const report = await importRecommendations(db, found.viewer.actor, read.table, {
        dryRun: body.mode !== 'import',
        today: today(),
      });
      if (report.added > 0) markDataChanged(c);
      return importPage(c, report, null, report.problems.length > 0 ? 400 : 200);
    } catch (error) {
      if (error instanceof RefusedWith) {
        return sendMessagePage(c, found.t('error.forbiddenTitle'), refusalMessage(found.t, error), 403);
      }
      throw error;
    }
  });

  return app;
}

function SharingFields(props: {
  t: Translate;
  values: Values;
  errors: FieldErrors;
  entities: { slug: string; acronym: string }[];
}) {
  const { t, values, errors } = props;
  const chosen = Array.isArray(values.namedEntities)
    ? values.namedEntities
    : values.namedEntities
      ? [values.namedEntities]
      : [];
  return (
    <fieldset>
      <legend>{t('cted.sharingLegend')}</legend>
      <div class="field">
        <label>
          <input
            type="checkbox"
            name="widerSharing"
            value="on"
            checked={asText(values.widerSharing) === 'on'}
          />{' '}
          {t('cted.fieldWiderSharing')}
        </label>
        <p class="hint">{t('cted.widerSharingHint')}</p>
      </div>
      <div class={errors.namedEntities ? 'field field-error' : 'field'}>
        <label for="namedEntities">{t('cted.fieldNamedEntities')}</label>
        <p class="hint" id="namedEntities-hint">
          {t('cted.namedHint')}
        </p>
        {errors.namedEntities ? <p class="error-message">{errors.namedEntities}</p> : null}
        <select
          id="namedEntities"
          name="namedEntities"
          multiple
          size={6}
          aria-describedby="namedEntities-hint"
        >
          {props.entities.map((entity) => (
            <option value={entity.slug} selected={chosen.includes(entity.slug)}>
              {entity.acronym}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
