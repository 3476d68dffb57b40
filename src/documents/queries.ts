import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import { bodies } from '../bodies/schema.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import { entities } from '../directory/schema.ts';
import type { Actor } from '../policy/actor.ts';
import type { AccessLevel } from '../policy/levels.ts';
import { canSee, grantsOf, visibleTo } from '../policy/visibility.ts';
import type { LocalizedText, UnLanguage } from '../web/i18n/locales.ts';
import { cjkTermsOf, recordOfDocument } from './rules.ts';
import { documentEditions, documents, documentTypes, documentVersions } from './schema.ts';

/** What the library list and search filter on; names are slugs and ISO codes, as in addresses. */
export interface LibraryFilters {
  q?: string | undefined;
  type?: string | undefined;
  body?: string | undefined;
  country?: string | undefined;
  region?: string | undefined;
  year?: number | undefined;
  language?: UnLanguage | undefined;
  pillar?: number | undefined;
  owner?: string | undefined;
}

export interface LibraryQuery extends LibraryFilters {
  sort: 'relevance' | 'date';
  page: number;
  pageSize: number;
  /** The reader's language: titles and snippets come from that edition when there is one. */
  locale: UnLanguage;
}

export interface LibraryRow {
  id: string;
  title: string;
  summary: string | null;
  publishedOn: string;
  level: AccessLevel;
  type: LocalizedText;
  owner: string | null;
  languages: UnLanguage[];
  /** Parts of the text around the words searched for; odd-numbered parts are the words themselves. */
  snippet: string[] | null;
}

export type FacetName = 'type' | 'body' | 'country' | 'region' | 'year' | 'language' | 'pillar' | 'owner';

export interface FacetValue {
  value: string;
  label: LocalizedText | null;
  count: number;
}

/** The documents `actor` may see: every list, search, count and link to a document goes through it. */
export const visibleDocuments = (actor: Actor) =>
  visibleTo(actor, {
    level: documents.level,
    ownerEntityId: documents.ownerEntityId,
    ownerMemberStateId: documents.ownerMemberStateId,
    bodyId: documents.bodyId,
    namedEntityIds: documents.namedEntityIds,
    namedMemberStateIds: documents.namedMemberStateIds,
  });

