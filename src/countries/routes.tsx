import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { listAssessments, recommendationCountOf, recommendationCountsByState } from '../cted/queries.ts';
import { searchLibrary } from '../documents/queries.ts';
import { RefusedWith } from '../errors.ts';
import { listMeetings } from '../meetings/queries.ts';
import { formatStart } from '../meetings/time.ts';
import type { Actor } from '../policy/actor.ts';
import { declarePolicy } from '../policy/route-policy.ts';
import { fieldErrorsOf, formFailure, readInput } from '../web/command-errors.ts';
import type { AppDeps, AppEnv } from '../web/context.ts';
import { asText, ErrorSummary, type FieldErrors, Select, TextArea, VersionField } from '../web/forms.tsx';
import { formatDate, formatNumber } from '../web/i18n/format.ts';
import { type Locale, pickText } from '../web/i18n/locales.ts';
import type { Translate } from '../web/i18n/translate.ts';
import { Layout } from '../web/layout.tsx';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { markDataChanged, sendPublicPage } from '../web/public-page.ts';
import { reviewDraft, saveDraft } from './commands.ts';
import { diffWords } from './diff.ts';
import { draftInput, iso3Param, reviewInput } from './input.ts';
import { notAMemberState, Swatch, shades, WorldMap } from './map.tsx';
import {
  type CountryRow,
  findState,
  listCountries,
  reviewQueue,
  type SectionView,
  sectionsOf,
  strategyStatusByState,
  versionsOf,
} from './queries.ts';
import { regionName } from './region-name.ts';
import { mayEditSections, mayReview } from './rules.ts';
import {
  memberStates,
  type SectionKind,
  type StrategyStatus,
  sectionKinds,
  strategyStatuses,
} from './schema.ts';
import { Comparison, Paragraphs } from './views.tsx';

type Values = Record<string, string | string[]>;

const actorOf = (c: Context<AppEnv>): Actor => c.get('viewer')?.actor ?? { kind: 'anonymous' };

/** The measures a map may be shaded by; the recommendation ones only for signed-in readers. */
export const measures = ['strategy', 'sections', 'open_recommendations', 'unaddressed'] as const;
export type Measure = (typeof measures)[number];
const measuresFor = (actor: Actor): Measure[] =>
  actor.kind === 'anonymous' ? ['strategy', 'sections'] : [...measures];

const listParams = z.object({
  region: z.string().max(40).optional().catch(undefined),
  measure: z.enum(measures).optional().catch(undefined),
});

const strategyShade: Record<StrategyStatus, string> = {
  adopted: shades[4],
  under_review: shades[3],
  in_preparation: shades[2],
  none: shades[1],
};

/** A count's bucket: 0, 1, 2, 3-4, 5 and more. */
const bucketOf = (value: number) => (value <= 0 ? 0 : value === 1 ? 1 : value === 2 ? 2 : value <= 4 ? 3 : 4);
const bucketLabels = ['0', '1', '2', '3–4', '5+'];

export interface ShadedState {
  row: CountryRow;
  value: number | StrategyStatus | null;
}

/** The value of a measure for each State, read through the policy for the actor. */
export async function measureValues(
  deps: AppDeps,
  actor: Actor,
  measure: Measure,
  rows: CountryRow[],
): Promise<ShadedState[]> {
  const { db } = deps.database;
  if (measure === 'strategy') {
    const statuses = await strategyStatusByState(db, actor);
    return rows.map((row) => ({ row, value: statuses.get(row.id) ?? null }));
  }
  if (measure === 'sections') return rows.map((row) => ({ row, value: row.sections }));
  const counts = await recommendationCountsByState(db, actor, { unaddressed: measure === 'unaddressed' });
  return rows.map((row) => ({ row, value: counts.get(row.id) ?? 0 }));
}

function fillOf(measure: Measure, value: ShadedState['value']): string {
  if (measure === 'strategy') return typeof value === 'string' ? strategyShade[value] : '#ffffff';
  return shades[bucketOf(typeof value === 'number' ? value : 0)];
}

function valueLabel(t: Translate, locale: Locale, measure: Measure, value: ShadedState['value']): string {
  if (measure === 'strategy') {
    return typeof value === 'string' ? t(`countries.strategy.${value}`) : t('countries.strategyUnknown');
  }
  return formatNumber(locale, typeof value === 'number' ? value : 0);
}

