import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Tx } from '../db/optimistic.ts';
import { unLanguages } from '../web/i18n/locales.ts';

/**
 * The editions of document `d` with what is indexed of each: its title (else the document's), the
 * document's summary, and the text of its current version. A correlated subquery, so that one document
 * and all of them are indexed by the same statement.
 */
const editionsOfDocument = sql`(
  select e.language, coalesce(e.title, d.title) as title, d.summary, current.extracted_text as body
  from document_editions e
  left join lateral (
    select v.extracted_text from document_versions v where v.edition_id = e.id
    order by v.number desc limit 1
  ) current on true
  where e.document_id = d.id
)`;

/**
 * One language edition's contribution to the search vector: its title (weight A) and the text of its
 * current version (weight D), each stemmed with that language's configuration. Chinese goes to the
 * trigram column instead of being split into nonsense words.
 */
const editionVector = (language: string): SQL => sql`coalesce((
  select setweight(to_tsvector(ccp_text_config(e.language), e.title), 'A')
    || setweight(to_tsvector(ccp_text_config(e.language), coalesce(e.summary, '')), 'B')
    || setweight(to_tsvector(ccp_text_config(e.language), left(coalesce(e.body, ''), 1000000)), 'D')
  from ${editionsOfDocument} e where e.language = ${language} and e.language <> 'zh'), ''::tsvector)`;

/**
 * Recomputes the search columns of the documents `which` selects (a condition on `d`, the documents
 * table) from their metadata and the current version of each edition. The metadata (type, owner, bodies,
 * countries, regions, themes, resolutions; weight C) is indexed with the `simple` configuration, so that
 * acronyms and codes match exactly as written.
 */
function searchIndexUpdate(which: SQL): SQL {
  return sql`
    update documents d set
      languages = coalesce((select array_agg(e.language order by e.language) from ${editionsOfDocument} e), '{}'),
      search_chinese = (select concat_ws(' ', e.title, e.summary, e.body) from ${editionsOfDocument} e where e.language = 'zh'),
      search_vector = ${sql.join(unLanguages.map(editionVector), sql` || `)}
        || setweight(to_tsvector('simple', concat_ws(' ',
          (select string_agg(value, ' ') from document_types t, jsonb_each_text(t.name) where t.id = d.type_id),
          (select acronym from entities o where o.id = d.owner_entity_id),
          (select string_agg(value, ' ') from member_states m, jsonb_each_text(m.name) where m.id = d.owner_member_state_id),
          (select string_agg(b.short_name, ' ') from bodies b where b.id = any(d.body_ids)),
          (select string_agg(value, ' ') from member_states m, jsonb_each_text(m.name) where m.id = any(d.country_ids)),
          array_to_string(d.regions, ' '), array_to_string(d.themes, ' '), array_to_string(d.resolutions, ' ')
        )), 'C')
    where ${which}`;
}

/**
 * Recomputes a document's search columns in the caller's transaction, so that a search never finds a
 * document by words it no longer has.
 */
export async function refreshSearchIndex(tx: Tx, documentId: string): Promise<void> {
  await tx.execute(searchIndexUpdate(sql`d.id = ${documentId}`));
}

/**
 * Recomputes the search columns of every document `which` selects (a condition on `d`), in one statement:
 * bulk loads (the benchmark's data set) and changes to how documents are indexed.
 */
export async function refreshSearchIndexWhere(db: Db | Tx, which: SQL): Promise<void> {
  await db.execute(searchIndexUpdate(which));
}
