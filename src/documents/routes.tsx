import { Readable } from 'node:stream';
import { create as contentDisposition } from 'content-disposition';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { recordRestrictedRead } from '../audit/record.ts';
import { bodies } from '../bodies/schema.ts';
import { regionName } from '../countries/region-name.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import { isUuid } from '../directory/queries.ts';
import { entities } from '../directory/schema.ts';
import { DomainError, type Problem } from '../errors.ts';
import { mayListPeople } from '../people/visibility.ts';
import type { Actor } from '../policy/actor.ts';
import { accessLevels, isRestricted } from '../policy/levels.ts';
import { can } from '../policy/policy.ts';
import { declarePolicy } from '../policy/route-policy.ts';
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
import { formatDate, today } from '../web/i18n/format.ts';
import { type Locale, pickText, type UnLanguage, unLanguages } from '../web/i18n/locales.ts';
import { isMessageKey, type Translate } from '../web/i18n/translate.ts';
import { Layout } from '../web/layout.tsx';
import { endonym, languageName } from '../web/localized-fields.tsx';
import { redirectToSignIn, sendMessagePage, sendPrivatePage } from '../web/private-page.tsx';
import { markDataChanged, sendPublicPage } from '../web/public-page.ts';
import { addVersion, createDocument, restoreVersion, updateDocumentMetadata } from './commands.ts';
import { acceptedTypes } from './file-types.ts';
import { documentMetadataInput, newDocumentInput, versionInput } from './input.ts';
import {
  type DocumentDetail,
  fileToServe,
  findDocument,
  type LibraryFilters,
  listDocumentTypes,
  queryLibrary,
  type Remember,
  searchWordsOf,
} from './queries.ts';
import { mayAddDocuments, recordOfDocument, viewableInline } from './rules.ts';
import { receiveUpload } from './upload.ts';
import { Facets, facetValuesShown, formatSize, LibraryResults } from './views.tsx';

type Values = Record<string, string | string[]>;

const pageSize = 20;

