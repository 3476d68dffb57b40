import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { user } from '../accounts/schema.ts';
import { bodies } from '../bodies/schema.ts';
import { memberStates } from '../countries/schema.ts';
import type { Database, Db } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { entities } from '../directory/schema.ts';
import type { Actor } from '../policy/actor.ts';
import type { AccessLevel } from '../policy/levels.ts';
import { canSee, grantsOf, visibleTo } from '../policy/visibility.ts';
import type { LocalizedText, UnLanguage } from '../web/i18n/locales.ts';
import {
  countFacets,
  type FacetLabels,
  type FacetName,
  type Facets,
  facetsInLanguage,
  facetTotalsOf,
} from './facets.ts';
import { cjkTermsOf, recordOfDocument } from './rules.ts';
import { documentEditions, documentSearch, documents, documentTypes, documentVersions } from './schema.ts';
import { searchProbesOf, snippetOfRead } from './snippets.ts';

/** What library queries need of the database: Drizzle, and statements kept prepared (searches). */
export type LibraryDatabase = Pick<Database, 'db' | 'prepared'>;

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

/** The columns that carry a document's access facts, in `documents` and in its copy `document_search`. */
const accessColumnsOf = (table: typeof documents | typeof documentSearch) => ({
  level: table.level,
  ownerEntityId: table.ownerEntityId,
  ownerMemberStateId: table.ownerMemberStateId,
  bodyId: table.bodyId,
  namedEntityIds: table.namedEntityIds,
  namedMemberStateIds: table.namedMemberStateIds,
});

/** The documents `actor` may see, read from `documents` itself (the recently added, linked documents). */
export const visibleDocuments = (actor: Actor) => visibleTo(actor, accessColumnsOf(documents));

/**
 * The same rule over the copies of those facts in `document_search`, which every list, search and count
 * of the library reads (ADR 0032); the trigger of migration 0029 writes the copies with the document.
 */
export const visibleSearchRows = (actor: Actor) => visibleTo(actor, accessColumnsOf(documentSearch));