/** The searched words, bounded: a query is words, not a document. */
export function searchWordsOf(q: string | undefined): string | null {
  const words = (q ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  return words === '' ? null : words;
}

const highlightStart = '\u0001';
const highlightStop = '\u0002';

function matchCondition(words: string): SQL {
  const chinese = cjkTermsOf(words);
  const textMatch = sql`${documents.searchVector} @@ ccp_search_query(${words})`;
  if (chinese.length === 0) return textMatch;
  const escapeLike = (value: string) => value.replace(/[\\%_]/g, (match) => `\\${match}`);
  const trigram = and(
    ...chinese.map((term) => sql`${documents.searchChinese} like ${`%${escapeLike(term)}%`}`),
  );
  return sql`(${textMatch} or (${trigram}))`;
}

/** Every condition of a library query, the access policy first: nothing else is ever counted. */
function conditionsOf(actor: Actor, filters: LibraryFilters): SQL {
  const words = searchWordsOf(filters.q);
  return and(
    visibleDocuments(actor),
    words ? matchCondition(words) : undefined,
    filters.type
      ? sql`${documents.typeId} = (select id from document_types where slug = ${filters.type})`
      : undefined,
    filters.body
      ? sql`(select id from bodies where slug = ${filters.body}) = any(${documents.bodyIds})`
      : undefined,
    filters.country
      ? sql`(select id from member_states where iso3 = ${filters.country.toUpperCase()}) = any(${documents.countryIds})`
      : undefined,
    filters.region ? sql`${filters.region} = any(${documents.regions})` : undefined,
    filters.year
      ? sql`${documents.publishedOn} >= ${`${filters.year}-01-01`} and ${documents.publishedOn} <= ${`${filters.year}-12-31`}`
      : undefined,
    filters.language ? sql`${filters.language}::un_language = any(${documents.languages})` : undefined,
    filters.pillar ? sql`${filters.pillar}::smallint = any(${documents.pillars})` : undefined,
    filters.owner
      ? sql`${documents.ownerEntityId} = (select id from entities where slug = ${filters.owner})`
      : undefined,
  ) as SQL;
}

/** Counts stop here: past it, "more than 10,000" says all a reader needs, and counting on costs. */
export const countCap = 10_000;

/** Facets are counted over at most this many matches, the newest; the answer says when it did. */
export const facetSample = 5_000;

export interface LibraryResult {
  rows: LibraryRow[];
  total: number;
  totalIsCapped: boolean;
}

/**
 * Keeps a value that depends only on what a reader may see and on the filters (the unfiltered list's
 * total and facets): the page cache's remembered values, dropped on every change of data (ADR 0009).
 */
export type Remember = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/**
 * One page of the library for `actor`, newest first or by relevance, with a snippet of each result's
 * text when words were searched. Everything is computed over what the policy lets through only.
 */
export async function searchLibrary(db: Db, actor: Actor, query: LibraryQuery): Promise<LibraryResult> {
  const { rows, total, totalIsCapped } = await queryLibrary(db, actor, query, { facets: false });
  return { rows, total, totalIsCapped };
}

/**
 * How many of the documents matching the query fall under each value of each facet, counted only over
 * what `actor` may see, with the labels to show. Past `facetSample` matches, the counts are those of the
 * newest `facetSample` (callers say so when the total is larger).
 */
export async function facetsOf(
  db: Db,
  actor: Actor,
  filters: LibraryFilters,
): Promise<Record<FacetName, FacetValue[]>> {
  const query: LibraryQuery = { ...filters, sort: 'date', page: 1, pageSize: 0, locale: 'en' };
  return (await queryLibrary(db, actor, query, { facets: true })).facets;
}

/**
 * A page of the library with its total and, when asked, its facets, in as few passes over the matches
 * as the query allows (ADR 0023, speed):
 *
 * - with words, one statement: the visible matches (ids, rank and facet columns only, found through the
 *   full-text index) are read from the table once into a materialised CTE, and the page, the total and
 *   the facets of the newest `facetSample` all come from it. Relevance ranks the small heading vector
 *   (titles, summary, metadata), not the whole text;
 * - without words, the page is the newest visible documents through the date index, and the total
 *   (counted up to `countCap`) and the facets are computed together over at most `countCap + 1` rows,
 *   and kept with `remember` under the reader's grants and the filters, so that paging through the
 *   library costs the page only.
 *
 * Snippets are cut from the first 5,000 characters of the text, for the rows of the page only.
 */
export async function queryLibrary(
  db: Db,
  actor: Actor,
  query: LibraryQuery,
  options: { facets: true; remember?: Remember | undefined },
): Promise<LibraryResult & { facets: Record<FacetName, FacetValue[]> }>;
export async function queryLibrary(
  db: Db,
  actor: Actor,
  query: LibraryQuery,
  options: { facets: boolean; remember?: Remember | undefined },
): Promise<LibraryResult & { facets: Record<FacetName, FacetValue[]> | null }>;
export async function queryLibrary(
  db: Db,
  actor: Actor,
  query: LibraryQuery,
  options: { facets: boolean; remember?: Remember | undefined },
): Promise<LibraryResult & { facets: Record<FacetName, FacetValue[]> | null }> {
  const words = searchWordsOf(query.q);
  const where = conditionsOf(actor, query);
  const limit = sql`limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`;
  if (words === null) {
    const summaryOf = () => librarySummary(db, where);
    const key = `library|${JSON.stringify(grantsOf(actor))}|${filtersKey(query)}`;
    const [rows, summary] = await Promise.all([
      query.pageSize === 0
        ? []
        : pageOf(
            db,
            query,
            sql`select ${documents.id} as id, 0 as rank, ${documents.publishedOn} as published_on
              from ${documents} where ${where}
              order by ${documents.publishedOn} desc, ${documents.id} desc ${limit}`,
          ),
      options.remember ? options.remember(key, summaryOf) : summaryOf(),
    ]);
    return {
      rows,
      total: Math.min(summary.total, countCap),
      totalIsCapped: summary.total > countCap,
      facets: options.facets ? summary.facets : null,
    };
  }
  const rank =
    query.sort === 'relevance'
      ? sql`ts_rank(coalesce(${documents.rankVector}, ${documents.searchVector}), ccp_search_query(${words}), 1)`
      : sql`0::real`;
  const statement = sql`
      with m as materialized (
        select ${documents.id} as id, ${rank} as rank, ${documents.publishedOn} as published_on,
          ${documents.typeId} as type_id, ${documents.ownerEntityId} as owner_id, ${documents.bodyIds} as body_ids,
          ${documents.countryIds} as country_ids, ${documents.regions} as regions, ${documents.languages} as languages,
          ${documents.pillars} as pillars
        from ${documents} where ${where}
      ),
      page as (select id, rank, published_on from m order by rank desc, published_on desc, id desc ${limit}),
      s as (select * from m order by published_on desc, id desc limit ${facetSample})
      select (select count(*) from m) as total,
        ${query.pageSize === 0 ? sql`null` : pageJson(query, words)} as rows,
        ${options.facets ? facetsJson : sql`null`} as facets`;
  // The planner does not see that testing a document's full-text vector outside the index means
  // unpacking kilobytes: for a common word it would read the whole table and unpack every vector (0.9 s
  // at 100,000 documents) rather than take the matches from the index (0.19 s). Hence no sequential
  // scan for this statement.
  const result = rowsOf<{ total: number | string; rows: unknown; facets: unknown }>(
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute(statement);
    }),
  )[0];
  const total = Number(result?.total ?? 0);
  return {
    rows: result?.rows ? libraryRowsOf(jsonOf(result.rows)) : [],
    total: Math.min(total, countCap),
    totalIsCapped: total > countCap,
    facets: options.facets ? facetsFrom(jsonOf(result?.facets ?? null)) : null,
  };
}