const sectionPolicy = (action: 'list' | 'read' | 'edit') =>
  declarePolicy({ kind: 'records', resource: 'country-section', action });

/** Member State pages (issue 7): the list and map, each State's page, its drafts, reviews and history. */
export function countryRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();

  app.get('/countries', sectionPolicy('list'), async (c) => {
    const params = listParams.parse(c.req.query());
    const actor = actorOf(c);
    const allowed = measuresFor(actor);
    const measure: Measure = params.measure && allowed.includes(params.measure) ? params.measure : 'strategy';
    return sendPublicPage(c, deps.cache, `${params.region ?? ''}|${measure}`, async (page) => {
      const { t, locale } = page;
      const all = await listCountries(db, actor);
      const regions = [...new Set(all.map((row) => row.region))].sort();
      const region = params.region && regions.includes(params.region) ? params.region : undefined;
      const shaded = await measureValues(deps, actor, measure, all);
      const shown = shaded
        .filter((entry) => !region || entry.row.region === region)
        .sort((a, b) => pickText(a.row.name, locale).localeCompare(pickText(b.row.name, locale), locale));
      const fills = new Map(
        shown.map((entry) => [
          entry.row.iso3,
          {
            fill: fillOf(measure, entry.value),
            label: `${pickText(entry.row.name, locale)}: ${valueLabel(t, locale, measure, entry.value)}`,
          },
        ]),
      );
      const title = t('countries.title');
      const measureName = t(`countries.measure.${measure}`);
      const legend =
        measure === 'strategy'
          ? [
              ...strategyStatuses.map((status) => ({
                fill: strategyShade[status],
                label: t(`countries.strategy.${status}`),
              })),
              { fill: '#ffffff', label: t('countries.strategyUnknown') },
            ]
          : bucketLabels.map((label, index) => ({ fill: shades[index] as string, label }));
      const hrefWith = (change: { region?: string | null; measure?: Measure }) => {
        const search = new URLSearchParams();
        const nextRegion = change.region === null ? undefined : (change.region ?? region);
        if (nextRegion) search.set('region', nextRegion);
        const nextMeasure = change.measure ?? measure;
        if (nextMeasure !== 'strategy') search.set('measure', nextMeasure);
        const text = search.toString();
        return text ? `/countries?${text}` : '/countries';
      };
      return (
        <Layout page={page} title={title}>
          <h1>{title}</h1>
          <p>{t('countries.lead')}</p>
          {page.viewer && page.viewer.actor.kind !== 'anonymous' ? (
            <p>
              <a href="/cted/recommendations">{t('cted.recommendationsTitle')}</a> ·{' '}
              <a href="/cted/gaps">{t('cted.gapsTitle')}</a>
              {page.viewer.actor.kind === 'member_state' ? null : (
                <>
                  {' · '}
                  <a href="/cted/assessments">{t('cted.assessmentsTitle')}</a>
                </>
              )}
            </p>
          ) : null}
          <nav class="filters" aria-label={t('countries.regionFilter')}>
            <ul>
              <li>
                <a href={hrefWith({ region: null })} aria-current={region ? undefined : 'true'}>
                  {t('countries.allRegions')}
                </a>
              </li>
              {regions.map((name) => (
                <li>
                  <a href={hrefWith({ region: name })} aria-current={region === name ? 'true' : undefined}>
                    {regionName(t, name)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <form method="get" action="/countries" class="search-form">
            {region ? <input type="hidden" name="region" value={region} /> : null}
            <label for="measure">{t('countries.measureLabel')}</label>
            <select id="measure" name="measure">
              {allowed.map((name) => (
                <option value={name} selected={name === measure}>
                  {t(`countries.measure.${name}`)}
                </option>
              ))}
            </select>
            <button class="button" type="submit">
              {t('countries.show')}
            </button>
          </form>
          <figure class="map-figure">
            <WorldMap
              title={t('countries.mapTitle', { measure: measureName })}
              description={t('countries.mapDescription', { measure: measureName })}
              fills={fills}
            />
            <figcaption>
              <ul class="legend" aria-label={t('countries.legend')}>
                {legend.map((entry) => (
                  <li>
                    <Swatch fill={entry.fill} /> {entry.label}
                  </li>
                ))}
                <li>
                  <Swatch fill={notAMemberState} /> {t('countries.notShown')}
                </li>
              </ul>
            </figcaption>
          </figure>
          <table class="responsive-table" data-testid="country-table">
            <caption>
              {t('countries.tableCaption', {
                measure: measureName,
                count: shown.length,
                region: region ? regionName(t, region) : t('countries.allRegions'),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('countries.colState')}</th>
                <th scope="col">{t('countries.colRegion')}</th>
                <th scope="col">{t('countries.colSubregion')}</th>
                <th scope="col">{measureName}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => (
                <tr>
                  <th scope="row">
                    <a href={`/countries/${entry.row.iso3}`}>{pickText(entry.row.name, locale)}</a>
                  </th>
                  <td>{regionName(t, entry.row.region)}</td>
                  <td>{entry.row.subregion}</td>
                  <td data-testid={`value-${entry.row.iso3}`}>
                    {valueLabel(t, locale, measure, entry.value)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Layout>
      );
    });
  });

  app.get('/countries/review', sectionPolicy('edit'), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    const t = c.get('t');
    const locale = c.get('locale');
    if (!mayReview(viewer.actor)) {
      return sendMessagePage(c, t('error.forbiddenTitle'), t('problem.countries_review_only'), 403);
    }
    const queue = await reviewQueue(db, viewer.actor);
    const title = t('countries.reviewTitle');
    return sendPrivatePage(
      c,
      title,
      <>
        {c.req.query('done') ? (
          <p class="notice" role="status">
            {t(c.req.query('done') === 'return' ? 'countries.returnedNotice' : 'countries.publishedNotice')}
          </p>
        ) : null}
        <h1>{title}</h1>
        {queue.length === 0 ? (
          <p class="empty-state">{t('countries.reviewEmpty')}</p>
        ) : (
          <ul data-testid="review-queue">
            {queue.map((item) => (
              <li>
                <a href={`/countries/${item.iso3}/sections/${item.kind}/review`}>
                  {pickText(item.name, locale)}: {t(`countries.section.${item.kind}`)}
                </a>
                {item.submittedAt ? (
                  <span class="meta">
                    {' '}
                    · {formatDate(locale, item.submittedAt.toISOString().slice(0, 10))}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });

  /** The State named in the address, or null for an address that names none. */
  const stateOf = async (c: Context<AppEnv>) => {
    const parsed = iso3Param.safeParse(c.req.param('iso3') ?? '');
    return parsed.success ? findState(db, parsed.data) : null;
  };
  const kindOf = (c: Context<AppEnv>): SectionKind | null => {
    const kind = c.req.param('kind') ?? '';
    return (sectionKinds as readonly string[]).includes(kind) ? (kind as SectionKind) : null;
  };

  app.get('/countries/:iso3', sectionPolicy('read'), async (c) => {
    const state = await stateOf(c);
    if (!state) return c.notFound();
    const actor = actorOf(c);
    const variant = `${state.iso3}|${c.req.query('saved') ? 'saved' : ''}`;
    return sendPublicPage(c, deps.cache, variant, async (page) => {
      const { t, locale } = page;
      const [sections, assessments, recommendations, library, events] = await Promise.all([
        sectionsOf(db, actor, state.id),
        listAssessments(db, actor, { memberStateId: state.id }),
        recommendationCountOf(db, actor, state.id),
        searchLibrary(deps.database, actor, {
          country: state.iso3,
          sort: 'date',
          page: 1,
          pageSize: 5,
          locale,
        }),
        listMeetings(db, actor, { region: state.regionalGroup }, { number: 1, size: 5, order: 'desc' }),
      ]);
      const name = pickText(state.name, locale);
      const editable = mayEditSections(actor, state.id);
      const reviewer = mayReview(actor);
      const strategy = sections.find((section) => section.kind === 'strategy');
      return (
        <Layout page={page} title={name}>
          {c.req.query('saved') ? (
            <p class="notice" role="status">
              {t('countries.savedNotice')}
            </p>
          ) : null}
          <h1>{name}</h1>
          <p class="meta">
            {regionName(t, state.region)} · {state.subregion} ·{' '}
            {t('countries.regionalGroup', { group: state.regionalGroup })}
          </p>
          {editable ? <p class="notice">{t('countries.yourPage')}</p> : null}
          <dl class="facts">
            <dt>{t('countries.strategyHeading')}</dt>
            <dd data-testid="strategy-status">
              {strategy?.published?.strategyStatus
                ? t(`countries.strategy.${strategy.published.strategyStatus}`)
                : t('countries.strategyUnknown')}
            </dd>
            <dt>{t('countries.recommendationsHeading')}</dt>
            <dd data-testid="recommendation-count">
              {actor.kind === 'anonymous' ? (
                t('countries.recommendationsSignIn')
              ) : (
                <a href={`/cted/recommendations?country=${state.iso3}`}>
                  {t('countries.recommendationsCount', { count: recommendations })}
                </a>
              )}
            </dd>
          </dl>
          {sections.map((section) => (
            <SectionBlock
              section={section}
              iso3={state.iso3}
              t={t}
              locale={locale}
              editable={editable}
              reviewer={reviewer}
            />
          ))}
          {assessments.length > 0 ? (
            <section aria-labelledby="assessments-heading">
              <h2 id="assessments-heading">{t('cted.assessmentsTitle')}</h2>
              <ul data-testid="assessments">
                {assessments.map((assessment) => (
                  <li>
                    <a href={`/cted/assessments/${assessment.id}`}>
                      {t(`cted.kind.${assessment.kind}`)}: {formatDate(locale, assessment.visitStart)} –{' '}
                      {formatDate(locale, assessment.visitEnd)}
                    </a>{' '}
                    <span class="meta">
                      · {t(`level.${assessment.level as 'un_system'}`)} ·{' '}
                      {t('cted.recommendationCount', { count: assessment.recommendations })}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="events-heading">
            <h2 id="events-heading">{t('countries.eventsHeading')}</h2>
            {events.rows.length === 0 ? (
              <p class="empty-state">{t('countries.noEvents')}</p>
            ) : (
              <ul class="document-list" data-testid="country-events">
                {events.rows.map((meeting) => (
                  <li>
                    <a href={`/meetings/${meeting.id}`}>{meeting.title}</a>{' '}
                    <span class="meta">{formatStart(locale, meeting.startsAt, meeting.timeZone)}</span>
                  </li>
                ))}
              </ul>
            )}
            <p>
              <a href={`/meetings?when=past&region=${encodeURIComponent(state.regionalGroup)}`}>
                {t('countries.allEvents', { group: state.regionalGroup })}
              </a>
            </p>
          </section>
          <section aria-labelledby="documents-heading">
            <h2 id="documents-heading">{t('countries.documentsHeading', { country: name })}</h2>
            {library.rows.length === 0 ? (
              <p class="empty-state">{t('countries.noDocuments')}</p>
            ) : (
              <ul class="document-list" data-testid="country-documents">
                {library.rows.map((row) => (
                  <li>
                    <a href={`/documents/${row.id}`}>{row.title}</a>{' '}
                    <span class="meta">{formatDate(locale, row.publishedOn)}</span>
                  </li>
                ))}
              </ul>
            )}
            <p>
              <a href={`/documents?country=${state.iso3}`}>
                {t('countries.allDocuments', { count: library.total })}
              </a>
            </p>
          </section>
        </Layout>
      );
    });
  });

  /** The State and section of a draft route, when the viewer may edit them; else the answer instead. */
  const forEditing = async (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    const state = await stateOf(c);
    const kind = kindOf(c);
    if (!state || !kind) return { response: c.notFound() } as const;
    const t = c.get('t');
    if (!mayEditSections(viewer.actor, state.id)) {
      return { response: await refusedPage(c, viewer.actor) } as const;
    }
    return { viewer, state, kind, t } as const;
  };

  /** Why the viewer may not edit this page, precisely: another State's page, or not a State at all. */
  const refusedPage = async (c: Context<AppEnv>, actor: Actor) => {
    const t = c.get('t');
    if (actor.kind === 'member_state') {
      const [own] = await db
        .select({ name: memberStates.name })
        .from(memberStates)
        .where(eq(memberStates.id, actor.memberStateId));
      return sendMessagePage(
        c,
        t('error.forbiddenTitle'),
        t('countries.notYourCountry', { country: own ? pickText(own.name, c.get('locale')) : '' }),
        403,
      );
    }
    return sendMessagePage(c, t('error.forbiddenTitle'), t('problem.countries_state_only'), 403);
  };

  const editPage = async (
    c: Context<AppEnv>,
    state: NonNullable<Awaited<ReturnType<typeof stateOf>>>,
    kind: SectionKind,
    values: Values | null,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const section = (await sectionsOf(db, actorOf(c), state.id)).find(
      (entry) => entry.kind === kind,
    ) as SectionView;
    const current = values ?? {
      version: String(section.version),
      text: section.draft?.text ?? section.published?.text ?? '',
      level: section.draft?.level ?? section.published?.level ?? 'public',
      strategyStatus: section.draft?.strategyStatus ?? section.published?.strategyStatus ?? '',
    };
    const title = t('countries.editTitle', {
      section: t(`countries.section.${kind}`),
      country: pickText(state.name, locale),
    });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p>{t('countries.editHint')}</p>
        {section.draft?.state === 'returned' && section.reviewComment ? (
          <div class="notice" data-testid="review-comment">
            <p>{t('countries.returnedWith')}</p>
            <Paragraphs text={section.reviewComment} />
          </div>
        ) : null}
        {section.draft?.state === 'submitted' ? (
          <p class="notice">{t('countries.waitingForReview')}</p>
        ) : null}
        <form method="post" action={`/countries/${state.iso3}/sections/${kind}/edit`} novalidate>
          <VersionField version={asText(current.version)} />
          <TextArea
            name="text"
            label={t(`countries.section.${kind}`)}
            hint={t('countries.textHint')}
            value={asText(current.text)}
            error={errors.text}
          />
          {kind === 'strategy' ? (
            <Select
              name="strategyStatus"
              label={t('countries.strategyHeading')}
              placeholder={t('countries.chooseStrategy')}
              options={strategyStatuses.map((status) => ({
                value: status,
                label: t(`countries.strategy.${status}`),
              }))}
              value={asText(current.strategyStatus)}
              error={errors.strategyStatus}
            />
          ) : null}
          <Select
            name="level"
            label={t('countries.levelLabel')}
            options={[
              { value: 'public', label: t('level.public') },
              { value: 'compact', label: t('countries.compactOnly') },
            ]}
            value={asText(current.level)}
            error={errors.level}
          />
          <p class="actions">
            <button class="button" type="submit" name="submit" value="0">
              {t('countries.saveDraft')}
            </button>{' '}
            <button class="button" type="submit" name="submit" value="1">
              {t('countries.submitDraft')}
            </button>
          </p>
        </form>
      </>,
      status,
    );
  };

  app.get('/countries/:iso3/sections/:kind/edit', sectionPolicy('edit'), async (c) => {
    const found = await forEditing(c);
    if ('response' in found) return found.response;
    return editPage(c, found.state, found.kind, null, {});
  });

  app.post('/countries/:iso3/sections/:kind/edit', sectionPolicy('edit'), async (c) => {
    const found = await forEditing(c);
    if ('response' in found) return found.response;
    const { t, state, kind, viewer } = found;
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(draftInput, values);
    if (!input.data) return editPage(c, state, kind, values, fieldErrorsOf(t, input.problems), 400);
    try {
      await saveDraft(db, viewer.actor, state.iso3, kind, input.data);
      markDataChanged(c);
      return c.redirect(`/countries/${state.iso3}?saved=${kind}`, 303);
    } catch (error) {
      if (error instanceof RefusedWith) return refusedPage(c, viewer.actor);
      const failure = formFailure(t, error);
      if (failure.status === 403 || failure.status === 404) return c.notFound();
      const section = (await sectionsOf(db, viewer.actor, state.id)).find((entry) => entry.kind === kind);
      const kept = failure.status === 409 ? { ...values, version: String(section?.version ?? 0) } : values;
      return editPage(c, state, kind, kept, failure.errors, failure.status === 409 ? 409 : 400);
    }
  });

  const reviewPage = async (
    c: Context<AppEnv>,
    state: NonNullable<Awaited<ReturnType<typeof stateOf>>>,
    kind: SectionKind,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const section = (await sectionsOf(db, actorOf(c), state.id)).find(
      (entry) => entry.kind === kind,
    ) as SectionView;
    const title = t('countries.reviewSectionTitle', {
      section: t(`countries.section.${kind}`),
      country: pickText(state.name, locale),
    });
    const draft = section.draft?.state === 'submitted' ? section.draft : null;
    if (!draft) {
      return sendMessagePage(c, title, t('problem.countries_not_submitted'), 409);
    }
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p class="meta">
          {t('countries.levelLabel')}:{' '}
          {draft.level === 'public' ? t('level.public') : t('countries.compactOnly')}
          {draft.strategyStatus ? ` · ${t(`countries.strategy.${draft.strategyStatus}`)}` : ''}
        </p>
        <h2>{t('countries.draftHeading')}</h2>
        <div data-testid="draft-text">
          <Paragraphs text={draft.text} />
        </div>
        {section.published ? (
          <>
            <h2>{t('countries.changesHeading', { number: section.published.number })}</h2>
            <Comparison parts={diffWords(section.published.text, draft.text)} t={t} />
          </>
        ) : null}
        <form method="post" action={`/countries/${state.iso3}/sections/${kind}/review`} novalidate>
          <VersionField version={asText(values.version) || section.version} />
          <fieldset class={errors.decision ? 'field field-error' : 'field'} id="decision">
            <legend>{t('countries.decisionLabel')}</legend>
            {errors.decision ? <p class="error-message">{errors.decision}</p> : null}
            <label>
              <input
                type="radio"
                name="decision"
                value="publish"
                checked={asText(values.decision) !== 'return'}
              />{' '}
              {t('countries.decisionPublish')}
            </label>
            <label>
              <input
                type="radio"
                name="decision"
                value="return"
                checked={asText(values.decision) === 'return'}
              />{' '}
              {t('countries.decisionReturn')}
            </label>
          </fieldset>
          <TextArea
            name="comment"
            label={t('countries.commentLabel')}
            hint={t('countries.commentHint')}
            value={asText(values.comment)}
            error={errors.comment}
          />
          <button class="button" type="submit">
            {t('countries.decide')}
          </button>
        </form>
      </>,
      status,
    );
  };

  const forReview = async (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    const t = c.get('t');
    if (!mayReview(viewer.actor)) {
      return {
        response: sendMessagePage(c, t('error.forbiddenTitle'), t('problem.countries_review_only'), 403),
      } as const;
    }
    const state = await stateOf(c);
    const kind = kindOf(c);
    if (!state || !kind) return { response: c.notFound() } as const;
    return { viewer, state, kind, t } as const;
  };

  app.get('/countries/:iso3/sections/:kind/review', sectionPolicy('edit'), async (c) => {
    const found = await forReview(c);
    if ('response' in found) return found.response;
    return reviewPage(c, found.state, found.kind, {}, {});
  });

  app.post('/countries/:iso3/sections/:kind/review', sectionPolicy('edit'), async (c) => {
    const found = await forReview(c);
    if ('response' in found) return found.response;
    const { t, state, kind, viewer } = found;
    const values = (await c.req.parseBody()) as Values;
    const input = readInput(reviewInput, values);
    if (!input.data) return reviewPage(c, state, kind, values, fieldErrorsOf(t, input.problems), 400);
    try {
      await reviewDraft(db, viewer.actor, state.iso3, kind, input.data);
      markDataChanged(c);
      return c.redirect(`/countries/review?done=${input.data.decision}`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403 || failure.status === 404) return c.notFound();
      const section = (await sectionsOf(db, viewer.actor, state.id)).find((entry) => entry.kind === kind);
      const kept = failure.status === 409 ? { ...values, version: String(section?.version ?? 0) } : values;
      return reviewPage(c, state, kind, kept, failure.errors, failure.status === 409 ? 409 : 400);
    }
  });

  app.get('/countries/:iso3/sections/:kind/history', sectionPolicy('read'), async (c) => {
    const state = await stateOf(c);
    const kind = kindOf(c);
    if (!state || !kind) return c.notFound();
    const actor = actorOf(c);
    const from = Number.parseInt(c.req.query('from') ?? '', 10);
    const to = Number.parseInt(c.req.query('to') ?? '', 10);
    return sendPublicPage(c, deps.cache, `${state.iso3}|${kind}|${from}|${to}`, async (page) => {
      const { t, locale } = page;
      const versions = await versionsOf(db, actor, state.id, kind);
      const newer = versions.find((version) => version.number === to) ?? versions[0];
      const older =
        versions.find((version) => version.number === from) ??
        versions.find((version) => newer && version.number < newer.number);
      const title = t('countries.historyTitle', {
        section: t(`countries.section.${kind}`),
        country: pickText(state.name, locale),
      });
      const options = versions.map((version) => ({
        value: String(version.number),
        label: t('countries.versionLabel', {
          number: version.number,
          date: formatDate(locale, version.publishedAt.toISOString().slice(0, 10)),
        }),
      }));
      return (
        <Layout page={page} title={title}>
          <h1>{title}</h1>
          <p>
            <a href={`/countries/${state.iso3}`}>
              {t('countries.backToPage', { country: pickText(state.name, locale) })}
            </a>
          </p>
          {versions.length === 0 ? (
            <p class="empty-state">{t('countries.noVersions')}</p>
          ) : (
            <>
              {versions.length > 1 ? (
                <form method="get" class="search-form">
                  <Select
                    name="from"
                    label={t('countries.compareFrom')}
                    options={options}
                    value={String(older?.number ?? '')}
                  />
                  <Select
                    name="to"
                    label={t('countries.compareTo')}
                    options={options}
                    value={String(newer?.number ?? '')}
                  />
                  <button class="button" type="submit">
                    {t('countries.compare')}
                  </button>
                </form>
              ) : null}
              {older && newer && older.number !== newer.number ? (
                <>
                  <h2>{t('countries.comparing', { from: older.number, to: newer.number })}</h2>
                  <Comparison parts={diffWords(older.text, newer.text)} t={t} />
                </>
              ) : null}
              {versions.map((version) => (
                <section aria-labelledby={`version-${version.number}`}>
                  <h2 id={`version-${version.number}`}>
                    {t('countries.versionLabel', {
                      number: version.number,
                      date: formatDate(locale, version.publishedAt.toISOString().slice(0, 10)),
                    })}
                  </h2>
                  <p class="meta">
                    {version.level === 'public' ? t('level.public') : t('countries.compactOnly')}
                  </p>
                  <Paragraphs text={version.text} />
                </section>
              ))}
            </>
          )}
        </Layout>
      );
    });
  });

  return app;
}

function SectionBlock(props: {
  section: SectionView;
  iso3: string;
  t: Translate;
  locale: Locale;
  editable: boolean;
  reviewer: boolean;
}) {
  const { section, t, locale, iso3 } = props;
  const id = `section-${section.kind}`;
  if (!section.published && !section.draft && !props.editable) return null;
  return (
    <section aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{t(`countries.section.${section.kind}`)}</h2>
      {section.published ? (
        <>
          <p class="meta">
            {section.published.level === 'public' ? t('level.public') : t('countries.compactOnly')} ·{' '}
            {t('countries.versionLabel', {
              number: section.published.number,
              date: formatDate(locale, section.published.publishedAt.toISOString().slice(0, 10)),
            })}
            {section.published.number > 1 ? (
              <>
                {' · '}
                <a href={`/countries/${iso3}/sections/${section.kind}/history`}>
                  {t('countries.compareVersions')}
                </a>
              </>
            ) : null}
          </p>
          {section.published.strategyStatus ? (
            <p>
              <strong>{t(`countries.strategy.${section.published.strategyStatus}`)}</strong>
            </p>
          ) : null}
          <Paragraphs text={section.published.text} />
        </>
      ) : (
        <p class="empty-state">{t('countries.notPublished')}</p>
      )}
      {section.draft ? (
        <div class="draft" data-testid={`draft-${section.kind}`}>
          <p>
            <strong>{t(`countries.draftState.${section.draft.state}`)}</strong>
          </p>
          {section.draft.state === 'returned' && section.reviewComment ? (
            <p>
              {t('countries.returnedWith')} {section.reviewComment}
            </p>
          ) : null}
          {props.reviewer && section.draft.state === 'submitted' ? (
            <p>
              <a href={`/countries/${iso3}/sections/${section.kind}/review`}>{t('countries.reviewLink')}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      {props.editable ? (
        <p>
          <a class="button" href={`/countries/${iso3}/sections/${section.kind}/edit`}>
            {t('countries.editSection', { section: t(`countries.section.${section.kind}`) })}
          </a>
        </p>
      ) : null}
    </section>
  );
}
