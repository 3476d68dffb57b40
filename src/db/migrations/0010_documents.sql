CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."access_level" AS ENUM('public', 'member_states', 'compact', 'un_system', 'body', 'named');--> statement-breakpoint
CREATE TYPE "public"."extraction_status" AS ENUM('pending', 'running', 'done', 'failed', 'not_applicable');--> statement-breakpoint
CREATE TYPE "public"."un_language" AS ENUM('en', 'fr', 'ar', 'zh', 'ru', 'es');--> statement-breakpoint
CREATE TABLE "document_editions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"language" "un_language" NOT NULL,
	"title" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"file_type" text NOT NULL,
	"file_name" text NOT NULL,
	"note" text,
	"restored_from" integer,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"extraction_status" "extraction_status" NOT NULL,
	"extraction_error" text,
	"extraction_started_at" timestamp with time zone,
	"extracted_text" text,
	"text_truncated" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"type_id" uuid NOT NULL,
	"owner_entity_id" uuid,
	"owner_member_state_id" uuid,
	"level" "access_level" NOT NULL,
	"body_id" uuid,
	"named_entity_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"named_member_state_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"body_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"country_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"pillars" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"resolutions" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_on" date NOT NULL,
	"declassify_on" date,
	"declassify_to" "access_level",
	"languages" "un_language"[] DEFAULT '{}'::un_language[] NOT NULL,
	"search_vector" "tsvector" DEFAULT ''::tsvector NOT NULL,
	"search_chinese" text,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_one_owner" CHECK ("documents"."owner_entity_id" is null or "documents"."owner_member_state_id" is null),
	CONSTRAINT "documents_body_level_has_body" CHECK ("documents"."level" <> 'body' or "documents"."body_id" is not null),
	CONSTRAINT "documents_declassification_complete" CHECK (("documents"."declassify_on" is null) = ("documents"."declassify_to" is null))
);
--> statement-breakpoint
ALTER TABLE "document_editions" ADD CONSTRAINT "document_editions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_edition_id_document_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."document_editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_type_id_document_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."document_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_owner_entity_id_entities_id_fk" FOREIGN KEY ("owner_entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_owner_member_state_id_member_states_id_fk" FOREIGN KEY ("owner_member_state_id") REFERENCES "public"."member_states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_editions_language_key" ON "document_editions" USING btree ("document_id","language");--> statement-breakpoint
CREATE UNIQUE INDEX "document_types_slug_key" ON "document_types" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "document_versions_number_key" ON "document_versions" USING btree ("edition_id","number");--> statement-breakpoint
CREATE INDEX "document_versions_sha_idx" ON "document_versions" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "document_versions_pending_idx" ON "document_versions" USING btree ("uploaded_at") WHERE "document_versions"."extraction_status" in ('pending', 'running');--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "documents_chinese_idx" ON "documents" USING gin ("search_chinese" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "documents_published_idx" ON "documents" USING btree ("published_on","id");--> statement-breakpoint
CREATE INDEX "documents_created_idx" ON "documents" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "documents_owner_idx" ON "documents" USING btree ("owner_entity_id","published_on");--> statement-breakpoint
CREATE INDEX "documents_level_idx" ON "documents" USING btree ("level","published_on");--> statement-breakpoint
CREATE INDEX "documents_declassify_idx" ON "documents" USING btree ("declassify_on") WHERE "documents"."declassify_on" is not null;--> statement-breakpoint
-- The text-search configuration for each UN language; Chinese has none (it is matched with trigrams).
CREATE FUNCTION ccp_text_config(language un_language) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (CASE language WHEN 'en' THEN 'english' WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish'
    WHEN 'ru' THEN 'russian' WHEN 'ar' THEN 'arabic' ELSE 'simple' END)::regconfig $$;--> statement-breakpoint
-- What a search box's words mean in every language at once: a word matches in whichever language's
-- stemming finds it, so a French reader finds an English document by the English word and the other way.
CREATE FUNCTION ccp_search_query(words text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT websearch_to_tsquery('english', words) || websearch_to_tsquery('french', words)
    || websearch_to_tsquery('spanish', words) || websearch_to_tsquery('russian', words)
    || websearch_to_tsquery('arabic', words) || websearch_to_tsquery('simple', words) $$;--> statement-breakpoint
INSERT INTO document_types (slug, name, sort_order) VALUES
  ('guidelines', '{"en": "Guidelines", "fr": "Lignes directrices", "ar": "مبادئ توجيهية", "es": "Directrices"}', 0),
  ('compendium', '{"en": "Compendium", "fr": "Recueil", "ar": "خلاصة وافية", "es": "Compendio"}', 10),
  ('handbook', '{"en": "Handbook", "fr": "Manuel", "ar": "دليل", "es": "Manual"}', 20),
  ('terms-of-reference', '{"en": "Terms of reference", "fr": "Mandat", "ar": "اختصاصات", "es": "Mandato"}', 30),
  ('minutes', '{"en": "Minutes", "fr": "Compte rendu", "ar": "محضر", "es": "Acta"}', 40),
  ('assessment-report', '{"en": "Assessment report", "fr": "Rapport d''évaluation", "ar": "تقرير تقييم", "es": "Informe de evaluación"}', 50),
  ('report', '{"en": "Report", "fr": "Rapport", "ar": "تقرير", "es": "Informe"}', 60),
  ('infographic', '{"en": "Infographic", "fr": "Infographie", "ar": "رسم معلوماتي", "es": "Infografía"}', 70),
  ('newsletter', '{"en": "Newsletter", "fr": "Lettre d''information", "ar": "نشرة إخبارية", "es": "Boletín"}', 80),
  ('concept-note', '{"en": "Concept note", "fr": "Note de synthèse", "ar": "مذكرة مفاهيمية", "es": "Nota conceptual"}', 90),
  ('presentation', '{"en": "Presentation", "fr": "Présentation", "ar": "عرض", "es": "Presentación"}', 100),
  ('other', '{"en": "Other", "fr": "Autre", "ar": "أخرى", "es": "Otro"}', 110);--> statement-breakpoint
CREATE TRIGGER documents_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
CREATE TRIGGER document_types_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON document_types
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