/** The filters a remembered summary depends on, in a fixed order. */
function filtersKey(filters: LibraryFilters): string {
  return JSON.stringify([
    filters.type,
    filters.body,
    filters.country,
    filters.region,
    filters.year,
    filters.language,
    filters.pillar,
    filters.owner,
  ]);
}

interface LibrarySummary {
  /** Counted up to `countCap + 1`. */
  total: number;
  facets: Record<FacetName, FacetValue[]>;
}

/** The total and the facets of a query without words: the newest `countCap + 1` matches, read once. */
async function librarySummary(db: Db, where: SQL): Promise<LibrarySummary> {
  const [row] = rowsOf<{ total: number | string; facets: unknown }>(
    await db.execute(sql`
      with m as materialized (
        select ${documents.id} as id, ${documents.publishedOn} as published_on,
          ${documents.typeId} as type_id, ${documents.ownerEntityId} as owner_id, ${documents.bodyIds} as body_ids,
          ${documents.countryIds} as country_ids, ${documents.regions} as regions, ${documents.languages} as languages,
          ${documents.pillars} as pillars
        from ${documents} where ${where}
        order by ${documents.publishedOn} desc, ${documents.id} desc
        limit ${countCap + 1}
      ),
      s as (select * from m order by published_on desc, id desc limit ${facetSample})
      select (select count(*) from m) as total, ${facetsJson} as facets`),
  );
  return { total: Number(row?.total ?? 0), facets: facetsFrom(jsonOf(row?.facets ?? null)) };
}

/**
 * The facets of the sample `s` as one JSON object: counted by id first, then joined to their labels
 * (grouping by a label, JSONB in several languages, costs more than the counting).
 */