/** The library's address parameters; a value that is not valid is ignored rather than refused. */
const libraryParams = z.object({
  q: z.string().max(200).optional().catch(undefined),
  type: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
  body: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
  owner: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .optional()
    .catch(undefined),
  region: z.string().max(40).optional().catch(undefined),
  year: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  language: z.enum(unLanguages).optional().catch(undefined),
  pillar: z.coerce.number().int().min(1).max(4).optional().catch(undefined),
  sort: z.enum(['relevance', 'date']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
});
export type LibraryParams = z.infer<typeof libraryParams>;

export function parseLibraryParams(query: Record<string, string>): LibraryParams {
  const cleaned = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
  return libraryParams.parse(cleaned);
}

const filterNames = ['type', 'body', 'owner', 'country', 'region', 'year', 'language', 'pillar'] as const;

function libraryHref(params: LibraryParams, change: Partial<Record<string, string | number | null>>): string {
  const merged: Record<string, string | number | undefined | null> = {
    ...params,
    page: undefined,
    ...change,
  };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value !== undefined && value !== null && value !== '' && !(key === 'page' && value === 1)) {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `/documents?${text}` : '/documents';
}

const actorOf = (c: Context<AppEnv>): Actor => c.get('viewer')?.actor ?? { kind: 'anonymous' };

/**
 * Where the library keeps the totals and facets of its lists without words for each reader's grants:
 * the page cache's remembered values, dropped with the pages on every change of data (ADR 0009, 0023).
 */
export const rememberFor =
  (deps: AppDeps): Remember =>
  (key, load) =>
    deps.cache.remember(key, load);

/** What the metadata form offers: types, bodies, entities, Member States and regions. */
async function formChoices(db: Db) {
  const [types, bodyRows, entityRows, states] = await Promise.all([
    listDocumentTypes(db),
    db.select({ slug: bodies.slug, shortName: bodies.shortName }).from(bodies).orderBy(bodies.sortOrder),
    db.select({ slug: entities.slug, acronym: entities.acronym }).from(entities).orderBy(entities.acronym),
    db
      .select({ iso3: memberStates.iso3, name: memberStates.name, region: memberStates.region })
      .from(memberStates),
  ]);
  return { types, bodies: bodyRows, entities: entityRows, states };
}
type Choices = Awaited<ReturnType<typeof formChoices>>;

/** The metadata fields, shared by the upload form and the edit form. */
function MetadataFields(props: {
  t: Translate;
  locale: Locale;
  choices: Choices;
  values: Values;
  errors: FieldErrors;
  actor: Actor;
}) {
  const { t, locale, choices, values, errors } = props;
  const levelOptions = accessLevels.map((level) => ({ value: level, label: t(`level.${level}`) }));
  const stateOptions = choices.states
    .map((state) => ({ value: state.iso3, label: pickText(state.name, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  const entityOptions = choices.entities.map((entity) => ({ value: entity.slug, label: entity.acronym }));
  const bodyOptions = choices.bodies.map((body) => ({ value: body.slug, label: body.shortName }));
  const regions = [...new Set(choices.states.map((state) => state.region))].sort();
  return (
    <>
      <Field
        name="title"
        label={t('documents.fieldTitle')}
        value={asText(values.title)}
        error={errors.title}
      />
      <TextArea
        name="summary"
        label={t('documents.fieldSummary')}
        value={asText(values.summary)}
        error={errors.summary}
      />
      <Select
        name="type"
        label={t('documents.fieldType')}
        placeholder={t('documents.chooseType')}
        options={choices.types.map((type) => ({ value: type.slug, label: pickText(type.name, locale) }))}
        value={asText(values.type)}
        error={errors.type}
      />
      <Field
        name="publishedOn"
        type="date"
        label={t('documents.fieldPublishedOn')}
        value={asText(values.publishedOn)}
        error={errors.publishedOn}
      />
      {props.actor.kind === 'secretariat' ? (
        <Select
          name="owner"
          label={t('documents.fieldOwner')}
          placeholder={t('documents.ownerSecretariat')}
          options={entityOptions}
          value={asText(values.owner)}
          error={errors.owner}
        />
      ) : null}
      <fieldset>
        <legend>{t('documents.accessLegend')}</legend>
        <Select
          name="level"
          label={t('documents.fieldLevel')}
          options={levelOptions}
          value={asText(values.level) || 'compact'}
          error={errors.level}
        />
        <Select
          name="body"
          label={t('documents.fieldAccessBody')}
          placeholder={t('documents.noBody')}
          options={bodyOptions}
          value={asText(values.body)}
          error={errors.body}
        />
        <MultiSelect
          name="namedEntities"
          label={t('documents.fieldNamedEntities')}
          hint={t('documents.namedHint')}
          options={entityOptions}
          chosen={asList(values.namedEntities)}
          error={errors.namedEntities}
        />
        <MultiSelect
          name="namedMemberStates"
          label={t('documents.fieldNamedStates')}
          hint={t('documents.namedHint')}
          options={stateOptions}
          chosen={asList(values.namedMemberStates)}
          error={errors.namedMemberStates}
        />
        <Field
          name="declassifyOn"
          type="date"
          label={t('documents.fieldDeclassifyOn')}
          hint={t('documents.declassifyHint')}
          value={asText(values.declassifyOn)}
          error={errors.declassifyOn}
          required={false}
        />
        <Select
          name="declassifyTo"
          label={t('documents.fieldDeclassifyTo')}
          placeholder={t('documents.noDeclassification')}
          options={levelOptions}
          value={asText(values.declassifyTo)}
          error={errors.declassifyTo}
        />
      </fieldset>
      <fieldset>
        <legend>{t('documents.aboutLegend')}</legend>
        <CheckboxGroup
          name="bodies"
          legend={t('documents.fieldBodies')}
          options={bodyOptions}
          chosen={asList(values.bodies)}
          error={errors.bodies}
        />
        <CheckboxGroup
          name="pillars"
          legend={t('documents.fieldPillars')}
          options={[1, 2, 3, 4].map((pillar) => ({
            value: String(pillar),
            label: t('documents.pillar', { pillar }),
          }))}
          chosen={asList(values.pillars)}
          error={errors.pillars}
        />
        <MultiSelect
          name="countries"
          label={t('documents.fieldCountries')}
          hint={t('documents.multiHint')}
          options={stateOptions}
          chosen={asList(values.countries)}
          error={errors.countries}
        />
        <CheckboxGroup
          name="regions"
          legend={t('documents.fieldRegions')}
          options={regions.map((region) => ({ value: region, label: regionName(t, region) }))}
          chosen={asList(values.regions)}
          error={errors.regions}
        />
        <Field
          name="themes"
          label={t('documents.fieldThemes')}
          hint={t('documents.commaHint')}
          value={asText(values.themes)}
          error={errors.themes}
          required={false}
        />
        <Field
          name="resolutions"
          label={t('documents.fieldResolutions')}
          hint={t('documents.resolutionsHint')}
          value={asText(values.resolutions)}
          error={errors.resolutions}
          required={false}
        />
      </fieldset>
    </>
  );
}

function FileField(props: {
  t: Translate;
  maxMb: number;
  error?: string | undefined;
  chosenBefore: boolean;
}) {
  const { t } = props;
  const hint = [
    t('documents.fileHint', { mb: props.maxMb }),
    props.chosenBefore ? t('documents.fileAgain') : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for="file">{t('documents.fieldFile')}</label>
      <p class="hint" id="file-hint">
        {hint}
      </p>
      {props.error ? (
        <p class="error-message" id="file-error">
          {props.error}
        </p>
      ) : null}
      <input
        id="file"
        name="file"
        type="file"
        accept={Object.keys(acceptedTypes)
          .map((extension) => `.${extension}`)
          .join(',')}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? 'file-hint file-error' : 'file-hint'}
      />
    </div>
  );
}

/** The end of an upload form: a note on the version, the progress bar (shown by JavaScript) and the button. */
function UploadEnd(props: { t: Translate; note: string; error?: string | undefined }) {
  const { t } = props;
  return (
    <>
      <TextArea name="note" label={t('documents.fieldNote')} value={props.note} error={props.error} />
      <div class="upload-progress" hidden data-upload-progress>
        <label for="upload-progress">{t('documents.uploading')}</label>
        <progress id="upload-progress" max={100} value={0} />
      </div>
      <button class="button" type="submit">
        {t('documents.upload')}
      </button>
    </>
  );
}

function LanguageSelect(props: { locale: Locale; t: Translate; value: string; error?: string | undefined }) {
  return (
    <Select
      name="language"
      label={props.t('documents.fieldLanguage')}
      options={unLanguages.map((language) => ({
        value: language,
        label: languageName(props.locale, language),
      }))}
      value={props.value}
      error={props.error}
    />
  );
}

/** A document's metadata in the form's shape, for the edit form. */
function valuesOf(document: DocumentDetail): Values {
  return {
    version: String(document.version),
    title: document.title,
    summary: document.summary ?? '',
    type: document.type.slug,
    level: document.level,
    body: document.accessBody?.slug ?? '',
    namedEntities: document.namedEntities.map((entity) => entity.slug),
    namedMemberStates: document.namedMemberStates.map((state) => state.iso3),
    bodies: document.relatedBodies.map((body) => body.slug),
    countries: document.countries.map((state) => state.iso3),
    regions: document.regions,
    themes: document.themes.join(', '),
    pillars: document.pillars.map(String),
    resolutions: document.resolutions.join(', '),
    publishedOn: document.publishedOn,
    declassifyOn: document.declassifyOn ?? '',
    declassifyTo: document.declassifyTo ?? '',
    owner: document.owner?.slug ?? '',
  };
}

/** Why a file's text could not be read, in the reader's language. */
function reasonOf(t: Translate, code: string): string {
  const key = `extraction.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

const documentRecords = (action: 'list' | 'read' | 'download' | 'edit') =>
  declarePolicy({ kind: 'records', resource: 'document', action });

/** The document library's pages (issue 5): list and search, upload, a document, its versions, its files. */
export function documentRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = new Hono<AppEnv>();
  const maxBytes = deps.env.UPLOAD_MAX_MB * 1_000_000;

  app.get('/documents', documentRecords('list'), async (c) => {
    const params = parseLibraryParams(c.req.query());
    const actor = actorOf(c);
    const variant = libraryHref(params, { page: params.page });
    return sendPublicPage(c, deps.cache, variant, async (page) => {
      const { t, locale } = page;
      const filters: LibraryFilters = { ...params };
      const result = await queryLibrary(
        deps.database,
        actor,
        {
          ...filters,
          sort: params.sort ?? (params.q ? 'relevance' : 'date'),
          page: params.page,
          pageSize,
          locale,
        },
        { facets: true, facetLimit: facetValuesShown, remember: rememberFor(deps) },
      );
      const facets = result.facets;
      const pages = Math.max(1, Math.ceil(result.total / pageSize));
      const chosen = Object.fromEntries(
        filterNames.flatMap((name) => (params[name] !== undefined ? [[name, String(params[name])]] : [])),
      );
      const title = t('documents.title');
      return (
        <Layout page={page} title={title}>
          <h1>{title}</h1>
          {page.viewer && mayAddDocuments(page.viewer.actor) ? (
            <p>
              <a class="button" href="/documents/new">
                {t('documents.add')}
              </a>
            </p>
          ) : null}
          <search>
            <form method="get" action="/documents" class="search-form">
              <label for="q">{t('documents.searchLabel')}</label>
              <input id="q" name="q" type="search" value={params.q ?? ''} />
              {filterNames.map((name) =>
                params[name] !== undefined ? (
                  <input type="hidden" name={name} value={String(params[name])} />
                ) : null,
              )}
              <label for="sort">{t('documents.sortLabel')}</label>
              <select id="sort" name="sort">
                <option
                  value="relevance"
                  selected={(params.sort ?? (params.q ? 'relevance' : 'date')) === 'relevance'}
                >
                  {t('documents.sortRelevance')}
                </option>
                <option value="date" selected={(params.sort ?? (params.q ? 'relevance' : 'date')) === 'date'}>
                  {t('documents.sortDate')}
                </option>
              </select>
              <button class="button" type="submit">
                {t('documents.searchButton')}
              </button>
            </form>
          </search>
          <p role="status" data-testid="result-count">
            {result.totalIsCapped
              ? t('documents.resultCountCapped', { count: result.total })
              : t('documents.resultCount', { count: result.total })}
          </p>
          <div class="library">
            <Facets
              facets={facets}
              chosen={chosen}
              hrefWith={(facet, value) => libraryHref(params, { [facet]: value })}
              sample={
                result.facetsAreSampled
                  ? { kind: searchWordsOf(params.q) ? 'found' : 'newest', count: result.facetsOver }
                  : null
              }
              locale={locale}
              t={t}
            />
            <div>
              {result.rows.length === 0 ? (
                <p class="empty-state">{params.q ? t('documents.noMatches') : t('documents.empty')}</p>
              ) : (
                <LibraryResults rows={result.rows} locale={locale} t={t} />
              )}
              {pages > 1 ? (
                <nav aria-label={t('pagination.label')} class="filters">
                  {params.page > 1 ? (
                    <a href={libraryHref(params, { page: params.page - 1 })} rel="prev">
                      {t('pagination.previous')}
                    </a>
                  ) : null}
                  <span>{t('pagination.position', { page: params.page, pages })}</span>
                  {params.page < pages ? (
                    <a href={libraryHref(params, { page: params.page + 1 })} rel="next">
                      {t('pagination.next')}
                    </a>
                  ) : null}
                </nav>
              ) : null}
            </div>
          </div>
        </Layout>
      );
    });
  });

  const uploadPage = async (
    c: Context<AppEnv>,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const viewer = c.get('viewer');
    const choices = await formChoices(db);
    const title = t('documents.addTitle');
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <form method="post" action="/documents" enctype="multipart/form-data" novalidate data-upload>
          <FileField
            t={t}
            maxMb={deps.env.UPLOAD_MAX_MB}
            error={errors.file}
            chosenBefore={status === 400 && !errors.file}
          />
          <LanguageSelect
            locale={locale}
            t={t}
            value={asText(values.language) || locale}
            error={errors.language}
          />
          <MetadataFields
            t={t}
            locale={locale}
            choices={choices}
            values={values}
            errors={errors}
            actor={viewer?.actor ?? { kind: 'anonymous' }}
          />
          <UploadEnd t={t} note={asText(values.note)} error={errors.note} />
        </form>
        <script src={assetPaths.upload} defer />
      </>,
      status,
    );
  };

  app.get('/documents/new', documentRecords('edit'), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    return uploadPage(c, { publishedOn: today(), level: 'compact' }, {});
  });

  /** Problems of a form in the reader's language; the upload's and the metadata's together. */
  const errorsOf = (t: Translate, ...lists: (readonly Problem[] | null)[]) =>
    fieldErrorsOf(
      t,
      lists.flatMap((list) => list ?? []),
    );

  app.post('/documents', documentRecords('edit'), async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return redirectToSignIn(c);
    const t = c.get('t');
    // Refused before a byte is stored: who may not add documents cannot fill the store either.
    if (!mayAddDocuments(viewer.actor)) {
      return sendMessagePage(c, t('error.forbiddenTitle'), t('documents.forbidden'), 403);
    }
    const upload = await receiveUpload(c.req.raw, deps.blobs, maxBytes);
    const values = upload.fields as Values;
    const metadata = readInput(newDocumentInput, values);
    if (!metadata.data || !upload.file) {
      return uploadPage(c, values, errorsOf(t, upload.problems, metadata.problems), 400);
    }
    try {
      const id = await createDocument(db, viewer.actor, metadata.data, upload.file, today());
      deps.documentJobs.kick();
      markDataChanged(c);
      return c.redirect(`/documents/${id}?added=1`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403)
        return sendMessagePage(c, t('error.forbiddenTitle'), t('documents.forbidden'), 403);
      return uploadPage(c, values, failure.errors, 400);
    }
  });

  /** A document the viewer may see, or the same "not found" whether it is missing or hidden from them. */
  const visibleDocument = async (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    if (!isUuid(id)) return null;
    return findDocument(db, actorOf(c), id);
  };

  app.get('/documents/:id', documentRecords('read'), async (c) => {
    const document = await visibleDocument(c);
    if (!document) return c.notFound();
    const actor = actorOf(c);
    await recordRestrictedRead(
      db,
      actor,
      { type: 'document', id: document.id, record: recordOfDocument(document) },
      'read',
    );
    const t = c.get('t');
    const locale = c.get('locale');
    const mayEdit = can(actor, 'edit', recordOfDocument(document));
    const editions = unLanguages.filter((language) =>
      document.versions.some((version) => version.language === language),
    );
    const current = (language: UnLanguage) =>
      document.versions.find((version) => version.language === language);
    const titleIn = (language: UnLanguage) => current(language)?.editionTitle ?? document.title;
    const shown = editions.includes(locale) ? locale : (editions[0] ?? 'en');
    const title = titleIn(shown);
    const body = (
      <>
        {c.req.query('added') ? (
          <p class="notice" role="status">
            {t('documents.added')}
          </p>
        ) : null}
        <h1>{title}</h1>
        <p class="meta">
          {pickText(document.type.name, locale)} · {formatDate(locale, document.publishedOn)} ·{' '}
          <strong>{t(`level.${document.level}`)}</strong>
          {document.accessBody ? ` (${document.accessBody.shortName})` : ''}
        </p>
        {editions.length > 1 ? (
          <p data-testid="also-in">
            {t('documents.alsoIn')}{' '}
            {editions
              .filter((language) => language !== shown)
              .map((language, index) => (
                <>
                  {index > 0 ? ', ' : ''}
                  <a
                    href={`/documents/${document.id}/download?language=${language}`}
                    lang={language}
                    hreflang={language}
                  >
                    {endonym(language)}
                  </a>
                </>
              ))}
          </p>
        ) : null}
        {document.summary ? <p>{document.summary}</p> : null}
        <dl class="facts">
          <dt>{t('documents.fieldOwner')}</dt>
          <dd>
            {document.owner ? (
              <a href={`/members/${document.owner.slug}`}>{document.owner.acronym}</a>
            ) : document.ownerState ? (
              pickText(document.ownerState.name, locale)
            ) : (
              t('documents.ownerSecretariat')
            )}
          </dd>
          {document.relatedBodies.length > 0 ? (
            <>
              <dt>{t('documents.fieldBodies')}</dt>
              <dd>
                {document.relatedBodies.map((body, index) => (
                  <>
                    {index > 0 ? ', ' : ''}
                    <a href={`/working-groups/${body.slug}`}>{body.shortName}</a>
                  </>
                ))}
              </dd>
            </>
          ) : null}
          {document.countries.length > 0 ? (
            <>
              <dt>{t('documents.fieldCountries')}</dt>
              <dd>{document.countries.map((state) => pickText(state.name, locale)).join(', ')}</dd>
            </>
          ) : null}
          {document.regions.length > 0 ? (
            <>
              <dt>{t('documents.fieldRegions')}</dt>
              <dd>{document.regions.map((region) => regionName(t, region)).join(', ')}</dd>
            </>
          ) : null}
          {document.themes.length > 0 ? (
            <>
              <dt>{t('documents.fieldThemes')}</dt>
              <dd>{document.themes.join(', ')}</dd>
            </>
          ) : null}
          {document.pillars.length > 0 ? (
            <>
              <dt>{t('documents.fieldPillars')}</dt>
              <dd>{document.pillars.map((pillar) => t('documents.pillar', { pillar })).join(', ')}</dd>
            </>
          ) : null}
          {document.resolutions.length > 0 ? (
            <>
              <dt>{t('documents.fieldResolutions')}</dt>
              <dd>{document.resolutions.join(', ')}</dd>
            </>
          ) : null}
          {document.declassifyOn && document.declassifyTo ? (
            <>
              <dt>{t('documents.fieldDeclassifyOn')}</dt>
              <dd>
                {t('documents.declassifies', {
                  date: formatDate(locale, document.declassifyOn),
                  level: t(`level.${document.declassifyTo}`),
                })}
              </dd>
            </>
          ) : null}
        </dl>
        {mayEdit ? (
          <p class="actions">
            <a class="button" href={`/documents/${document.id}/edit`}>
              {t('documents.edit')}
            </a>{' '}
            <a class="button" href={`/documents/${document.id}/versions/new`}>
              {t('documents.addVersion')}
            </a>
          </p>
        ) : null}
        {editions.map((language) => (
          <section aria-labelledby={`edition-${language}`}>
            <h2 id={`edition-${language}`}>{languageName(locale, language)}</h2>
            <table class="responsive-table">
              <caption>
                {t('documents.versionsCaption', { language: languageName(locale, language) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('documents.colVersion')}</th>
                  <th scope="col">{t('documents.colFile')}</th>
                  <th scope="col">{t('documents.colUploaded')}</th>
                  <th scope="col">{t('documents.colNote')}</th>
                  <th scope="col">{t('documents.colText')}</th>
                </tr>
              </thead>
              <tbody>
                {document.versions
                  .filter((version) => version.language === language)
                  .map((version, index) => (
                    <tr>
                      <td>
                        {version.number}
                        {index === 0 ? ` (${t('documents.current')})` : ''}
                      </td>
                      <td>
                        <a
                          href={`/documents/${document.id}/download?version=${version.id}`}
                          download={version.fileName}
                        >
                          {version.fileName}
                        </a>{' '}
                        ({version.fileType.toUpperCase()}, {formatSize(locale, version.size)})
                        {viewableInline(version.fileType) ? (
                          <>
                            {' · '}
                            <a href={`/documents/${document.id}/download?version=${version.id}&inline=1`}>
                              {t('documents.view')}
                            </a>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {formatDate(locale, version.uploadedAt.toISOString().slice(0, 10))}
                        {version.uploadedBy && mayListPeople(actor) ? ` · ${version.uploadedBy}` : ''}
                      </td>
                      <td>
                        {version.restoredFrom
                          ? t('documents.restoredFrom', { number: version.restoredFrom })
                          : ''}
                        {version.note ? ` ${version.note}` : ''}
                      </td>
                      <td>
                        {t(`documents.extraction.${version.extractionStatus}`)}
                        {version.extractionStatus === 'failed' && version.extractionError
                          ? ` (${reasonOf(t, version.extractionError)})`
                          : ''}
                        {mayEdit && index > 0 ? (
                          <>
                            {' · '}
                            <a href={`/documents/${document.id}/versions/${version.id}/restore`}>
                              {t('documents.restore')}
                            </a>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        ))}
      </>
    );
    if (isRestricted(document.level) || actor.kind !== 'anonymous') return sendPrivatePage(c, title, body);
    return sendPublicPage(
      c,
      deps.cache,
      `${document.id}|${document.version}|${c.req.query('added') ? 'added' : ''}`,
      async (page) => (
        <Layout page={page} title={title}>
          {body}
        </Layout>
      ),
    );
  });

  /** The document, when the viewer may change it; otherwise the response to send instead. */
  const forChange = async (c: Context<AppEnv>) => {
    const viewer = c.get('viewer');
    if (!viewer) return { response: redirectToSignIn(c) } as const;
    const document = await visibleDocument(c);
    if (!document) return { response: c.notFound() } as const;
    if (!can(viewer.actor, 'edit', recordOfDocument(document))) {
      const t = c.get('t');
      return {
        response: sendMessagePage(c, t('error.forbiddenTitle'), t('documents.forbidden'), 403),
      } as const;
    }
    return { document, viewer } as const;
  };

  const editPage = async (
    c: Context<AppEnv>,
    document: DocumentDetail,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 | 409 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const choices = await formChoices(db);
    const title = t('documents.editTitle', { title: document.title });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <form method="post" action={`/documents/${document.id}/edit`} novalidate>
          <VersionField version={asText(values.version) || document.version} />
          <MetadataFields
            t={t}
            locale={locale}
            choices={choices}
            values={values}
            errors={errors}
            actor={c.get('viewer')?.actor ?? { kind: 'anonymous' }}
          />
          <button class="button" type="submit">
            {t('form.save')}
          </button>
        </form>
      </>,
      status,
    );
  };

  app.get('/documents/:id/edit', documentRecords('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    return editPage(c, found.document, valuesOf(found.document), {});
  });

  app.post('/documents/:id/edit', documentRecords('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const values = (await c.req.parseBody({ all: true })) as Values;
    const input = readInput(documentMetadataInput.extend({ version: z.coerce.number().int() }), values);
    if (!input.data) return editPage(c, found.document, values, errorsOf(t, input.problems), 400);
    try {
      await updateDocumentMetadata(
        db,
        found.viewer.actor,
        found.document.id,
        input.data.version,
        input.data,
        today(),
      );
      markDataChanged(c);
      return c.redirect(`/documents/${found.document.id}`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403 || failure.status === 404) return c.notFound();
      const current = await findDocument(db, found.viewer.actor, found.document.id);
      const kept = failure.status === 409 ? { ...values, version: String(current?.version ?? '') } : values;
      return editPage(c, current ?? found.document, kept, failure.errors, failure.status === 409 ? 409 : 400);
    }
  });

  const versionPage = async (
    c: Context<AppEnv>,
    document: DocumentDetail,
    values: Values,
    errors: FieldErrors,
    status: 200 | 400 = 200,
  ) => {
    const t = c.get('t');
    const locale = c.get('locale');
    const title = t('documents.addVersionTitle', { title: document.title });
    return sendPrivatePage(
      c,
      title,
      <>
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p>{t('documents.addVersionHint')}</p>
        <form
          method="post"
          action={`/documents/${document.id}/versions`}
          enctype="multipart/form-data"
          novalidate
          data-upload
        >
          <FileField
            t={t}
            maxMb={deps.env.UPLOAD_MAX_MB}
            error={errors.file}
            chosenBefore={status === 400 && !errors.file}
          />
          <LanguageSelect
            locale={locale}
            t={t}
            value={asText(values.language) || (document.versions[0]?.language ?? locale)}
            error={errors.language}
          />
          <Field
            name="title"
            label={t('documents.fieldEditionTitle')}
            hint={t('documents.editionTitleHint')}
            value={asText(values.title)}
            error={errors.title}
            required={false}
          />
          <UploadEnd t={t} note={asText(values.note)} error={errors.note} />
        </form>
        <script src={assetPaths.upload} defer />
      </>,
      status,
    );
  };

  app.get('/documents/:id/versions/new', documentRecords('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    return versionPage(c, found.document, {}, {});
  });

  app.post('/documents/:id/versions', documentRecords('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const t = c.get('t');
    const upload = await receiveUpload(c.req.raw, deps.blobs, maxBytes);
    const values = upload.fields as Values;
    const input = readInput(versionInput, values);
    if (!input.data || !upload.file) {
      return versionPage(c, found.document, values, errorsOf(t, upload.problems, input.problems), 400);
    }
    try {
      await addVersion(db, found.viewer.actor, found.document.id, input.data, upload.file);
      deps.documentJobs.kick();
      markDataChanged(c);
      return c.redirect(`/documents/${found.document.id}`, 303);
    } catch (error) {
      const failure = formFailure(t, error);
      if (failure.status === 403 || failure.status === 404) return c.notFound();
      return versionPage(c, found.document, values, failure.errors, 400);
    }
  });

  const versionOf = (document: DocumentDetail, versionId: string) =>
    document.versions.find((version) => version.id === versionId) ?? null;

  app.get('/documents/:id/versions/:versionId/restore', documentRecords('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const version = versionOf(found.document, c.req.param('versionId') ?? '');
    if (!version) return c.notFound();
    const t = c.get('t');
    const title = t('documents.restoreTitle', { number: version.number });
    return sendPrivatePage(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>
          {t('documents.restoreExplained', {
            number: version.number,
            file: version.fileName,
            language: languageName(c.get('locale'), version.language),
          })}
        </p>
        <form method="post" action={`/documents/${found.document.id}/versions/${version.id}/restore`}>
          <button class="button" type="submit">
            {t('documents.restoreConfirm', { number: version.number })}
          </button>{' '}
          <a href={`/documents/${found.document.id}`}>{t('documents.cancel')}</a>
        </form>
      </>,
    );
  });

  app.post('/documents/:id/versions/:versionId/restore', documentRecords('edit'), async (c) => {
    const found = await forChange(c);
    if ('response' in found) return found.response;
    const versionId = c.req.param('versionId') ?? '';
    if (!isUuid(versionId)) return c.notFound();
    try {
      await restoreVersion(db, found.viewer.actor, found.document.id, versionId);
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) return c.notFound();
      throw error;
    }
    deps.documentJobs.kick();
    markDataChanged(c);
    return c.redirect(`/documents/${found.document.id}`, 303);
  });

  app.get('/documents/:id/download', documentRecords('download'), async (c) => {
    const document = await visibleDocument(c);
    if (!document) return c.notFound();
    return sendFile(c, deps, document, {
      versionId: c.req.query('version'),
      language: c.req.query('language'),
      inline: c.req.query('inline') === '1',
    });
  });

  return app;
}

/**
 * Sends a document's file (pages and API alike): a download by default, shown in place only for types
 * a browser displays safely, always with `nosniff` and a sandboxing policy so that nothing in a file can
 * run as the platform. Downloads above the Compact level are audited.
 */
export async function sendFile(
  c: Context<AppEnv>,
  deps: AppDeps,
  document: DocumentDetail,
  choice: { versionId?: string | undefined; language?: string | undefined; inline: boolean },
) {
  const version = fileToServe(document, choice);
  if (!version) return c.notFound();
  const stream = await deps.blobs.open(version.sha256);
  if (!stream) {
    (c.get('log') ?? deps.log).error({ versionId: version.id }, 'a version points to a missing blob');
    return c.notFound();
  }
  await recordRestrictedRead(
    deps.database.db,
    actorOf(c),
    { type: 'document', id: document.id, record: recordOfDocument(document) },
    'download',
  );
  const inline = choice.inline && viewableInline(version.fileType);
  const type = acceptedTypes[version.fileType as keyof typeof acceptedTypes] ?? 'application/octet-stream';
  const contentType = type.startsWith('text/')
    ? inline
      ? 'text/plain; charset=utf-8'
      : `${type}; charset=utf-8`
    : type;
  const policy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
  c.set('filePolicy', policy);
  return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
    'Content-Type': contentType,
    'Content-Length': String(version.size),
    'Content-Disposition': contentDisposition(version.fileName, { type: inline ? 'inline' : 'attachment' }),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': policy,
    'Cache-Control': 'private, no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
}
