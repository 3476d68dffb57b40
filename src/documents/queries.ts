import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import { bodies } from '../bodies/schema.ts';
import { memberStates } from '../countries/schema.ts';
import type { Db } from '../db/client.ts';
import { entities } from '../directory/schema.ts';
import type { Actor } from '../policy/actor.ts';
import type { AccessLevel } from '../policy/levels.ts';
import { canSee, visibleTo } from '../policy/visibility.ts';
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

/**
 * One page of the library for `actor`, newest first or by relevance, with a snippet of each result's
 * text when words were searched. Everything is computed over what the policy lets through only.
 * Speed (ADR 0023): relevance ranks the small heading vector (titles, summary, metadata), not the whole
 * text, so a common word does not unpack kilobytes per match; the total is counted up to `countCap`; and
 * snippets are cut from the first 5,000 characters of the text, for the rows of the page only.
 */
export async function searchLibrary(
  db: Db,
  actor: Actor,
  query: LibraryQuery,
): Promise<{ rows: LibraryRow[]; total: number; totalIsCapped: boolean }> {
  const words = searchWordsOf(query.q);
  const byRelevance = words !== null && query.sort === 'relevance';
  const rank = byRelevance
    ? sql`ts_rank(coalesce(${documents.rankVector}, ${documents.searchVector}), ccp_search_query(${words}), 1)`
    : sql`0`;
  const where = conditionsOf(actor, query);
  const snippet = words
    ? sql<string | null>`(
        select ts_headline(ccp_text_config(e.language), left(v.extracted_text, 5000), ccp_search_query(${words}),
          ${`StartSel=${highlightStart}, StopSel=${highlightStop}, MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`})
        from document_editions e
        join lateral (select extracted_text from document_versions v where v.edition_id = e.id order by v.number desc limit 1) v on true
        where e.document_id = page.id and v.extracted_text is not null
        order by (e.language = ${query.locale}) desc, e.created_at limit 1)`
    : sql<string | null>`null`;
  type Row = {
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
  const pageRows: Promise<unknown> = db.execute(sql`
    with page as (
      select ${documents.id} as id, ${rank} as rank, ${documents.publishedOn} as published_on
      from ${documents}
      where ${where}
      order by rank desc, ${documents.publishedOn} desc, ${documents.id} desc
      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}
    )
    select d.id, coalesce(
        (select e.title from document_editions e where e.document_id = d.id and e.language = ${query.locale} and e.title is not null),
        d.title) as title,
      d.summary, d.published_on::text as published_on, d.level, t.name as type, o.acronym as owner,
      d.languages, ${snippet} as snippet
    from page
    join documents d on d.id = page.id
    join document_types t on t.id = d.type_id
    left join entities o on o.id = d.owner_entity_id
    order by page.rank desc, page.published_on desc, d.id desc`);
  const [rows, total] = await Promise.all([pageRows, countOf(db, where)]);
  const list = rowsOf<Row>(rows);
  return {
    total: Math.min(total, countCap),
    totalIsCapped: total > countCap,
    rows: list.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      publishedOn: row.published_on,
      level: row.level,
      type: row.type,
      owner: row.owner,
      languages: parseEnumArray(row.languages),
      snippet: row.snippet ? splitHighlights(row.snippet) : null,
    })),
  };
}

/** How many documents match, counted up to one past the cap. */
async function countOf(db: Db, where: SQL): Promise<number> {
  const result: unknown = await db.execute(
    sql`select count(*)::int as n from (select 1 from ${documents} where ${where} limit ${countCap + 1}) matches`,
  );
  return Number(rowsOf<{ n: number | string }>(result)[0]?.n ?? 0);
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

/**
 * How many of the documents matching the query fall under each value of each facet, counted only over
 * what `actor` may see, with the labels to show. One round trip. Past `facetSample` matches, the counts
 * are those of the newest `facetSample` (callers say so when the total is larger).
 */
export async function facetsOf(
  db: Db,
  actor: Actor,
  filters: LibraryFilters,
): Promise<Record<FacetName, FacetValue[]>> {
  const rows = rowsOf<{ facet: FacetName; value: string; label: LocalizedText | null; n: string | number }>(
    await db.execute(sql`
    with m as (
      select ${documents.typeId} as type_id, ${documents.ownerEntityId} as owner_id, ${documents.bodyIds} as body_ids,
        ${documents.countryIds} as country_ids, ${documents.regions} as regions, ${documents.languages} as languages,
        ${documents.pillars} as pillars, extract(year from ${documents.publishedOn})::int as year
      from ${documents} where ${conditionsOf(actor, filters)}
      order by ${documents.publishedOn} desc, ${documents.id} desc
      limit ${facetSample}
    )
    select 'type' as facet, t.slug as value, t.name as label, count(*) as n from m join document_types t on t.id = m.type_id group by t.slug, t.name
    union all select 'owner', o.slug, jsonb_build_object('en', o.acronym), count(*) from m join entities o on o.id = m.owner_id group by o.slug, o.acronym
    union all select 'body', b.slug, jsonb_build_object('en', b.short_name), count(*) from m, unnest(m.body_ids) x join bodies b on b.id = x group by b.slug, b.short_name
    union all select 'country', s.iso3, s.name, count(*) from m, unnest(m.country_ids) x join member_states s on s.id = x group by s.iso3, s.name
    union all select 'region', r, null, count(*) from m, unnest(m.regions) r group by r
    union all select 'language', l::text, null, count(*) from m, unnest(m.languages) l group by l
    union all select 'pillar', p::text, null, count(*) from m, unnest(m.pillars) p group by p
    union all select 'year', year::text, null, count(*) from m group by year`),
  );
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
  for (const row of rows)
    facets[row.facet].push({ value: row.value, label: row.label, count: Number(row.n) });
  for (const values of Object.values(facets))
    values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  facets.year.sort((a, b) => b.value.localeCompare(a.value));
  return facets;
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