const facetsJson = sql`json_build_object(
  'type', (select json_agg(json_build_object('value', t.slug, 'label', t.name, 'count', g.n))
    from (select type_id, count(*) as n from s group by type_id) g join document_types t on t.id = g.type_id),
  'owner', (select json_agg(json_build_object('value', o.slug, 'label', jsonb_build_object('en', o.acronym), 'count', g.n))
    from (select owner_id, count(*) as n from s where owner_id is not null group by owner_id) g join entities o on o.id = g.owner_id),
  'body', (select json_agg(json_build_object('value', b.slug, 'label', jsonb_build_object('en', b.short_name), 'count', g.n))
    from (select x, count(*) as n from (select unnest(body_ids) as x from s) u group by x) g join bodies b on b.id = g.x),
  'country', (select json_agg(json_build_object('value', c.iso3, 'label', c.name, 'count', g.n))
    from (select x, count(*) as n from (select unnest(country_ids) as x from s) u group by x) g join member_states c on c.id = g.x),
  'region', (select json_agg(json_build_object('value', g.r, 'label', null, 'count', g.n))
    from (select r, count(*) as n from (select unnest(regions) as r from s) u group by r) g),
  'language', (select json_agg(json_build_object('value', g.l::text, 'label', null, 'count', g.n))
    from (select l, count(*) as n from (select unnest(languages) as l from s) u group by l) g),
  'pillar', (select json_agg(json_build_object('value', g.p::text, 'label', null, 'count', g.n))
    from (select p, count(*) as n from (select unnest(pillars) as p from s) u group by p) g),
  'year', (select json_agg(json_build_object('value', g.y::text, 'label', null, 'count', g.n))
    from (select extract(year from published_on)::int as y, count(*) as n from s group by 1) g))`;

function facetsFrom(json: unknown): Record<FacetName, FacetValue[]> {
  const given = (json ?? {}) as Partial<Record<FacetName, FacetValue[] | null>>;
  const facets: Record<FacetName, FacetValue[]> = {
    type: [],
    body: [],
    country: [],
    region: [],
    year: [],
    language: [],
    pillar: [],
    owner: [],
  };
  for (const name of Object.keys(facets) as FacetName[])
    facets[name] = (given[name] ?? []).map((value) => ({
      value: value.value,
      label: value.label,
      count: Number(value.count),
    }));
  for (const values of Object.values(facets))
    values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  facets.year.sort((a, b) => b.value.localeCompare(a.value));
  return facets;
}

