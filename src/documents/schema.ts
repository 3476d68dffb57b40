import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bodies } from '../bodies/schema.ts';
import { memberStates } from '../countries/schema.ts';
import { entities } from '../directory/schema.ts';
import { accessLevels } from '../policy/levels.ts';
import { type LocalizedText, unLanguages } from '../web/i18n/locales.ts';

export const accessLevel = pgEnum('access_level', accessLevels);
export const unLanguage = pgEnum('un_language', unLanguages);
export const extractionStatus = pgEnum('extraction_status', [
  'pending',
  'running',
  'done',
  'failed',
  'not_applicable',
]);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The managed list of document types (guidelines, compendium, minutes...), kept by the secretariat. */
export const documentTypes = pgTable(
  'document_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A compact id, for values stored many times over: the library's facet keys (ADR 0028). */
    shortId: integer('short_id').generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('document_types_slug_key').on(t.slug)],
);

/**
 * A document of the library (issue 5): its metadata and the facts the access policy reads (ADR 0013).
 * What searches and lists read of it is kept in `document_search`.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    summary: text('summary'),
    typeId: uuid('type_id')
      .notNull()
      .references(() => documentTypes.id),
    ownerEntityId: uuid('owner_entity_id').references(() => entities.id),
    ownerMemberStateId: uuid('owner_member_state_id').references(() => memberStates.id),
    level: accessLevel('level').notNull(),
    /** For level `body`: the body whose members see it. */
    bodyId: uuid('body_id').references(() => bodies.id),
    namedEntityIds: uuid('named_entity_ids').array().notNull().default(sql`'{}'::uuid[]`),
    namedMemberStateIds: uuid('named_member_state_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The bodies the document is about or comes from (metadata, not access). */
    bodyIds: uuid('body_ids').array().notNull().default(sql`'{}'::uuid[]`),
    countryIds: uuid('country_ids').array().notNull().default(sql`'{}'::uuid[]`),
    regions: text('regions').array().notNull().default(sql`'{}'::text[]`),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    pillars: smallint('pillars').array().notNull().default(sql`'{}'::smallint[]`),
    resolutions: text('resolutions').array().notNull().default(sql`'{}'::text[]`),
    publishedOn: date('published_on').notNull(),
    /** On this day the level lowers to `declassifyTo` by itself (logged in the audit log). */
    declassifyOn: date('declassify_on'),
    declassifyTo: accessLevel('declassify_to'),
    /** The languages of its editions, kept here for the language facet. */
    languages: unLanguage('languages').array().notNull().default(sql`'{}'::un_language[]`),
    /**
     * Set when another record decides this document's audience (a CTED assessment's report follows the
     * State's consent): the library's forms and declassification then leave the access alone.
     */
    accessGovernedBy: text('access_governed_by'),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('documents_created_idx').on(t.createdAt),
    index('documents_declassify_idx').on(t.declassifyOn).where(sql`${t.declassifyOn} is not null`),
    check('documents_one_owner', sql`${t.ownerEntityId} is null or ${t.ownerMemberStateId} is null`),
    check('documents_body_level_has_body', sql`${t.level} <> 'body' or ${t.bodyId} is not null`),
    check(
      'documents_declassification_complete',
      sql`(${t.declassifyOn} is null) = (${t.declassifyTo} is null)`,
    ),
  ],
);

/**
 * What the library's lists and searches read of each document, one narrow row per document (ADR 0032):
 * a search reads every visible match's row, and rows this small share heap pages and are quick to take
 * apart, where the documents' own rows (a kilobyte and more) each took a page of their own.
 *
 * - The access facts and the date are copies of the document's, and the facet keys are computed from its
 *   metadata, by a trigger on `documents` in the same statement as whatever writes them (migration
 *   0029): a copy cannot lag behind the document it guards.
 * - The full-text columns are derived from the metadata and the text of each language edition's current
 *   version, and refreshed in the same transaction as whatever changes them (`documents/search-index.ts`).
 * - A document with text has a row of about 200 bytes: its vectors go out of the row, `rank_vector`
 *   included (storage `EXTERNAL`, `toast_tuple_target` 400), while the keys and lists stay in it
 *   uncompressed when they fit (storage `MAIN`). PostgreSQL moves values out only from rows over 2 KB:
 *   a document with little or no text keeps its short vectors in the row.
 */
