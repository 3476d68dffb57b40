-- What searches and lists read of a document moves to a narrow table of its own, one row per document
-- (ADR 0032). A search reads every visible match's row: the documents' own rows, a kilobyte and more
-- each, took a heap page per match; rows of about 200 bytes share pages and are quicker to take apart.
--
-- The access facts and the date are copies, and the facet keys are computed from the metadata, by a
-- trigger on `documents` in the same statement as whatever writes them, whatever code writes them (ADR
-- 0029). Like migrations 0024 and 0027, this one rewrites what every document's search reads: stop the
-- platform's instances before running it, as an instance on older code reads columns dropped here. The
-- documents are locked against writes until the migration commits, so that none changes between its
-- copy and the trigger that keeps the copy.
LOCK TABLE "documents" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TABLE "document_search" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"published_on" date NOT NULL,
	"level" "access_level" NOT NULL,
	"owner_entity_id" uuid,
	"owner_member_state_id" uuid,
	"body_id" uuid,
	"named_entity_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"named_member_state_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"facet_keys" text NOT NULL,
	"search_vector" "tsvector" DEFAULT ''::tsvector NOT NULL,
	"rank_vector" "tsvector",
	"search_chinese" text
) WITH (toast_tuple_target = 400);
--> statement-breakpoint
-- The ranking vector (600 bytes on average) is read for heading matches only: out of the row. The keys
-- and the named lists are read for every match: kept in the row and uncompressed whenever they fit.
ALTER TABLE "document_search" ALTER COLUMN "rank_vector" SET STORAGE EXTERNAL,
  ALTER COLUMN "facet_keys" SET STORAGE MAIN, ALTER COLUMN "named_entity_ids" SET STORAGE MAIN,
  ALTER COLUMN "named_member_state_ids" SET STORAGE MAIN;
--> statement-breakpoint
-- A document's facet keys (ADR 0028): the languages come from `documents.languages`, which every change to
-- an edition recomputes on the same row.
CREATE FUNCTION ccp_facet_keys(type_id uuid, owner_entity_id uuid, body_ids uuid[], country_ids uuid[],
    regions text[], languages un_language[], pillars smallint[], published_on date)
  RETURNS text LANGUAGE sql STABLE AS $$
  SELECT concat_ws(E'\n',
    (SELECT 't' || t.short_id FROM document_types t WHERE t.id = type_id),
    (SELECT 'o' || o.short_id FROM entities o WHERE o.id = owner_entity_id),
    (SELECT string_agg('b' || b.short_id, E'\n') FROM bodies b WHERE b.id = ANY (body_ids)),
    (SELECT string_agg('c' || m.short_id, E'\n') FROM member_states m WHERE m.id = ANY (country_ids)),
    (SELECT string_agg(DISTINCT 'r' || translate(r, E'\n\r', '  '), E'\n') FROM unnest(regions) r),
    (SELECT string_agg('l' || l, E'\n' ORDER BY l) FROM unnest(languages) l),
    (SELECT string_agg(DISTINCT 'p' || p, E'\n') FROM unnest(pillars) p),
    'y' || extract(year FROM published_on)::int)
$$;
--> statement-breakpoint
INSERT INTO "document_search" ("document_id", "published_on", "level", "owner_entity_id",
    "owner_member_state_id", "body_id", "named_entity_ids", "named_member_state_ids", "facet_keys",
    "search_vector", "rank_vector", "search_chinese")
  SELECT d.id, d.published_on, d.level, d.owner_entity_id, d.owner_member_state_id, d.body_id,
    d.named_entity_ids, d.named_member_state_ids,
    ccp_facet_keys(d.type_id, d.owner_entity_id, d.body_ids, d.country_ids, d.regions, d.languages,
      d.pillars, d.published_on),
    d.search_vector, d.rank_vector, d.search_chinese
  FROM "documents" d;
--> statement-breakpoint
ALTER TABLE "document_search" ADD CONSTRAINT "document_search_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_search_vector_idx" ON "document_search" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "document_search_rank_idx" ON "document_search" USING gin ("rank_vector");--> statement-breakpoint
CREATE INDEX "document_search_chinese_idx" ON "document_search" USING gin ("search_chinese" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "document_search_published_idx" ON "document_search" USING btree ("published_on","document_id");--> statement-breakpoint
CREATE INDEX "document_search_owner_idx" ON "document_search" USING btree ("owner_entity_id","published_on");--> statement-breakpoint
-- Pages that list documents are cached until the database announces a change (ADR 0009): a search row
-- changes when a version's text is extracted, without any other write to `documents`.
CREATE TRIGGER document_search_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON document_search
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
-- Keeps a document's search row: created with the document, its copies and keys rewritten whenever a
-- column they come from is written, and only when they change.
CREATE FUNCTION ccp_document_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_search AS s (document_id, published_on, level, owner_entity_id, owner_member_state_id,
      body_id, named_entity_ids, named_member_state_ids, facet_keys)
    VALUES (NEW.id, NEW.published_on, NEW.level, NEW.owner_entity_id, NEW.owner_member_state_id, NEW.body_id,
      NEW.named_entity_ids, NEW.named_member_state_ids,
      ccp_facet_keys(NEW.type_id, NEW.owner_entity_id, NEW.body_ids, NEW.country_ids, NEW.regions,
        NEW.languages, NEW.pillars, NEW.published_on))
  ON CONFLICT (document_id) DO UPDATE SET published_on = EXCLUDED.published_on, level = EXCLUDED.level,
    owner_entity_id = EXCLUDED.owner_entity_id, owner_member_state_id = EXCLUDED.owner_member_state_id,
    body_id = EXCLUDED.body_id, named_entity_ids = EXCLUDED.named_entity_ids,
    named_member_state_ids = EXCLUDED.named_member_state_ids, facet_keys = EXCLUDED.facet_keys
  WHERE (s.published_on, s.level, s.owner_entity_id, s.owner_member_state_id, s.body_id, s.named_entity_ids,
      s.named_member_state_ids, s.facet_keys)
    IS DISTINCT FROM (EXCLUDED.published_on, EXCLUDED.level, EXCLUDED.owner_entity_id,
      EXCLUDED.owner_member_state_id, EXCLUDED.body_id, EXCLUDED.named_entity_ids,
      EXCLUDED.named_member_state_ids, EXCLUDED.facet_keys);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER documents_search_row AFTER INSERT OR UPDATE OF published_on, level, owner_entity_id,
  owner_member_state_id, body_id, named_entity_ids, named_member_state_ids, type_id, body_ids, country_ids,
  regions, languages, pillars ON documents
  FOR EACH ROW EXECUTE FUNCTION ccp_document_search_row();
--> statement-breakpoint
DROP TRIGGER documents_facet_keys ON documents;--> statement-breakpoint
DROP FUNCTION ccp_document_facet_keys();--> statement-breakpoint
DROP INDEX "documents_search_idx";--> statement-breakpoint
DROP INDEX "documents_rank_idx";--> statement-breakpoint
DROP INDEX "documents_chinese_idx";--> statement-breakpoint
-- The library's lists read `document_search` now: the date, owner and level indexes on `documents` only
-- cost writes.
DROP INDEX "documents_published_idx";--> statement-breakpoint
DROP INDEX "documents_owner_idx";--> statement-breakpoint
DROP INDEX "documents_level_idx";--> statement-breakpoint
ALTER TABLE "documents" DROP COLUMN "search_vector", DROP COLUMN "rank_vector", DROP COLUMN "facet_keys",
  DROP COLUMN "search_chinese";