/** JSON columns come parsed from node-postgres and PGlite alike; a string is parsed here, to be safe. */
function jsonOf(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * The snippet of the page's row `page.id`: from the reader's-language edition when it has text, cut
 * from the first 5,000 characters. `ts_headline` parses and stems all it is given (about 0.15 ms a
 * thousand characters), so it is given a window of 400 characters around the first place where one of
 * the searched words (its first six letters, for the stems) appears as written; when none does, the
 * snippet is the start of the text (what `ts_headline` would give), from its first 300 characters.
 */
function snippetOf(query: LibraryQuery, words: string | null): SQL {
  if (!words) return sql`null`;
  const probes = [
    ...new Set(
      words
        .toLowerCase()
        .split(' ')
        .map((word) => [...word].slice(0, 6).join(''))
        .filter((word) => word.length >= 2),
    ),
  ];
  const probeArray = sql`array[${sql.join(
    probes.map((probe) => sql`${probe}`),
    sql`, `,
  )}]::text[]`;
  const found =
    probes.length === 0
      ? sql`null::int`
      : sql`(select min(nullif(strpos(lower(v.head), w), 0)) from unnest(${probeArray}) w)`;
  return sql`(
        select ts_headline(ccp_text_config(e.language),
          case when f.at is null then left(v.head, 300) else substr(v.head, greatest(1, f.at - 160), 400) end,
          ccp_search_query(${words}),
          ${`StartSel=${highlightStart}, StopSel=${highlightStop}, MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`})
        from document_editions e
        join lateral (select left(v.extracted_text, 5000) as head from document_versions v where v.edition_id = e.id order by v.number desc limit 1) v on true
        cross join lateral (select ${found} as at) f
        where e.document_id = page.id and v.head is not null
        order by (e.language = ${query.locale}) desc, e.created_at limit 1)`;
}

/** The rows of the page (a CTE `page` of id, rank and date, in order) as one JSON array. */
function pageJson(query: LibraryQuery, words: string | null): SQL {
  return sql`(select coalesce(json_agg(r order by r.rank desc, r.published_on desc, r.id desc), '[]'::json) from (
    select d.id, page.rank, coalesce(
        (select e.title from document_editions e where e.document_id = d.id and e.language = ${query.locale} and e.title is not null),
        d.title) as title,
      d.summary, d.published_on::text as published_on, d.level, t.name as type, o.acronym as owner,
      d.languages, ${snippetOf(query, words)} as snippet
    from page
    join documents d on d.id = page.id
    join document_types t on t.id = d.type_id
    left join entities o on o.id = d.owner_entity_id) r)`;
}

type PageRow = {
  id: string;
  title: string;
  summary: string | null;
  published_on: string;
  level: AccessLevel;
  type: LocalizedText;
  owner: string | null;
  languages: string | UnLanguage[];
  snippet: string | null;
};

/** The page whose ids `ids` selects (a query of id, rank and published_on, in order), with its rows. */
async function pageOf(db: Db, query: LibraryQuery, ids: SQL): Promise<LibraryRow[]> {
  const [row] = rowsOf<{ rows: unknown }>(
    await db.execute(sql`with page as (${ids}) select ${pageJson(query, searchWordsOf(query.q))} as rows`),
  );
  return libraryRowsOf(jsonOf(row?.rows ?? []));
}

function libraryRowsOf(json: unknown): LibraryRow[] {
  return ((json ?? []) as PageRow[]).map((row) => ({
    id: row.id,
    title: row.title,
    summary: row.summary,
    publishedOn: row.published_on,
    level: row.level,
    type: row.type,
    owner: row.owner,
    languages: parseEnumArray(row.languages),
    snippet: row.snippet ? splitHighlights(row.snippet) : null,
  }));
}

/** Drivers differ: node-postgres gives `{rows}`, PGlite's Drizzle adapter too, but arrays of enums come raw. */
export function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

function parseEnumArray<Value extends string>(value: string | Value[]): Value[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean) as Value[];
}

/** Text with highlight markers as alternating plain and highlighted parts, ready to escape and render. */
export function splitHighlights(text: string): string[] {
  return text.split(new RegExp(`[${highlightStart}${highlightStop}]`));
}