export const documentSearch = pgTable(
  'document_search',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => documents.id, { onDelete: 'cascade' }),
    publishedOn: date('published_on').notNull(),
    level: accessLevel('level').notNull(),
    ownerEntityId: uuid('owner_entity_id'),
    ownerMemberStateId: uuid('owner_member_state_id'),
    bodyId: uuid('body_id'),
    namedEntityIds: uuid('named_entity_ids').array().notNull().default(sql`'{}'::uuid[]`),
    namedMemberStateIds: uuid('named_member_state_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /**
     * The document's facet values as short keys, one per line (`t` type, `o` owner, `b` body, `c` country
     * by `short_id`; `r` region, `l` language, `p` pillar, `y` year by value): a search counts its facets
     * from these alone (ADR 0028), and filters on them (ADR 0032).
     */
    facetKeys: text('facet_keys').notNull(),
    searchVector: tsvector('search_vector').notNull().default(sql`''::tsvector`),
    /**
     * What relevance ranks: the titles, summary and metadata, without the text. Small enough to rank
     * thousands of matches in milliseconds, where ranking the whole text would unpack kilobytes for each.
     */
    rankVector: tsvector('rank_vector'),
    /** Chinese editions' titles and text, matched with trigrams: Chinese has no spaces to split words on. */
    searchChinese: text('search_chinese'),
  },
  (t) => [
    index('document_search_vector_idx').using('gin', t.searchVector),
    // Relevance ranks only the documents whose heading matches, found here (ADR 0027).
    index('document_search_rank_idx').using('gin', t.rankVector),
    index('document_search_chinese_idx').using('gin', sql`${t.searchChinese} gin_trgm_ops`),
    index('document_search_published_idx').on(t.publishedOn, t.documentId),
    // An entity's documents, newest first.
    index('document_search_owner_idx').on(t.ownerEntityId, t.publishedOn),
  ],
);

/** One language edition of a document; its current file is its latest version. */
export const documentEditions = pgTable(
  'document_editions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    language: unLanguage('language').notNull(),
    /** The title in this language, when it differs from the document's. */
    title: text('title'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('document_editions_language_key').on(t.documentId, t.language),
    // A snippet falls back on a document's other editions in the order they were added: read in that
    // order from here, each result of a search no longer sorts them (ADR 0030).
    index('document_editions_created_idx').on(t.documentId, t.createdAt),
  ],
);

/**
 * A version of an edition: one uploaded file, kept under its content hash in the blob store. Restoring
 * an earlier version adds a new version with the earlier file, so history only grows.
 */
export const documentVersions = pgTable(
  'document_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    editionId: uuid('edition_id')
      .notNull()
      .references(() => documentEditions.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** The accepted type's extension (pdf, docx...), which decides the media type served. */
    fileType: text('file_type').notNull(),
    fileName: text('file_name').notNull(),
    note: text('note'),
    /** The number of the earlier version this one brought back, when it is a restore. */
    restoredFrom: integer('restored_from'),
    uploadedBy: text('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    extractionStatus: extractionStatus('extraction_status').notNull(),
    extractionError: text('extraction_error'),
    extractionStartedAt: timestamp('extraction_started_at', { withTimezone: true }),
    extractedText: text('extracted_text'),
    /**
     * The text's first 5,000 characters in lower case, where a snippet looks for the words searched:
     * lowering them for each result of each search cost more than the rest of the snippet (ADR 0028).
     */
    searchHead: text('search_head').generatedAlwaysAs(sql`lower(left(extracted_text, 5000))`),
    /**
     * The text's first 5,400 characters as written, kept uncompressed: a snippet's window (300
     * characters from at most 100 before a word found in `search_head`) is cut from here without
     * decompressing the start of the whole text (ADR 0030).
     */
    textHead: text('text_head').generatedAlwaysAs(sql`left(extracted_text, 5400)`),
    textTruncated: boolean('text_truncated').notNull().default(false),
  },
  (t) => [
    uniqueIndex('document_versions_number_key').on(t.editionId, t.number),
    index('document_versions_sha_idx').on(t.sha256),
    index('document_versions_pending_idx')
      .on(t.uploadedAt)
      .where(sql`${t.extractionStatus} in ('pending', 'running')`),
  ],
);
