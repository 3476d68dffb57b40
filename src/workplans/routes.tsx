import { asc } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { recordRestrictedRead } from '../audit/record.ts';
import { findBody } from '../bodies/queries.ts';
import { isUuid } from '../directory/queries.ts';
import { entities } from '../directory/schema.ts';
import { toCsv } from '../exports/csv.ts';
import { mayListPeople } from '../people/visibility.ts';
import type { Actor } from '../policy/actor.ts';
import { isRestricted } from '../policy/levels.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import { fieldErrorsOf, formFailure, readInput } from '../web/command-errors.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import {
  asList,
  ErrorSummary,
  Field,
  type FieldErrors,
  type FormValue,
  asText as formText,
  Select,
  TextArea,
  VersionField,
} from '../web/forms.tsx';
import { formatNumber, today } from '../web/i18n/format.ts';
import { type Locale, pickText } from '../web/i18n/locales.ts';
import type { Translate } from '../web/i18n/translate.ts';
import { Layout, type PageElement } from '../web/layout.tsx';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { markDataChanged, sendPublicPage } from '../web/public-page.ts';
import {
  addActivity,
  addOutput,
  createWorkPlan,
  deleteActivity,
  deleteOutput,
  postProgressUpdate,
  updateActivity,
  updateOutput,
  updateWorkPlan,
} from './commands.ts';
import { activityInput, outputInput, progressInput, withVersion, workPlanInput } from './input.ts';
import {
  type ActivityDetail,
  compactRollUp,
  findWorkPlan,
  listPriorities,
  listWorkPlans,
  periodsOf,
  type WorkPlanDetail,
} from './queries.ts';
import {
  earlierQuarter,
  mayCreateWorkPlan,
  mayEditWorkPlan,
  mayReportOn,
  planLevels,
  quarterOf,
  recordOfWorkPlan,
} from './rules.ts';
import { activityStatuses, workPlanStatuses } from './schema.ts';
import {
  CheckboxList,
  MultiSelect,
  numbering,
  PlanTable,
  PriorityList,
  periodOf,
  quarterLabel,
  RollUpCells,
  RollUpHeads,
  RollUpLine,
  StatusBadge,
  Timeline,
  Updates,
} from './views.tsx';

type Values = Record<string, string | string[]>;
const pageSize = 20;

const records = (action: 'list' | 'read' | 'export' | 'edit' | 'delete') =>
  declarePolicy({ kind: 'records', resource: 'work_plan', action });

const actorOf = (c: Context<AppEnv>): Actor => c.get('viewer')?.actor ?? { kind: 'anonymous' };
/** Several lines (evidence, partners) are shown one per line. */
const asText = (value: FormValue) => formText(value, '\n');
const pageFrom = (value: string | undefined) => {
  const page = Number.parseInt(value ?? '1', 10);
  return Number.isInteger(page) && page >= 1 && page <= 500 ? page : 1;
};
/** "2021-2022" in an address: the period of a roll-up. */
const periodFrom = (value: string | undefined) => {
  const match = /^(\d{4})-(\d{4})$/.exec(value ?? '');
  return match ? { startYear: Number(match[1]), endYear: Number(match[2]) } : null;
};

async function formBody(c: Context<AppEnv>): Promise<Values> {
  const parsed = await c.req.parseBody({ all: true });
  const values: Values = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value))
      values[key] = value.filter((item): item is string => typeof item === 'string');
  }
  return values;
}

function Pagination(props: { t: Translate; page: number; pages: number; href: (page: number) => string }) {
  const { t, page, pages } = props;
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('pagination.label')} class="filters">
      {page > 1 ? (
        <a href={props.href(page - 1)} rel="prev">
          {t('pagination.previous')}
        </a>
      ) : null}
      <span>{t('pagination.position', { page, pages })}</span>
      {page < pages ? (
        <a href={props.href(page + 1)} rel="next">
          {t('pagination.next')}
        </a>
      ) : null}
    </nav>
  );
}

/** The fields of a plan: title, years, status, summary and who may see it. */
function PlanFields(props: { t: Translate; values: Values; errors: FieldErrors }) {
  const { t, values, errors } = props;
  return (
    <>
      <Field
        name="title"
        label={t('workplans.fieldTitle')}
        value={asText(values.title)}
        error={errors.title}
      />
      <Field
        name="startYear"
        label={t('workplans.fieldStartYear')}
        inputmode="numeric"
        value={asText(values.startYear)}
        error={errors.startYear}
      />
      <Field
        name="endYear"
        label={t('workplans.fieldEndYear')}
        inputmode="numeric"
        hint={t('workplans.endYearHint')}
        value={asText(values.endYear)}
        error={errors.endYear}
      />
      <Select
        name="status"
        label={t('workplans.fieldPlanStatus')}
        options={workPlanStatuses.map((status) => ({
          value: status,
          label: t(`workplans.planStatus.${status}`),
        }))}
        value={asText(values.status) || 'draft'}
        error={errors.status}
      />
      <Select
        name="level"
        label={t('workplans.fieldLevel')}
        options={planLevels.map((level) => ({ value: level, label: t(`level.${level}`) }))}
        value={asText(values.level) || 'compact'}
        error={errors.level}
      />
      <TextArea
        name="summary"
        label={t('workplans.fieldSummary')}
        value={asText(values.summary)}
        error={errors.summary}
      />
    </>
  );
}