/** A document with its editions and versions, or null when it does not exist or `actor` may not see it. */
export async function findDocument(db: Db, actor: Actor, documentId: string) {
  const [document] = await db
    .select({
      document: documents,
      type: { slug: documentTypes.slug, name: documentTypes.name },
      owner: { slug: entities.slug, acronym: entities.acronym, name: entities.name },
    })
    .from(documents)
    .innerJoin(documentTypes, eq(documentTypes.id, documents.typeId))
    .leftJoin(entities, eq(entities.id, documents.ownerEntityId))
    .where(eq(documents.id, documentId));
  if (!document || !canSee(actor, recordOfDocument(document.document))) return null;
  const d = document.document;
  const [versions, accessBody, relatedBodies, named, countries, ownerState] = await Promise.all([
    db
      .select({
        id: documentVersions.id,
        language: documentEditions.language,
        editionTitle: documentEditions.title,
        number: documentVersions.number,
        sha256: documentVersions.sha256,
        size: documentVersions.size,
        fileType: documentVersions.fileType,
        fileName: documentVersions.fileName,
        note: documentVersions.note,
        restoredFrom: documentVersions.restoredFrom,
        uploadedAt: documentVersions.uploadedAt,
        uploadedBy: user.name,
        extractionStatus: documentVersions.extractionStatus,
        extractionError: documentVersions.extractionError,
        textTruncated: documentVersions.textTruncated,
      })
      .from(documentVersions)
      .innerJoin(documentEditions, eq(documentEditions.id, documentVersions.editionId))
      .leftJoin(user, eq(user.id, documentVersions.uploadedBy))
      .where(eq(documentEditions.documentId, documentId))
      .orderBy(asc(documentEditions.createdAt), desc(documentVersions.number)),
    d.bodyId
      ? db
          .select({ slug: bodies.slug, shortName: bodies.shortName })
          .from(bodies)
          .where(eq(bodies.id, d.bodyId))
      : [],
    d.bodyIds.length > 0
      ? db
          .select({ slug: bodies.slug, shortName: bodies.shortName, name: bodies.name })
          .from(bodies)
          .where(inArray(bodies.id, d.bodyIds))
          .orderBy(asc(bodies.sortOrder))
      : [],
    d.namedEntityIds.length > 0
      ? db
          .select({ slug: entities.slug, acronym: entities.acronym })
          .from(entities)
          .where(inArray(entities.id, d.namedEntityIds))
      : [],
    d.countryIds.length + d.namedMemberStateIds.length > 0
      ? db
          .select({ id: memberStates.id, iso3: memberStates.iso3, name: memberStates.name })
          .from(memberStates)
          .where(inArray(memberStates.id, [...d.countryIds, ...d.namedMemberStateIds]))
      : [],
    d.ownerMemberStateId
      ? db
          .select({ iso3: memberStates.iso3, name: memberStates.name })
          .from(memberStates)
          .where(eq(memberStates.id, d.ownerMemberStateId))
      : [],
  ]);
  const stateById = new Map(countries.map((state) => [state.id, state]));
  return {
    ...d,
    type: document.type,
    owner: document.owner,
    ownerState: ownerState[0] ?? null,
    accessBody: accessBody[0] ?? null,
    relatedBodies,
    namedEntities: named,
    namedMemberStates: d.namedMemberStateIds.flatMap((id) => stateById.get(id) ?? []),
    countries: d.countryIds.flatMap((id) => stateById.get(id) ?? []),
    versions,
  };
}

export type DocumentDetail = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

/** The file to send for a document: a given version, else the current one in `language`, else any. */
export function fileToServe(
  document: DocumentDetail,
  choice: { versionId?: string | undefined; language?: string | undefined },
) {
  if (choice.versionId) return document.versions.find((version) => version.id === choice.versionId) ?? null;
  const current = (language?: string) =>
    document.versions.find((version) => language === undefined || version.language === language) ?? null;
  return choice.language ? current(choice.language) : current();
}

/** Is any version, of any document, stored under this blob? (The sweeper asks.) */
export async function blobIsReferenced(db: Db, sha256: string): Promise<boolean> {
  const [row] = await db
    .select({ id: documentVersions.id })
    .from(documentVersions)
    .where(eq(documentVersions.sha256, sha256))
    .limit(1);
  return row !== undefined;
}

export interface RecentDocument {
  id: string;
  title: string;
  publishedOn: string;
  type: LocalizedText;
}

/** The latest documents `actor` may see, newest added first; for one body when `bodyId` is given. */
export async function recentDocuments(
  db: Db,
  actor: Actor,
  options: { bodyId?: string; limit: number },
): Promise<RecentDocument[]> {
  return db
    .select({
      id: documents.id,
      title: documents.title,
      publishedOn: documents.publishedOn,
      type: documentTypes.name,
    })
    .from(documents)
    .innerJoin(documentTypes, eq(documentTypes.id, documents.typeId))
    .where(
      and(
        visibleDocuments(actor),
        options.bodyId ? sql`${options.bodyId} = any(${documents.bodyIds})` : undefined,
      ),
    )
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(options.limit);
}

/** The managed list of document types, in its order. */
export async function listDocumentTypes(db: Db) {
  return db
    .select({ slug: documentTypes.slug, name: documentTypes.name })
    .from(documentTypes)
    .orderBy(asc(documentTypes.sortOrder), asc(documentTypes.slug));
}
