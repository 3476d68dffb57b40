CREATE TYPE "public"."country_draft_state" AS ENUM('editing', 'submitted', 'returned');--> statement-breakpoint
CREATE TYPE "public"."country_section_kind" AS ENUM('priorities', 'good_practices', 'challenges', 'contacts', 'strategy');--> statement-breakpoint
CREATE TYPE "public"."country_section_level" AS ENUM('public', 'compact');--> statement-breakpoint
CREATE TYPE "public"."country_strategy_status" AS ENUM('adopted', 'in_preparation', 'under_review', 'none');--> statement-breakpoint
CREATE TYPE "public"."cted_assessment_kind" AS ENUM('comprehensive', 'focused', 'follow_up');--> statement-breakpoint
CREATE TYPE "public"."cted_priority" AS ENUM('high', 'medium', 'low');--> statement-breakpoint
CREATE TYPE "public"."cted_recommendation_status" AS ENUM('open', 'in_progress', 'implemented', 'superseded');--> statement-breakpoint
CREATE TABLE "country_section_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"level" "country_section_level" NOT NULL,
	"strategy_status" "country_strategy_status",
	"submitted_by" text,
	"published_by" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "country_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_state_id" uuid NOT NULL,
	"kind" "country_section_kind" NOT NULL,
	"draft_state" "country_draft_state",
	"draft_text" text,
	"draft_level" "country_section_level",
	"draft_strategy_status" "country_strategy_status",
	"draft_updated_by" text,
	"draft_updated_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"review_comment" text,
	"published_number" integer DEFAULT 0 NOT NULL,
	"published_text" text,
	"published_level" "country_section_level",
	"published_strategy_status" "country_strategy_status",
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "country_sections_published_complete" CHECK (("country_sections"."published_number" = 0) = ("country_sections"."published_level" is null)),
	CONSTRAINT "country_sections_draft_complete" CHECK (("country_sections"."draft_state" is null) = ("country_sections"."draft_level" is null))
);
--> statement-breakpoint
CREATE TABLE "cted_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_state_id" uuid NOT NULL,
	"kind" "cted_assessment_kind" NOT NULL,
	"visit_start" date NOT NULL,
	"visit_end" date NOT NULL,
	"wider_sharing" boolean NOT NULL,
	"level" "access_level" NOT NULL,
	"named_entity_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"owner_entity_id" uuid NOT NULL,
	"report_document_id" uuid,
	"summary" text,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cted_assessments_dates" CHECK ("cted_assessments"."visit_end" >= "cted_assessments"."visit_start"),
	CONSTRAINT "cted_assessments_level" CHECK ("cted_assessments"."level" in ('un_system', 'named'))
);
--> statement-breakpoint
CREATE TABLE "cted_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"member_state_id" uuid NOT NULL,
	"theme" text NOT NULL,
	"priority" "cted_priority" NOT NULL,
	"text" text NOT NULL,
	"text_key" text NOT NULL,
	"status" "cted_recommendation_status" DEFAULT 'open' NOT NULL,
	"issued_on" date NOT NULL,
	"due_on" date,
	"status_changed_on" date NOT NULL,
	"superseded_by_id" uuid,
	"level" "access_level" NOT NULL,
	"named_entity_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"owner_entity_id" uuid NOT NULL,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cted_recommendations_level" CHECK ("cted_recommendations"."level" in ('un_system', 'named')),
	CONSTRAINT "cted_recommendations_due" CHECK ("cted_recommendations"."due_on" is null or "cted_recommendations"."due_on" >= "cted_recommendations"."issued_on")
);
--> statement-breakpoint
CREATE TABLE "cted_uptakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"note" text NOT NULL,
	"since" date NOT NULL,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "country_section_versions" ADD CONSTRAINT "country_section_versions_section_id_country_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."country_sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "country_sections" ADD CONSTRAINT "country_sections_member_state_id_member_states_id_fk" FOREIGN KEY ("member_state_id") REFERENCES "public"."member_states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cted_assessments" ADD CONSTRAINT "cted_assessments_member_state_id_member_states_id_fk" FOREIGN KEY ("member_state_id") REFERENCES "public"."member_states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cted_assessments" ADD CONSTRAINT "cted_assessments_owner_entity_id_entities_id_fk" FOREIGN KEY ("owner_entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cted_assessments" ADD CONSTRAINT "cted_assessments_report_document_id_documents_id_fk" FOREIGN KEY ("report_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cted_recommendations" ADD CONSTRAINT "cted_recommendations_assessment_id_cted_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."cted_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cted_recommendations" ADD CONSTRAINT "cted_recommendations_member_state_id_member_states_id_fk" FOREIGN KEY ("member_state_id") REFERENCES "public"."member_states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cted_recommendations" ADD CONSTRAINT "cted_recommendations_owner_entity_id_entities_id_fk" FOREIGN KEY ("owner_entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cted_uptakes" ADD CONSTRAINT "cted_uptakes_recommendation_id_cted_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."cted_recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cted_uptakes" ADD CONSTRAINT "cted_uptakes_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "country_section_versions_number_key" ON "country_section_versions" USING btree ("section_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "country_sections_state_kind_key" ON "country_sections" USING btree ("member_state_id","kind");--> statement-breakpoint
CREATE INDEX "country_sections_submitted_idx" ON "country_sections" USING btree ("submitted_at") WHERE "country_sections"."draft_state" = 'submitted';--> statement-breakpoint
CREATE UNIQUE INDEX "cted_assessments_visit_key" ON "cted_assessments" USING btree ("member_state_id","visit_start");--> statement-breakpoint
CREATE UNIQUE INDEX "cted_recommendations_text_key" ON "cted_recommendations" USING btree ("assessment_id","text_key");--> statement-breakpoint
CREATE INDEX "cted_recommendations_state_idx" ON "cted_recommendations" USING btree ("member_state_id","status");--> statement-breakpoint
CREATE INDEX "cted_recommendations_theme_idx" ON "cted_recommendations" USING btree ("theme","status");--> statement-breakpoint
CREATE UNIQUE INDEX "cted_uptakes_entity_key" ON "cted_uptakes" USING btree ("recommendation_id","entity_id");