/** The searched words, bounded: a query is words, not a document. */
export function searchWordsOf(q: string | undefined): string | null {
  const words = (q ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  return words === '' ? null : words;
}

function matchCondition(words: string): SQL {
  const chinese = cjkTermsOf(words);
  const textMatch = sql`${documentSearch.searchVector} @@ ccp_search_query(${words})`;
  if (chinese.length === 0) return textMatch;
  const escapeLike = (value: string) => value.replace(/[\\%_]/g, (match) => `\\${match}`);
  const trigram = and(
    ...chinese.map((term) => sql`${documentSearch.searchChinese} like ${`%${escapeLike(term)}%`}`),
  );
  return sql`(${textMatch} or (${trigram}))`;
}

const newline = sql.raw(`E'\\n'`);

/**
 * Rows whose facet keys include `key` (SQL giving one key; null, for a name that does not exist, matches
 * nothing): a filter is a facet value, tested on the keys the row already holds (ADR 0032).
 */
const hasFacetKey = (key: SQL) =>
  sql`strpos(${newline} || ${documentSearch.facetKeys} || ${newline}, ${newline} || ${key} || ${newline}) > 0`;

/**
 * Every condition of a library query but its words, the access policy first: nothing else is ever
 * counted. All on `document_search`.
 */
function filtersOf(actor: Actor, filters: LibraryFilters): SQL {
  return and(
    visibleSearchRows(actor),
    filters.type
      ? hasFacetKey(sql`(select 't' || short_id from document_types where slug = ${filters.type})`)
      : undefined,
    filters.body
      ? hasFacetKey(sql`(select 'b' || short_id from bodies where slug = ${filters.body})`)
      : undefined,
    filters.country
      ? hasFacetKey(
          sql`(select 'c' || short_id from member_states where iso3 = ${filters.country.toUpperCase()})`,
        )
      : undefined,
    filters.region ? hasFacetKey(sql`${'r'} || translate(${filters.region}, ${'\n\r'}, ${'  '})`) : undefined,
    filters.year
      ? sql`${documentSearch.publishedOn} >= ${`${filters.year}-01-01`} and ${documentSearch.publishedOn} <= ${`${filters.year}-12-31`}`
      : undefined,
    filters.language ? hasFacetKey(sql`${`l${filters.language}`}`) : undefined,
    filters.pillar ? hasFacetKey(sql`${`p${filters.pillar}`}`) : undefined,
    filters.owner
      ? sql`${documentSearch.ownerEntityId} = (select id from entities where slug = ${filters.owner})`
      : undefined,
  ) as SQL;
}

/** Lists without words count up to here: past it, "more than 10,000" says all a reader needs. */
export const countCap = 10_000;

/** Facets of a list without words are counted over at most this many matches, the newest. */
export const facetSample = 5_000;

/**
 * A search reads at most this many of its visible matches to count them and their facets (ADR 0027):
 * past it, the total says "more than 1,000" and the facets count the first 1,000 found. The page itself
 * is exact whatever the number of matches.
 */
export const matchCap = 1_000;

export interface LibraryResult {
  rows: LibraryRow[];
  total: number;
  totalIsCapped: boolean;
  /** How many of the matches the facets count: all of them, or the sample the total was counted on. */
  facetsOver: number;
  /** Whether the facets count a sample rather than every match. */
  facetsAreSampled: boolean;
}

/**
 * Keeps a value that depends only on what a reader may see and on the filters (the unfiltered list's
 * total and facets): the page cache's remembered values, dropped on every change of data (ADR 0009).
 */
export type Remember = <T>(key: string, load: () => Promise<T>) => Promise<T>;

interface SearchOptions {
  remember?: Remember | undefined;
  /** How many matches a search reads to count them: `matchCap`, lower in tests of the bounded path. */
  matchCap?: number | undefined;
  /** How many values of each facet to return, the first in `countFacets`'s order; all by default. */
  facetLimit?: number | undefined;
}

/** A result's facets, and how many values each has when the answer lists fewer (`facetLimit`). */
interface FacetsOfResult {
  facets: Facets;
  facetTotals: Record<FacetName, number>;
}

/**
 * One page of the library for `actor`, newest first or by relevance, with a snippet of each result's
 * text when words were searched. Everything is computed over what the policy lets through only.
 */
export async function searchLibrary(
  database: LibraryDatabase,
  actor: Actor,
  query: LibraryQuery,
): Promise<LibraryResult> {
  const {
    facets: _facets,
    facetTotals: _totals,
    ...result
  } = await queryLibrary(database, actor, query, {
    facets: false,
  });
  return result;
}

/**
 * How many of the documents matching the query fall under each value of each facet, counted only over
 * what `actor` may see, with the labels to show; over a sample when there are many matches (see
 * `queryLibrary`).
 */
export async function facetsOf(
  database: LibraryDatabase,
  actor: Actor,
  filters: LibraryFilters,
): Promise<Facets> {
  const query: LibraryQuery = { ...filters, sort: 'date', page: 1, pageSize: 0, locale: 'en' };
  return (await queryLibrary(database, actor, query, { facets: true })).facets;
}

/**
 * A page of the library with its total and, when asked, its facets, with bounded work however many
 * documents match (ADR 0023 and 0027, speed):
 *
 * - with words, one statement. The visible matches are read through the full-text index up to
 *   `matchCap + 1`: the total and the facets come from them (exact up to `matchCap`, a sample beyond).
 *   Relevance ranks only the documents whose heading (titles, summary, metadata) matches, found through
 *   their own small index; the other matches follow, newest first. When all the matches were read, the
 *   page is sorted from them; beyond, the heading matches and the newest other matches are each read up
 *   to the end of the page, so that the page is exact without reading every match (pages end at the
 *   `matchCap`th match);
 * - without words, the page is the newest visible documents through the date index, and the total
 *   (counted up to `countCap`) and the facets (of the newest `facetSample`) are computed together and
 *   kept with `remember` under the reader's grants and the filters, so that paging through the library
 *   costs the page only.
 *
 * Snippets are windows of the text around the first place, within its first 5,000 characters, where a
 * searched word appears; for the rows of the page only, highlighted by `highlightWindow`.
 */
export async function queryLibrary(
  database: LibraryDatabase,
  actor: Actor,
  query: LibraryQuery,
  options: { facets: true } & SearchOptions,
): Promise<LibraryResult & FacetsOfResult>;
export async function queryLibrary(
  database: LibraryDatabase,
  actor: Actor,
  query: LibraryQuery,
  options: { facets: boolean } & SearchOptions,
): Promise<LibraryResult & (FacetsOfResult | { facets: null; facetTotals: null })>;
export async function queryLibrary(
  database: LibraryDatabase,
  actor: Actor,
  query: LibraryQuery,
  options: { facets: boolean } & SearchOptions,
): Promise<LibraryResult & (FacetsOfResult | { facets: null; facetTotals: null })> {
  const { db } = database;
  const facetsOfResult = (all: Facets) => ({
    facets: facetsInLanguage(all, query.locale, options.facetLimit),
    facetTotals: facetTotalsOf(all),
  });
  const words = searchWordsOf(query.q);
  const filtered = filtersOf(actor, query);
  const where = words ? (and(filtered, matchCondition(words)) as SQL) : filtered;
  const offset = (query.page - 1) * query.pageSize;
  if (words === null) {
    const summaryOf = () => librarySummary(db, where, options.remember);
    const key = `library|${JSON.stringify(grantsOf(actor))}|${filtersKey(query)}`;
    const [rows, summary] = await Promise.all([
      query.pageSize === 0
        ? []
        : pageOf(
            db,
            query,
            sql`select ${documentSearch.documentId} as id, 0 as rank, ${documentSearch.publishedOn} as published_on
              from ${documentSearch} where ${where}
              order by ${documentSearch.publishedOn} desc, ${documentSearch.documentId} desc
              limit ${query.pageSize} offset ${offset}`,
          ),
      options.remember ? options.remember(key, summaryOf) : summaryOf(),
    ]);
    return {
      rows,
      total: Math.min(summary.total, countCap),
      totalIsCapped: summary.total > countCap,
      facetsOver: Math.min(summary.total, facetSample),
      facetsAreSampled: summary.total > facetSample,
      ...(options.facets ? facetsOfResult(summary.facets) : { facets: null, facetTotals: null }),
    };
  }
  const cap = options.matchCap ?? matchCap;
  const searched = sql`ccp_search_query(${words})`;
  const upTo = offset + query.pageSize;
  const relevance = query.sort === 'relevance';
  // A heading's words are in the document's search vector too (search-index.ts): unless a word may be
  // excluded or a phrase asked for (a minus sign or quotes anywhere, to be safe), a heading match is a
  // match, and the full-text condition is not repeated, where the planner would intersect both indexes
  // and read the word's entry in the larger one again.
  const headingMatchIsMatch = !/[-"]/.test(words);
  const headings = sql`h as materialized (
        select ${documentSearch.documentId} as id, ts_rank(${documentSearch.rankVector}, ${searched}, 1) as rank,
          ${documentSearch.publishedOn} as published_on
        from ${documentSearch}
        where ${headingMatchIsMatch ? filtered : where} and ${documentSearch.rankVector} @@ ${searched}
        limit ${cap}
      )`;
  const pageOfCandidates = (candidates: SQL) => sql`candidates as (${candidates}),
      page as (select * from candidates order by rank desc, published_on desc, id desc
        limit ${query.pageSize} offset ${offset})`;
  const withPage = query.pageSize > 0;
  // The matches are read up to `cap + 1` (their ids and dates, and their facet keys when facets are
  // counted); the total comes with the facets, the page, or both.
  const statement = sql`
      with m as materialized (
        select ${documentSearch.documentId} as id, ${documentSearch.publishedOn} as published_on
          ${options.facets ? sql`, ${documentSearch.facetKeys} as facet_keys` : sql``}
        from ${documentSearch} where ${where} limit ${cap + 1}
      ),
      c as (select count(*) as total from m)
      ${
        withPage
          ? sql`, ${relevance ? sql`${headings},` : sql``}
            ${pageOfCandidates(
              relevance
                ? sql`select m.id, coalesce(h.rank, 0) as rank, m.published_on from m left join h on h.id = m.id
                    where (select total from c) <= ${cap}`
                : sql`select id, 0::real as rank, published_on from m where (select total from c) <= ${cap}`,
            )}`
          : sql``
      }
      ${options.facets ? sql`, s as (select * from m limit ${cap})` : sql``}
      select (select total from c) as total,
        ${withPage ? pageJson(query, words) : sql`null`} as rows,
        ${options.facets ? facetKeysOfSample : sql`null`} as facets`;
  // The planner does not see that testing a document's full-text vector outside the index means
  // unpacking kilobytes: for a common word it would read the whole table and unpack every vector rather
  // than take the matches from the index. Hence no sequential scan in these statements, which get the
  // same plan for every word: planning them took longer than running them.
  const onePlan = { enable_seqscan: 'off', plan_cache_mode: 'force_generic_plan' };
  const [result] = (await database.prepared(statement, onePlan)) as {
    total: number | string;
    rows: unknown;
    facets: unknown;
  }[];
  const total = Number(result?.total ?? 0);
  let rows = result?.rows;
  if (total > cap && withPage && offset < cap) {
    // More matches than were read: the page comes from the heading matches (the first `cap` found),
    // ranked, and the newest other matches, each read only up to the end of the page. Pages end at the
    // `cap`th match, as the total does ("more than 1,000"), so that this stays bounded too.
    const newest = sql`select ${documentSearch.documentId} as id, 0::real as rank, ${documentSearch.publishedOn} as published_on
      from ${documentSearch}
      where ${where} ${relevance ? sql`and ${documentSearch.documentId} not in (select id from h)` : sql``}
      order by ${documentSearch.publishedOn} desc, ${documentSearch.documentId} desc limit ${upTo}`;
    const [page] = (await database.prepared(
      sql`with ${relevance ? sql`${headings},` : sql``}
        ${pageOfCandidates(
          relevance
            ? sql`(select id, rank, published_on from h order by 2 desc, 3 desc, 1 desc limit ${upTo})
                union all (${newest})`
            : newest,
        )}
        select ${pageJson(query, words)} as rows`,
      // Planned for each word: the newest matches of a frequent word are found by walking the date
      // index, those of a rarer one through the full-text index.
      { enable_seqscan: 'off', plan_cache_mode: 'force_custom_plan' },
    )) as { rows: unknown }[];
    rows = page?.rows;
  }
  return {
    rows: rows ? libraryRowsOf(jsonOf(rows), words) : [],
    total: Math.min(total, cap),
    totalIsCapped: total > cap,
    facetsOver: Math.min(total, cap),
    facetsAreSampled: total > cap,
    ...(options.facets
      ? facetsOfResult(await facetsOfKeys(db, result?.facets as string | null, options.remember))
      : { facets: null, facetTotals: null }),
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
  facets: Facets;
}

/** The total and the facets of a query without words: the newest `countCap + 1` matches, read once. */
async function librarySummary(db: Db, where: SQL, remember: Remember | undefined): Promise<LibrarySummary> {
  const [row] = rowsOf<{ total: number | string; facets: string | null }>(
    await db.execute(sql`
      with m as materialized (
        select ${documentSearch.documentId} as id, ${documentSearch.publishedOn} as published_on, ${documentSearch.facetKeys} as facet_keys
        from ${documentSearch} where ${where}
        order by ${documentSearch.publishedOn} desc, ${documentSearch.documentId} desc
        limit ${countCap + 1}
      ),
      s as (select * from m order by published_on desc, id desc limit ${facetSample})
      select (select count(*) from m) as total, ${facetKeysOfSample} as facets`),
  );
  return { total: Number(row?.total ?? 0), facets: await facetsOfKeys(db, row?.facets ?? null, remember) };
}

/**
 * The facet keys of the sample `s`, all in one text: counting them here rather than in the database
 * (eight aggregations, each joined to its labels) takes a fraction of the time (ADR 0028).
 */
const facetKeysOfSample = sql`(select string_agg(facet_keys, E'\n') from s)`;

/** The facets of `keys` (see `countFacets`), labelled from the managed lists as `remember` keeps them. */
async function facetsOfKeys(db: Db, keys: string | null, remember: Remember | undefined): Promise<Facets> {
  const load = () => facetLabelsOf(db);
  const counted = countFacets(keys, await (remember ? remember('library|facet-labels', load) : load()));
  // A value added since the labels were kept, before the notification of that change arrived.
  return counted.unlabelled > 0 && remember ? countFacets(keys, await load()).facets : counted.facets;
}

/** What each managed list's facet key stands for: document types, owning entities, bodies, countries. */
async function facetLabelsOf(db: Db): Promise<FacetLabels> {
  const rows = rowsOf<{ key: string; value: string; label: unknown }>(
    await db.execute(sql`
      select 't' || short_id as key, slug as value, name as label from document_types
      union all select 'o' || short_id, slug, jsonb_build_object('en', acronym) from entities
      union all select 'b' || short_id, slug, jsonb_build_object('en', short_name) from bodies
      union all select 'c' || short_id, iso3, name from member_states`),
  );
  return new Map(
    rows.map((row) => [row.key, { value: row.value, label: jsonOf(row.label) as LocalizedText }]),
  );
}

/** JSON columns come parsed from node-postgres and PGlite alike; a string is parsed here, to be safe. */
function jsonOf(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * The snippet window of the page's row `page.id`: from the reader's-language edition when it has text,
 * 300 characters (and one more, see `snippetOfRead`) starting a little before the first place where a
 * searched word appears in the text's first 5,000 characters (its first letters, as `searchProbesOf`
 * gives them, found in the version's `search_head`), or from the start when none does; cut from the
 * version's `text_head`, which holds the longest window that can start there.
 */
function snippetOf(query: LibraryQuery, words: string | null): SQL {
  if (!words) return sql`null`;
  const probes = searchProbesOf(words);
  const probeArray = sql`array[${sql.join(
    probes.map((probe) => sql`${probe}`),
    sql`, `,
  )}]::text[]`;
  const found =
    probes.length === 0
      ? sql`null::int`
      : sql`(select min(nullif(strpos(v.search_head, w), 0)) from unnest(${probeArray}) w)`;
  return sql`(
        select json_build_object('text', substr(v.text_head, f.start, ${snippetLength + 1}), 'cutBefore', f.start > 1)
        from ((select e.id from document_editions e where e.document_id = page.id and e.language = ${query.locale})
          union all
          (select e.id from document_editions e where e.document_id = page.id and e.language <> ${query.locale}
            order by e.created_at)) e
        join lateral (select v.text_head, v.search_head from document_versions v where v.edition_id = e.id
          order by v.number desc limit 1) v on true
        cross join lateral (select coalesce(greatest(1, ${found} - ${snippetLead}), 1) as start offset 0) f
        where v.text_head is not null
        limit 1)`;
}

/**
 * The length of a snippet's window and how much of it comes before the first word found: the database
 * reads one character more than the window, so that whether the text goes on is known without counting
 * the text's characters (ADR 0028).
 */
const snippetLength = 300;
const snippetLead = 100;

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
  /** The window with one character more when the text goes on past it. */
  snippet: { text: string; cutBefore: boolean } | null;
};

/** The page whose ids `ids` selects (a query of id, rank and published_on, in order), with its rows. */
async function pageOf(db: Db, query: LibraryQuery, ids: SQL): Promise<LibraryRow[]> {
  const [row] = rowsOf<{ rows: unknown }>(
    await db.execute(sql`with page as (${ids}) select ${pageJson(query, null)} as rows`),
  );
  return libraryRowsOf(jsonOf(row?.rows ?? []), null);
}

function libraryRowsOf(json: unknown, words: string | null): LibraryRow[] {
  const probes = words ? searchProbesOf(words) : [];
  return ((json ?? []) as PageRow[]).map((row) => ({
    id: row.id,
    title: row.title,
    summary: row.summary,
    publishedOn: row.published_on,
    level: row.level,
    type: row.type,
    owner: row.owner,
    languages: parseEnumArray(row.languages),
    snippet: row.snippet
      ? snippetOfRead(row.snippet.text, { length: snippetLength, probes, cutBefore: row.snippet.cutBefore })
      : null,
  }));
}

function parseEnumArray<Value extends string>(value: string | Value[]): Value[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean) as Value[];
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
