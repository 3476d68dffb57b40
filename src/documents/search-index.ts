import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/optimistic.ts';
import { unLanguages } from '../web/i18n/locales.ts';

/**
 * One language edition's contribution to the search vector: its title (weight A) and the text of its
 * current version (weight D), each stemmed with that language's configuration. Chinese goes to the
 * trigram column instead of being split into nonsense words.
 */
const editionVector = (language: string): SQL => sql`coalesce((
  select setweight(to_tsvector(ccp_text_config(e.language), e.title), 'A')
    || setweight(to_tsvector(ccp_text_config(e.language), coalesce(e.summary, '')), 'B')
    || setweight(to_tsvector(ccp_text_config(e.language), left(coalesce(e.body, ''), 1000000)), 'D')
  from editions e where e.language = ${language} and e.language <> 'zh'), ''::tsvector)`;

/**
 * Recomputes a document's search columns from its metadata and the current version of each edition, in
 * the caller's transaction, so that a search never finds a document by words it no longer has. The
 * metadata (type, owner, bodies, countries, regions, themes, resolutions; weight C) is indexed with the
 * `simple` configuration, so that acronyms and codes match exactly as written.
 */
export async function refreshSearchIndex(tx: Tx, documentId: string): Promise<void> {
  await tx.execute(sql`
    with editions as (
      select e.language, coalesce(e.title, d.title) as title, d.summary, current.extracted_text as body
      from document_editions e
      join documents d on d.id = e.document_id
      left join lateral (
        select v.extracted_text from document_versions v where v.edition_id = e.id
        order by v.number desc limit 1
      ) current on true
      where e.document_id = ${documentId}
    )
    update documents d set
      languages = coalesce((select array_agg(e.language order by e.language) from editions e), '{}'),
      search_chinese = (select concat_ws(' ', e.title, e.summary, e.body) from editions e where e.language = 'zh'),
      search_vector = ${sql.join(unLanguages.map(editionVector), sql` || `)}
        || setweight(to_tsvector('simple', concat_ws(' ',
          (select string_agg(value, ' ') from document_types t, jsonb_each_text(t.name) where t.id = d.type_id),
          (select acronym from entities o where o.id = d.owner_entity_id),
          (select string_agg(value, ' ') from member_states m, jsonb_each_text(m.name) where m.id = d.owner_member_state_id),
          (select string_agg(b.short_name, ' ') from bodies b where b.id = any(d.body_ids)),
          (select string_agg(value, ' ') from member_states m, jsonb_each_text(m.name) where m.id = any(d.country_ids)),
          array_to_string(d.regions, ' '), array_to_string(d.themes, ' '), array_to_string(d.resolutions, ' ')
        )), 'C')
    where d.id = ${documentId}`);
}