const planValues = (plan: WorkPlanDetail): Values => ({
  version: String(plan.version),
  title: plan.title,
  summary: plan.summary ?? '',
  startYear: String(plan.startYear),
  endYear: String(plan.endYear),
  status: plan.status,
  level: plan.level,
});

/** Writing a start or an end back as a quarter when it is a whole quarter, else as a date. */
function whenOf(day: string, edge: 'start' | 'end'): string {
  const quarter = quarterOf(day);
  const month = Number(day.slice(5, 7));
  const first = (month - 1) % 3 === 0 && day.endsWith('-01');
  const last =
    month % 3 === 0 &&
    new Date(`${day}T00:00:00Z`).getUTCDate() ===
      new Date(Date.UTC(Number(day.slice(0, 4)), month, 0)).getUTCDate();
  return (edge === 'start' ? first : last) ? quarter : day;
}

const activityValues = (activity: ActivityDetail): Values => ({
  version: String(activity.version),
  title: activity.title,
  description: activity.description ?? '',
  lead: activity.lead.slug,
  partners: activity.partners.map((partner) => partner.slug),
  starts: whenOf(activity.startsOn, 'start'),
  ends: whenOf(activity.endsOn, 'end'),
  status: activity.status,
});

/** The work plan pages (issue 6, ADR 0026). */
export function workPlanRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();

  const entityChoices = () =>
    db
      .select({ slug: entities.slug, acronym: entities.acronym })
      .from(entities)
      .orderBy(asc(entities.acronym));

  const refuse = (c: Context<AppEnv>) => {
    const t = c.get('t');
    return sendMessagePage(c, t('error.forbiddenTitle'), t('workplans.forbidden'), 403);
  };

  /** The plan in the address, when the viewer may see it; null for a missing one and a hidden one alike. */
  const visiblePlan = async (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    if (!isUuid(id)) return null;
    return findWorkPlan(db, actorOf(c), id);
  };

  /** The plan, when the viewer may change it; otherwise the response to send instead. */
  const forChange = async (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    const plan = await visiblePlan(c);
    if (!plan) return { response: c.notFound() } as const;
    if (!mayEditWorkPlan(viewer.actor, plan)) return { response: refuse(c) } as const;
    return { plan, actor: viewer.actor } as const;
  };

  const formPage = (
    c: Context<AppEnv>,
    options: {
      title: string;
      action: string;
      back: string;
      version?: string | number | undefined;
      errors: FieldErrors;
      status: 200 | 400 | 409;
      submit: string;
      lead?: PageElement | string;
      fields: PageElement;
    },
  ) => {
    const t = c.get('t');
    return sendPrivatePage(
      c,
      options.title,
      <>
        <ErrorSummary t={t} errors={options.errors} />
        <h1>{options.title}</h1>
        {options.lead ? <p>{options.lead}</p> : null}
        <form method="post" action={options.action} novalidate>
          {options.version !== undefined ? <VersionField version={options.version} /> : null}
          {options.fields}
          <button class="button" type="submit">
            {options.submit}
          </button>{' '}
          <a href={options.back}>{t('workplans.cancel')}</a>
        </form>
      </>,
      options.status,
    );
  };

  // A body's work plans --------------------------------------------------------------------------------

  app.get('/working-groups/:slug/work-plans', records('list'), async (c) => {
    const body = await deps.cache.remember(`body|${c.req.param('slug').toLowerCase()}`, () =>
      findBody(db, c.req.param('slug').toLowerCase()),
    );
    if (!body) return c.notFound();
    const page = pageFrom(c.req.query('page'));
    const actor = actorOf(c);
    return sendPublicPage(c, deps.cache, `${body.id}|${page}`, async (context) => {
      const { t, locale } = context;
      const { rows, total } = await listWorkPlans(db, actor, { bodyId: body.id, page, pageSize });
      const title = t('workplans.bodyTitle', { body: body.shortName });
      return (
        <Layout page={context} title={title}>
          <p class="meta">
            <a href={`/working-groups/${body.slug}`}>{pickText(body.name, locale)}</a>
          </p>
          <h1>{title}</h1>
          {mayCreateWorkPlan(actor, body.id) ? (
            <p class="no-print">
              <a class="button" href={`/working-groups/${body.slug}/work-plans/new`}>
                {t('workplans.add')}
              </a>
            </p>
          ) : null}
          {rows.length === 0 ? (
            <p class="empty-state">{t('workplans.emptyBody')}</p>
          ) : (
            <PlanTable t={t} locale={locale} plans={rows} showBody={false} />
          )}
          <Pagination
            t={t}
            page={page}
            pages={Math.max(1, Math.ceil(total / pageSize))}
            href={(n) => `/working-groups/${body.slug}/work-plans${n > 1 ? `?page=${n}` : ''}`}
          />
          <p>
            <a href="/work-plans">{t('workplans.compactLink')}</a>
          </p>
        </Layout>
      );
    });
  });

  const newPlanPage = async (
    c: Context<AppEnv>,
    body: { slug: string; shortName: string },
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    return formPage(c, {
      title: t('workplans.addTitle', { body: body.shortName }),
      action: `/working-groups/${body.slug}/work-plans`,
      back: `/working-groups/${body.slug}/work-plans`,
      errors,
      status,
      submit: t('workplans.create'),
      fields: <PlanFields t={t} values={values} errors={errors} />,
    });
  };

  const bodyForNewPlan = async (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    const body = await findBody(db, c.req.param('slug') ?? '');
    if (!body) return { response: c.notFound() } as const;
    if (!mayCreateWorkPlan(viewer.actor, body.id)) return { response: refuse(c) } as const;
    return { body, actor: viewer.actor } as const;
  };

  app.get('/working-groups/:slug/work-plans/new', records('edit'), async (c) => {
    const found = await bodyForNewPlan(c);
    if ('response' in found) return found.response;
    const year = Number(today().slice(0, 4));
    return newPlanPage(
      c,
      found.body,
      {
        title: c.get('t')('workplans.defaultTitle', {
          body: found.body.shortName,
          period: `${year}–${year + 1}`,
        }),
        startYear: String(year),
        endYear: String(year + 1),
      },
      {},
    );
  });

  app.post('/working-groups/:slug/work-plans', records('edit'), async (c) => {
    const found = await bodyForNewPlan(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = await formBody(c);
    const input = readInput(workPlanInput, values);
    if (!input.data) return newPlanPage(c, found.body, values, fieldErrorsOf(t, input.problems), 400);
    try {
      const id = await createWorkPlan(db, found.actor, found.body.id, input.data);
      markDataChanged(c);
      return c.redirect(`/work-plans/${id}`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return refuse(c);
      if (failure.status === 404) return c.notFound();
      return newPlanPage(c, found.body, values, failure.errors, 400);
    }
  });

  // The Compact's roll-up ------------------------------------------------------------------------------

  app.get('/work-plans', records('list'), async (c) => {
    const actor = actorOf(c);
    const page = pageFrom(c.req.query('page'));
    const wanted = periodFrom(c.req.query('period'));
    return sendPublicPage(c, deps.cache, `${wanted ? periodOf(wanted) : '-'}|${page}`, async (context) => {
      const { t, locale } = context;
      const periods = await periodsOf(db, actor);
      const period =
        (wanted && periods.find((p) => p.startYear === wanted.startYear && p.endYear === wanted.endYear)) ??
        periods[0] ??
        null;
      const title = t('workplans.compactTitle');
      if (!period) {
        return (
          <Layout page={context} title={title}>
            <h1>{title}</h1>
            <p class="empty-state">{t('workplans.emptyCompact')}</p>
          </Layout>
        );
      }
      const [summary, list] = await Promise.all([
        compactRollUp(db, actor, period),
        listWorkPlans(db, actor, { ...period, page, pageSize }),
      ]);
      const periodText = periodOf(period);
      const periodParam = `${period.startYear}-${period.endYear}`;
      return (
        <Layout page={context} title={title}>
          <h1>{title}</h1>
          <p class="lead">{t('workplans.compactLead', { period: periodText, plans: summary.plans })}</p>
          {periods.length > 1 ? (
            <nav class="filters no-print" aria-label={t('workplans.periodsLabel')}>
              <ul>
                {periods.map((p) => (
                  <li>
                    <a
                      href={`/work-plans?period=${p.startYear}-${p.endYear}`}
                      aria-current={
                        p.startYear === period.startYear && p.endYear === period.endYear ? 'true' : undefined
                      }
                    >
                      {periodOf(p)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <RollUpLine t={t} locale={locale} rollUp={summary.total} />
          <p class="no-print">
            <a href={`/work-plans.csv?period=${periodParam}`}>{t('workplans.exportRollUp')}</a>
            {actor.kind === 'secretariat' ? (
              <>
                {' · '}
                <a href="/admin/jpow-priorities">{t('workplans.prioritiesLink')}</a>
              </>
            ) : null}
          </p>
          <table class="responsive-table" data-testid="rollup-bodies">
            <caption>{t('workplans.byBodyCaption', { period: periodText })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workplans.colBody')}</th>
                <th scope="col" class="number">
                  {t('workplans.colActivities')}
                </th>
                <RollUpHeads t={t} />
              </tr>
            </thead>
            <tbody>
              {summary.perBody.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={`/working-groups/${row.body.slug}/work-plans`}>{row.body.shortName}</a>
                  </th>
                  <td class="number">{formatNumber(locale, row.rollUp.total)}</td>
                  <RollUpCells locale={locale} rollUp={row.rollUp} />
                </tr>
              ))}
            </tbody>
          </table>
          <table class="responsive-table" data-testid="rollup-priorities">
            <caption>{t('workplans.byPriorityCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workplans.colPriority')}</th>
                <th scope="col" class="number">
                  {t('workplans.colOutputs')}
                </th>
                <RollUpHeads t={t} />
              </tr>
            </thead>
            <tbody>
              {summary.perPriority.map((row) => (
                <tr>
                  <th scope="row">
                    <span class="priority-code">{row.priority.code}</span>{' '}
                    {pickText(row.priority.name, locale)}
                  </th>
                  <td class="number">{formatNumber(locale, row.outputs)}</td>
                  <RollUpCells locale={locale} rollUp={row.rollUp} />
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('workplans.plansHeading', { period: periodText })}</h2>
          <PlanTable t={t} locale={locale} plans={list.rows} showBody />
          <Pagination
            t={t}
            page={page}
            pages={Math.max(1, Math.ceil(list.total / pageSize))}
            href={(n) => `/work-plans?period=${periodParam}${n > 1 ? `&page=${n}` : ''}`}
          />
        </Layout>
      );
    });
  });

  app.get('/work-plans.csv', records('export'), async (c) => {
    const actor = actorOf(c);
    const t = c.get('t');
    const locale = c.get('locale');
    const periods = await periodsOf(db, actor);
    const wanted = periodFrom(c.req.query('period'));
    const period =
      (wanted && periods.find((p) => p.startYear === wanted.startYear && p.endYear === wanted.endYear)) ??
      periods[0];
    const summary = period ? await compactRollUp(db, actor, period) : null;
    const csv = toCsv(
      [
        t('workplans.colBody'),
        t('workplans.colPeriod'),
        t('workplans.colActivities'),
        ...activityStatuses.map((status) => t(`workplans.status.${status}`)),
        t('workplans.colDone'),
      ],
      (summary?.perBody ?? []).map((row) => [
        row.body.shortName,
        period ? periodOf(period) : '',
        row.rollUp.total,
        ...activityStatuses.map((status) => row.rollUp.counts[status]),
        row.rollUp.percentDone ?? '',
      ]),
    );
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="work-plans-${period ? `${period.startYear}-${period.endYear}` : 'none'}.csv"`,
      'Cache-Control': 'private, no-store',
      'Content-Language': locale,
    });
  });

  // One plan ---------------------------------------------------------------------------------------------

  app.get('/work-plans/:id', records('read'), async (c) => {
    const plan = await visiblePlan(c);
    if (!plan) return c.notFound();
    const actor = actorOf(c);
    await recordRestrictedRead(
      db,
      actor,
      { type: 'work_plan', id: plan.id, record: recordOfWorkPlan(plan) },
      'read',
    );
    const t = c.get('t');
    const locale = c.get('locale');
    const body = planPage(t, locale, plan, actor);
    const title = plan.title;
    if (isRestricted(plan.level) || actor.kind !== 'anonymous') return sendPrivatePage(c, title, body);
    return sendPublicPage(c, deps.cache, plan.id, async (page) => (
      <Layout page={page} title={title}>
        {body}
      </Layout>
    ));
  });

  app.get('/work-plans/:id/export.csv', records('export'), async (c) => {
    const plan = await visiblePlan(c);
    if (!plan) return c.notFound();
    const actor = actorOf(c);
    await recordRestrictedRead(
      db,
      actor,
      { type: 'work_plan', id: plan.id, record: recordOfWorkPlan(plan) },
      'download',
    );
    const t = c.get('t');
    const locale = c.get('locale');
    const numbers = numbering(plan);
    const rows = plan.outputs.flatMap((output) =>
      (output.activities.length > 0 ? output.activities : [null]).map((activity) => {
        const latest = activity?.updates[0];
        return [
          numbers.get(output.id),
          output.title,
          output.priorities.map((priority) => priority.code).join(' '),
          activity ? numbers.get(activity.id) : '',
          activity?.title ?? '',
          activity?.lead.acronym ?? '',
          activity?.partners.map((partner) => partner.acronym).join(' ') ?? '',
          activity?.startsOn ?? '',
          activity?.endsOn ?? '',
          activity ? t(`workplans.status.${activity.status}`) : '',
          latest ? latest.quarter : '',
          latest ? latest.text : '',
        ];
      }),
    );
    const csv = toCsv(
      [
        t('workplans.colOutputNumber'),
        t('workplans.colOutput'),
        t('workplans.colPriorities'),
        t('workplans.colActivityNumber'),
        t('workplans.colActivity'),
        t('workplans.colLead'),
        t('workplans.colPartners'),
        t('workplans.colStarts'),
        t('workplans.colEnds'),
        t('workplans.colStatus'),
        t('workplans.colLatestQuarter'),
        t('workplans.colLatestUpdate'),
      ],
      rows,
    );
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="work-plan-${plan.body.slug}-${plan.startYear}-${plan.endYear}.csv"`,
      'Cache-Control': 'private, no-store',
      'Content-Language': locale,
    });
  });

  // Editing the plan -------------------------------------------------------------------------------------

  const editPlanPage = (
    c: Context<AppEnv>,
    plan: WorkPlanDetail,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    return formPage(c, {
      title: t('workplans.editTitle', { title: plan.title }),
      action: `/work-plans/${plan.id}/edit`,
      back: `/work-plans/${plan.id}`,
      version: asText(values.version) || plan.version,
      errors,
      status,
      submit: t('form.save'),
      fields: <PlanFields t={t} values={values} errors={errors} />,
    });
  };

  app.get('/work-plans/:id/edit', records('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    return editPlanPage(c, found.plan, planValues(found.plan), {});
  });

  /** Runs a command from a form; on a conflict or a refusal, shows the form again with the input kept. */
  const submit = async (
    c: Context<AppEnv>,
    run: () => Promise<string>,
    again: (
      errors: FieldErrors,
      status: 400 | 409,
      current: WorkPlanDetail | null,
    ) => Promise<Response> | Response,
  ) => {
    const t = c.get('t');
    try {
      const location = await run();
      markDataChanged(c);
      return c.redirect(location, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403) return refuse(c);
      if (failure.status === 404) return c.notFound();
      const current = await visiblePlan(c);
      return again(failure.errors, failure.status === 409 ? 409 : 400, current);
    }
  };

  app.post('/work-plans/:id/edit', records('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = await formBody(c);
    const input = readInput(withVersion(workPlanInput), values);
    if (!input.data) return editPlanPage(c, found.plan, values, fieldErrorsOf(t, input.problems), 400);
    const data = input.data;
    return submit(
      c,
      async () => {
        await updateWorkPlan(db, found.actor, found.plan.id, data.version, data);
        return `/work-plans/${found.plan.id}`;
      },
      (errors, status, current) =>
        editPlanPage(
          c,
          current ?? found.plan,
          status === 409 ? { ...values, version: String(current?.version ?? '') } : values,
          errors,
          status,
        ),
    );
  });

  // Outputs -------------------------------------------------------------------------------------------

  const outputPage = async (
    c: Context<AppEnv>,
    plan: WorkPlanDetail,
    options: { outputId?: string; version: string | number },
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const priorities = await listPriorities(db);
    const editing = options.outputId !== undefined;
    return formPage(c, {
      title: editing ? t('workplans.editOutputTitle') : t('workplans.addOutputTitle', { title: plan.title }),
      action: editing
        ? `/work-plans/${plan.id}/outputs/${options.outputId}/edit`
        : `/work-plans/${plan.id}/outputs`,
      back: `/work-plans/${plan.id}`,
      version: asText(values.version) || options.version,
      errors,
      status,
      submit: editing ? t('form.save') : t('workplans.addOutput'),
      fields: (
        <>
          <Field
            name="title"
            label={t('workplans.fieldOutputTitle')}
            value={asText(values.title)}
            error={errors.title}
          />
          <TextArea
            name="description"
            label={t('workplans.fieldDescription')}
            value={asText(values.description)}
            error={errors.description}
          />
          <CheckboxList
            name="priorities"
            legend={t('workplans.fieldPriorities')}
            options={priorities.map((priority) => ({
              value: priority.id,
              label: `${priority.code} ${pickText(priority.name, locale)}`,
            }))}
            chosen={asList(values.priorities)}
            error={errors.priorities}
          />
        </>
      ),
    });
  };

  app.get('/work-plans/:id/outputs/new', records('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    return outputPage(c, found.plan, { version: found.plan.version }, {}, {});
  });

  app.post('/work-plans/:id/outputs', records('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = await formBody(c);
    const input = readInput(withVersion(outputInput), values);
    const show = (errors: FieldErrors, status: 400 | 409, plan: WorkPlanDetail, kept: Values) =>
      outputPage(c, plan, { version: plan.version }, kept, errors, status);
    if (!input.data) return show(fieldErrorsOf(t, input.problems), 400, found.plan, values);
    const data = input.data;
    return submit(
      c,
      async () => {
        const id = await addOutput(db, found.actor, found.plan.id, data.version, data);
        return `/work-plans/${found.plan.id}#output-${id}`;
      },
      (errors, status, current) =>
        show(
          errors,
          status,
          current ?? found.plan,
          status === 409 ? { ...values, version: String(current?.version ?? '') } : values,
        ),
    );
  });

  const outputIn = (plan: WorkPlanDetail, c: Context<AppEnv>) =>
    plan.outputs.find((output) => output.id === c.req.param('outputId')) ?? null;

  app.get('/work-plans/:id/outputs/:outputId/edit', records('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const output = outputIn(found.plan, c);
    if (!output) return c.notFound();
    return outputPage(
      c,
      found.plan,
      { outputId: output.id, version: output.version },
      {
        version: String(output.version),
        title: output.title,
        description: output.description ?? '',
        priorities: output.priorityIds,
      },
      {},
    );
  });

  app.post('/work-plans/:id/outputs/:outputId/edit', records('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const output = outputIn(found.plan, c);
    if (!output) return c.notFound();
    const t = c.get('t');
    const values = await formBody(c);
    const input = readInput(withVersion(outputInput), values);
    const show = (errors: FieldErrors, status: 400 | 409, kept: Values) =>
      outputPage(c, found.plan, { outputId: output.id, version: output.version }, kept, errors, status);
    if (!input.data) return show(fieldErrorsOf(t, input.problems), 400, values);
    const data = input.data;
    return submit(
      c,
      async () => {
        await updateOutput(db, found.actor, found.plan.id, output.id, data.version, data);
        return `/work-plans/${found.plan.id}#output-${output.id}`;
      },
      (errors, status, current) => {
        const now = current?.outputs.find((each) => each.id === output.id);
        return show(
          errors,
          status,
          status === 409 ? { ...values, version: String(now?.version ?? '') } : values,
        );
      },
    );
  });

  /** A confirmation page before a deletion, saying what goes with it. */
  const confirmPage = (
    c: Context<AppEnv>,
    options: {
      title: string;
      explained: string;
      action: string;
      version: number;
      button: string;
      back: string;
    },
  ) => {
    const t = c.get('t');
    return sendPrivatePage(
      c,
      options.title,
      <>
        <h1>{options.title}</h1>
        <p>{options.explained}</p>
        <form method="post" action={options.action}>
          <VersionField version={options.version} />
          <button class="button button-danger" type="submit">
            {options.button}
          </button>{' '}
          <a href={options.back}>{t('workplans.cancel')}</a>
        </form>
      </>,
    );
  };

  /** After a refused deletion: a conflict (changed since the confirmation page) or a missing record. */
  const deletionFailed = (c: Context<AppEnv>, error: unknown, back: string) => {
    const t = c.get('t');
    const failure = formFailure(t, error);
    if (failure.status === 403) return refuse(c);
    if (failure.status === 404) return c.notFound();
    return sendPrivatePage(
      c,
      t('workplans.deleteConflictTitle'),
      <>
        <h1>{t('workplans.deleteConflictTitle')}</h1>
        <p class="notice" role="alert">
          {t('workplans.deleteConflict')}
        </p>
        <p>
          <a href={back}>{t('workplans.backToPlan')}</a>
        </p>
      </>,
      409,
    );
  };

  app.get('/work-plans/:id/outputs/:outputId/delete', records('delete'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const output = outputIn(found.plan, c);
    if (!output) return c.notFound();
    const t = c.get('t');
    const updates = output.activities.reduce((sum, activity) => sum + activity.updates.length, 0);
    return confirmPage(c, {
      title: t('workplans.deleteOutputTitle', { title: output.title }),
      explained: t('workplans.deleteOutputExplained', { activities: output.activities.length, updates }),
      action: `/work-plans/${found.plan.id}/outputs/${output.id}/delete`,
      version: output.version,
      button: t('workplans.deleteOutput'),
      back: `/work-plans/${found.plan.id}#output-${output.id}`,
    });
  });

  app.post('/work-plans/:id/outputs/:outputId/delete', records('delete'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const output = outputIn(found.plan, c);
    if (!output) return c.notFound();
    const version = Number((await formBody(c)).version);
    try {
      await deleteOutput(db, found.actor, found.plan.id, output.id, Number.isInteger(version) ? version : -1);
    } catch (error) {
      return deletionFailed(c, error, `/work-plans/${found.plan.id}`);
    }
    markDataChanged(c);
    return c.redirect(`/work-plans/${found.plan.id}`, 303);
  });

  // Activities ----------------------------------------------------------------------------------------

  const activityPage = async (
    c: Context<AppEnv>,
    plan: WorkPlanDetail,
    options: { action: string; title: string; version: string | number; submit: string },
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const choices = (await entityChoices()).map((entity) => ({ value: entity.slug, label: entity.acronym }));
    return formPage(c, {
      title: options.title,
      action: options.action,
      back: `/work-plans/${plan.id}`,
      version: asText(values.version) || options.version,
      errors,
      status,
      submit: options.submit,
      lead: t('workplans.activityLead', { period: periodOf(plan) }),
      fields: (
        <>
          <Field
            name="title"
            label={t('workplans.fieldActivityTitle')}
            value={asText(values.title)}
            error={errors.title}
          />
          <TextArea
            name="description"
            label={t('workplans.fieldDescription')}
            value={asText(values.description)}
            error={errors.description}
          />
          <Select
            name="lead"
            label={t('workplans.fieldLead')}
            placeholder={t('workplans.chooseEntity')}
            options={choices}
            value={asText(values.lead)}
            error={errors.lead}
          />
          <MultiSelect
            name="partners"
            label={t('workplans.fieldPartners')}
            hint={t('workplans.partnersHint')}
            options={choices}
            chosen={asList(values.partners)}
            error={errors.partners}
          />
          <Field
            name="starts"
            label={t('workplans.fieldStarts')}
            hint={t('workplans.whenHint')}
            value={asText(values.starts)}
            error={errors.starts}
          />
          <Field
            name="ends"
            label={t('workplans.fieldEnds')}
            hint={t('workplans.whenHint')}
            value={asText(values.ends)}
            error={errors.ends}
          />
          <Select
            name="status"
            label={t('workplans.fieldStatus')}
            options={activityStatuses.map((status) => ({
              value: status,
              label: t(`workplans.status.${status}`),
            }))}
            value={asText(values.status) || 'not_started'}
            error={errors.status}
          />
        </>
      ),
    });
  };

  app.get('/work-plans/:id/outputs/:outputId/activities/new', records('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const output = outputIn(found.plan, c);
    if (!output) return c.notFound();
    const t = c.get('t');
    return activityPage(
      c,
      found.plan,
      {
        action: `/work-plans/${found.plan.id}/outputs/${output.id}/activities`,
        title: t('workplans.addActivityTitle', { output: output.title }),
        version: found.plan.version,
        submit: t('workplans.addActivity'),
      },
      { starts: `${found.plan.startYear}-Q1`, ends: `${found.plan.endYear}-Q4` },
      {},
    );
  });

  app.post('/work-plans/:id/outputs/:outputId/activities', records('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const output = outputIn(found.plan, c);
    if (!output) return c.notFound();
    const t = c.get('t');
    const values = await formBody(c);
    const input = readInput(withVersion(activityInput), values);
    const options = (plan: WorkPlanDetail) => ({
      action: `/work-plans/${plan.id}/outputs/${output.id}/activities`,
      title: t('workplans.addActivityTitle', { output: output.title }),
      version: plan.version,
      submit: t('workplans.addActivity'),
    });
    if (!input.data)
      return activityPage(c, found.plan, options(found.plan), values, fieldErrorsOf(t, input.problems), 400);
    const data = input.data;
    return submit(
      c,
      async () => {
        const id = await addActivity(db, found.actor, found.plan.id, output.id, data.version, data);
        return `/work-plans/${found.plan.id}#activity-${id}`;
      },
      (errors, status, current) =>
        activityPage(
          c,
          current ?? found.plan,
          options(current ?? found.plan),
          status === 409 ? { ...values, version: String(current?.version ?? '') } : values,
          errors,
          status,
        ),
    );
  });

  const activityIn = (plan: WorkPlanDetail, c: Context<AppEnv>) =>
    plan.outputs
      .flatMap((output) => output.activities)
      .find((activity) => activity.id === c.req.param('activityId')) ?? null;

  app.get('/work-plans/:id/activities/:activityId/edit', records('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const activity = activityIn(found.plan, c);
    if (!activity) return c.notFound();
    const t = c.get('t');
    return activityPage(
      c,
      found.plan,
      {
        action: `/work-plans/${found.plan.id}/activities/${activity.id}/edit`,
        title: t('workplans.editActivityTitle', { title: activity.title }),
        version: activity.version,
        submit: t('form.save'),
      },
      activityValues(activity),
      {},
    );
  });

  app.post('/work-plans/:id/activities/:activityId/edit', records('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const activity = activityIn(found.plan, c);
    if (!activity) return c.notFound();
    const t = c.get('t');
    const values = await formBody(c);
    const input = readInput(withVersion(activityInput), values);
    const options = {
      action: `/work-plans/${found.plan.id}/activities/${activity.id}/edit`,
      title: t('workplans.editActivityTitle', { title: activity.title }),
      version: activity.version,
      submit: t('form.save'),
    };
    if (!input.data)
      return activityPage(c, found.plan, options, values, fieldErrorsOf(t, input.problems), 400);
    const data = input.data;
    return submit(
      c,
      async () => {
        await updateActivity(db, found.actor, found.plan.id, activity.id, data.version, data);
        return `/work-plans/${found.plan.id}#activity-${activity.id}`;
      },
      (errors, status, current) => {
        const now = current && activityIn(current, c);
        return activityPage(
          c,
          current ?? found.plan,
          options,
          status === 409 ? { ...values, version: String(now?.version ?? '') } : values,
          errors,
          status,
        );
      },
    );
  });

  app.get('/work-plans/:id/activities/:activityId/delete', records('delete'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const activity = activityIn(found.plan, c);
    if (!activity) return c.notFound();
    const t = c.get('t');
    return confirmPage(c, {
      title: t('workplans.deleteActivityTitle', { title: activity.title }),
      explained: t('workplans.deleteActivityExplained', { updates: activity.updates.length }),
      action: `/work-plans/${found.plan.id}/activities/${activity.id}/delete`,
      version: activity.version,
      button: t('workplans.deleteActivity'),
      back: `/work-plans/${found.plan.id}#activity-${activity.id}`,
    });
  });

  app.post('/work-plans/:id/activities/:activityId/delete', records('delete'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const activity = activityIn(found.plan, c);
    if (!activity) return c.notFound();
    const version = Number((await formBody(c)).version);
    try {
      await deleteActivity(
        db,
        found.actor,
        found.plan.id,
        activity.id,
        Number.isInteger(version) ? version : -1,
      );
    } catch (error) {
      return deletionFailed(c, error, `/work-plans/${found.plan.id}`);
    }
    markDataChanged(c);
    return c.redirect(`/work-plans/${found.plan.id}`, 303);
  });

  // Progress updates ------------------------------------------------------------------------------------

  /** The activity, when the viewer may report on it; otherwise the response to send instead. */
  const forReport = async (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    const plan = await visiblePlan(c);
    if (!plan) return { response: c.notFound() } as const;
    const activity = activityIn(plan, c);
    if (!activity) return { response: c.notFound() } as const;
    if (!mayReportOn(viewer.actor, plan, { leadEntityId: activity.lead.id }))
      return { response: refuse(c) } as const;
    return { plan, activity, actor: viewer.actor } as const;
  };

  const progressPage = (
    c: Context<AppEnv>,
    plan: WorkPlanDetail,
    activity: ActivityDetail,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    return formPage(c, {
      title: t('workplans.progressTitle', { title: activity.title }),
      action: `/work-plans/${plan.id}/activities/${activity.id}/progress`,
      back: `/work-plans/${plan.id}#activity-${activity.id}`,
      version: asText(values.version) || activity.version,
      errors,
      status,
      submit: t('workplans.postProgress'),
      lead: t('workplans.progressLead', { period: periodOf(plan) }),
      fields: (
        <>
          <Field
            name="quarter"
            label={t('workplans.fieldQuarter')}
            hint={t('workplans.quarterHint')}
            value={asText(values.quarter)}
            error={errors.quarter}
          />
          <Select
            name="status"
            label={t('workplans.fieldStatusNow')}
            options={activityStatuses.map((status) => ({
              value: status,
              label: t(`workplans.status.${status}`),
            }))}
            value={asText(values.status) || activity.status}
            error={errors.status}
          />
          <TextArea
            name="text"
            label={t('workplans.fieldProgress')}
            value={asText(values.text)}
            error={errors.text}
          />
          <TextArea
            name="evidence"
            label={t('workplans.fieldEvidence')}
            hint={t('workplans.evidenceHint')}
            value={asText(values.evidence)}
            error={errors.evidence}
          />
        </>
      ),
    });
  };

  app.get('/work-plans/:id/activities/:activityId/progress', records('edit'), async (c) => {
    const found = await forReport(c);
    if ('response' in found) return found.response;
    const now = quarterOf(today());
    const last = `${found.plan.endYear}-Q4`;
    return progressPage(c, found.plan, found.activity, { quarter: earlierQuarter(now, last) }, {});
  });

  app.post('/work-plans/:id/activities/:activityId/progress', records('edit'), async (c) => {
    const found = await forReport(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = await formBody(c);
    const input = readInput(withVersion(progressInput), values);
    if (!input.data)
      return progressPage(c, found.plan, found.activity, values, fieldErrorsOf(t, input.problems), 400);
    const data = input.data;
    return submit(
      c,
      async () => {
        await postProgressUpdate(db, found.actor, found.plan.id, found.activity.id, data.version, data, {
          today: today(),
          baseUrl: deps.env.BASE_URL,
        });
        return `/work-plans/${found.plan.id}#activity-${found.activity.id}`;
      },
      (errors, status, current) => {
        const now = (current && activityIn(current, c)) ?? found.activity;
        return progressPage(
          c,
          current ?? found.plan,
          now,
          status === 409 ? { ...values, version: String(now.version) } : values,
          errors,
          status,
        );
      },
    );
  });

  return app;
}

/** The body of a plan's page: the same for its cached public form and for signed-in readers. */
function planPage(t: Translate, locale: Locale, plan: WorkPlanDetail, actor: Actor): PageElement {
  const mayEdit = mayEditWorkPlan(actor, plan);
  const numbers = numbering(plan);
  const showAuthors = mayListPeople(actor);
  return (
    <>
      <p class="meta">
        <a href={`/working-groups/${plan.body.slug}/work-plans`}>
          {t('workplans.bodyTitle', { body: plan.body.shortName })}
        </a>
      </p>
      <h1>{plan.title}</h1>
      <dl class="facts">
        <dt>{t('workplans.colBody')}</dt>
        <dd>
          <a href={`/working-groups/${plan.body.slug}`}>{pickText(plan.body.name, locale)}</a>
        </dd>
        <dt>{t('workplans.colPeriod')}</dt>
        <dd>{periodOf(plan)}</dd>
        <dt>{t('workplans.colPlanStatus')}</dt>
        <dd>{t(`workplans.planStatus.${plan.status}`)}</dd>
        <dt>{t('workplans.fieldLevel')}</dt>
        <dd>{t(`level.${plan.level}`)}</dd>
      </dl>
      {plan.summary ? <p>{plan.summary}</p> : null}
      <RollUpLine t={t} locale={locale} rollUp={plan.rollUp} />
      <p class="actions no-print">
        {mayEdit ? (
          <>
            <a class="button" href={`/work-plans/${plan.id}/edit`}>
              {t('workplans.edit')}
            </a>{' '}
            <a class="button" href={`/work-plans/${plan.id}/outputs/new`}>
              {t('workplans.addOutput')}
            </a>{' '}
          </>
        ) : null}
        <a href={`/work-plans/${plan.id}/export.csv`}>{t('workplans.exportPlan')}</a>
      </p>
      <Timeline t={t} plan={plan} today={today()} />
      {plan.outputs.length === 0 ? <p class="empty-state">{t('workplans.noOutputs')}</p> : null}
      {plan.outputs.map((output) => (
        <section class="output" aria-labelledby={`output-${output.id}`}>
          <h2 id={`output-${output.id}`}>
            {t('workplans.outputHeading', { number: numbers.get(output.id) ?? '', title: output.title })}
          </h2>
          {output.description ? <p>{output.description}</p> : null}
          {output.priorities.length > 0 ? (
            <div class="meta">
              {t('workplans.servesPriorities')}
              <PriorityList locale={locale} priorities={output.priorities} />
            </div>
          ) : null}
          {mayEdit ? (
            <p class="actions no-print">
              <a href={`/work-plans/${plan.id}/outputs/${output.id}/activities/new`}>
                {t('workplans.addActivity')}
              </a>{' '}
              · <a href={`/work-plans/${plan.id}/outputs/${output.id}/edit`}>{t('workplans.editOutput')}</a> ·{' '}
              <a href={`/work-plans/${plan.id}/outputs/${output.id}/delete`}>{t('workplans.deleteOutput')}</a>
            </p>
          ) : null}
          {output.activities.length === 0 ? (
            <p class="empty-state">{t('workplans.noActivitiesYet')}</p>
          ) : null}
          {output.activities.map((activity) => (
            <article class="activity" aria-labelledby={`activity-${activity.id}`}>
              <h3 id={`activity-${activity.id}`}>
                {numbers.get(activity.id)} {activity.title} <StatusBadge t={t} status={activity.status} />
              </h3>
              {activity.description ? <p>{activity.description}</p> : null}
              <p class="meta">
                {t('workplans.leadBy', { lead: activity.lead.acronym })}
                {activity.partners.length > 0
                  ? ` · ${t('workplans.partnersAre', { partners: activity.partners.map((p) => p.acronym).join(', ') })}`
                  : ''}{' '}
                ·{' '}
                {t('workplans.span', {
                  from: quarterLabel(t, quarterOf(activity.startsOn)),
                  to: quarterLabel(t, quarterOf(activity.endsOn)),
                })}
              </p>
              {mayEdit || mayReportOn(actor, plan, { leadEntityId: activity.lead.id }) ? (
                <p class="actions no-print">
                  <a href={`/work-plans/${plan.id}/activities/${activity.id}/progress`}>
                    {t('workplans.reportProgress')}
                  </a>
                  {mayEdit ? (
                    <>
                      {' · '}
                      <a href={`/work-plans/${plan.id}/activities/${activity.id}/edit`}>
                        {t('workplans.editActivity')}
                      </a>
                      {' · '}
                      <a href={`/work-plans/${plan.id}/activities/${activity.id}/delete`}>
                        {t('workplans.deleteActivity')}
                      </a>
                    </>
                  ) : null}
                </p>
              ) : null}
              <h4>{t('workplans.updatesHeading')}</h4>
              <Updates t={t} locale={locale} activity={activity} showAuthors={showAuthors} />
            </article>
          ))}
        </section>
      ))}
    </>
  );
}
