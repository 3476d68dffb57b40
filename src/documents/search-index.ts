import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/optimistic.ts';
import { unLanguages } from '../web/i18n/locales.ts';

/** The current text of edition `e`: its latest version's. */
const currentText = sql`(select v.extracted_text from document_versions v where v.edition_id = e.id order by v.number desc limit 1)`;

/** An edition's title and the summary in that edition's language: what relevance ranks. */
const editionHeading = (language: string): SQL => sql`coalesce((
  select setweight(to_tsvector(ccp_text_config(e.language), coalesce(e.title, d.title)), 'A')
    || setweight(to_tsvector(ccp_text_config(e.language), coalesce(d.summary, '')), 'B')
  from document_editions e where e.document_id = d.id and e.language = ${language}), ''::tsvector)`;

const metadataVector = sql`setweight(to_tsvector('simple', concat_ws(' ',
  (select string_agg(value, ' ') from document_types t, jsonb_each_text(t.name) where t.id = d.type_id),
  (select acronym from entities o where o.id = d.owner_entity_id),
  (select string_agg(value, ' ') from member_states m, jsonb_each_text(m.name) where m.id = d.owner_member_state_id),
  (select string_agg(b.short_name, ' ') from bodies b where b.id = any(d.body_ids)),
  (select string_agg(value, ' ') from member_states m, jsonb_each_text(m.name) where m.id = any(d.country_ids)),
  array_to_string(d.regions, ' '), array_to_string(d.themes, ' '), array_to_string(d.resolutions, ' ')
)), 'C')`;

/**
 * One language edition's contribution to the search vector: its title (weight A), the summary (B) and
 * the text of its current version (D), each stemmed with that language's configuration. Chinese goes to
 * the trigram column instead of being split into nonsense words.
 */
const editionVector = (language: string): SQL => sql`coalesce((
  select setweight(to_tsvector(ccp_text_config(e.language), coalesce(e.title, d.title)), 'A')
    || setweight(to_tsvector(ccp_text_config(e.language), coalesce(d.summary, '')), 'B')
    || setweight(to_tsvector(ccp_text_config(e.language), left(coalesce(${currentText}, ''), 1000000)), 'D')
  from document_editions e where e.document_id = d.id and e.language = ${language}), ''::tsvector)`;

/** The languages of document `d`'s editions, in order. */
const editionLanguages = sql`coalesce((select array_agg(e.language order by e.language) from document_editions e where e.document_id = d.id), '{}')`;

/**
 * Recomputes the search columns of the documents `where` selects (a condition on `d`, a row of
 * `documents`) from their metadata and the current version of each edition, for one document or for
 * many:
 *
 * - the documents are locked against writes until the transaction ends (`for share`), after any write
 *   still open on them commits: the statements below then read their metadata as it now is, which an
 *   update of `document_search` alone would not (PostgreSQL rereads only the row it updates);
 * - the document's languages, when they changed (the trigger of migration 0029 then recomputes its
 *   facet keys);
 * - its row of `document_search`. The metadata (type, owner, bodies, countries, regions, themes,
 *   resolutions; weight C) is indexed with the `simple` configuration, so that acronyms and codes match
 *   exactly as written.
 */
export async function refreshSearchIndexWhere(tx: Pick<Tx, 'execute'>, where: SQL): Promise<void> {
  await tx.execute(sql`select count(*) from (select from documents d where ${where} for share) locked`);
  await tx.execute(sql`
    update documents d set languages = ${editionLanguages}
    where ${where} and d.languages is distinct from ${editionLanguages}`);
  await tx.execute(sql`
    update document_search s set
      search_chinese = (select concat_ws(' ', coalesce(e.title, d.title), d.summary, ${currentText})
        from document_editions e where e.document_id = d.id and e.language = 'zh'),
      search_vector = ${sql.join(unLanguages.map(editionVector), sql` || `)} || ${metadataVector},
      rank_vector = ${sql.join(unLanguages.map(editionHeading), sql` || `)} || ${metadataVector}
    from documents d
    where s.document_id = d.id and ${where}`);
}

/**
 * Recomputes one document's search columns, in the caller's transaction, so that a search never finds a
 * document by words it no longer has.
 */
export async function refreshSearchIndex(tx: Pick<Tx, 'execute'>, documentId: string): Promise<void> {
  await refreshSearchIndexWhere(tx, sql`d.id = ${documentId}`);
}
