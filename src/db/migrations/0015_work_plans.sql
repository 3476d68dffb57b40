CREATE TYPE "public"."activity_status" AS ENUM('not_started', 'on_track', 'at_risk', 'done', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('document', 'meeting', 'url');--> statement-breakpoint
CREATE TYPE "public"."work_plan_status" AS ENUM('draft', 'adopted');--> statement-breakpoint
CREATE TABLE "jpow_priorities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"programme" text NOT NULL,
	"name" jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_plan_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_plan_id" uuid NOT NULL,
	"output_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"lead_entity_id" uuid NOT NULL,
	"partner_entity_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" "activity_status" DEFAULT 'not_started' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_plan_activities_dates_in_order" CHECK ("work_plan_activities"."ends_on" >= "work_plan_activities"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "work_plan_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"update_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"document_id" uuid,
	"meeting_id" uuid,
	"url" text,
	CONSTRAINT "work_plan_evidence_one_target" CHECK (("work_plan_evidence"."kind" = 'document' and "work_plan_evidence"."document_id" is not null and "work_plan_evidence"."meeting_id" is null and "work_plan_evidence"."url" is null)
        or ("work_plan_evidence"."kind" = 'meeting' and "work_plan_evidence"."meeting_id" is not null and "work_plan_evidence"."document_id" is null and "work_plan_evidence"."url" is null)
        or ("work_plan_evidence"."kind" = 'url' and "work_plan_evidence"."url" is not null and "work_plan_evidence"."document_id" is null and "work_plan_evidence"."meeting_id" is null))
);
--> statement-breakpoint
CREATE TABLE "work_plan_outputs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"priority_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_plan_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_plan_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"status" "activity_status" NOT NULL,
	"text" text NOT NULL,
	"author_user_id" text,
	"author_entity_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_plan_updates_quarter_format" CHECK ("work_plan_updates"."quarter" ~ '^[0-9]{4}-Q[1-4]$')
);
--> statement-breakpoint
CREATE TABLE "work_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"start_year" smallint NOT NULL,
	"end_year" smallint NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"status" "work_plan_status" DEFAULT 'draft' NOT NULL,
	"level" "access_level" DEFAULT 'compact' NOT NULL,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_plans_period_in_order" CHECK ("work_plans"."end_year" >= "work_plans"."start_year" and "work_plans"."end_year" - "work_plans"."start_year" <= 4),
	CONSTRAINT "work_plans_level_of_a_body" CHECK ("work_plans"."level" <> 'named')
);
--> statement-breakpoint
ALTER TABLE "work_plan_activities" ADD CONSTRAINT "work_plan_activities_work_plan_id_work_plans_id_fk" FOREIGN KEY ("work_plan_id") REFERENCES "public"."work_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_activities" ADD CONSTRAINT "work_plan_activities_output_id_work_plan_outputs_id_fk" FOREIGN KEY ("output_id") REFERENCES "public"."work_plan_outputs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_activities" ADD CONSTRAINT "work_plan_activities_lead_entity_id_entities_id_fk" FOREIGN KEY ("lead_entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_evidence" ADD CONSTRAINT "work_plan_evidence_update_id_work_plan_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."work_plan_updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_evidence" ADD CONSTRAINT "work_plan_evidence_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_evidence" ADD CONSTRAINT "work_plan_evidence_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_outputs" ADD CONSTRAINT "work_plan_outputs_work_plan_id_work_plans_id_fk" FOREIGN KEY ("work_plan_id") REFERENCES "public"."work_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_updates" ADD CONSTRAINT "work_plan_updates_work_plan_id_work_plans_id_fk" FOREIGN KEY ("work_plan_id") REFERENCES "public"."work_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_updates" ADD CONSTRAINT "work_plan_updates_activity_id_work_plan_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."work_plan_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_updates" ADD CONSTRAINT "work_plan_updates_author_entity_id_entities_id_fk" FOREIGN KEY ("author_entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plans" ADD CONSTRAINT "work_plans_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "jpow_priorities_code_key" ON "jpow_priorities" USING btree ("programme","code");--> statement-breakpoint
CREATE INDEX "work_plan_activities_output_idx" ON "work_plan_activities" USING btree ("output_id","position");--> statement-breakpoint
CREATE INDEX "work_plan_activities_plan_idx" ON "work_plan_activities" USING btree ("work_plan_id");--> statement-breakpoint
CREATE INDEX "work_plan_activities_lead_idx" ON "work_plan_activities" USING btree ("lead_entity_id");--> statement-breakpoint
CREATE INDEX "work_plan_evidence_update_idx" ON "work_plan_evidence" USING btree ("update_id","position");--> statement-breakpoint
CREATE INDEX "work_plan_evidence_document_idx" ON "work_plan_evidence" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "work_plan_outputs_plan_idx" ON "work_plan_outputs" USING btree ("work_plan_id","position");--> statement-breakpoint
CREATE INDEX "work_plan_updates_activity_idx" ON "work_plan_updates" USING btree ("activity_id","quarter");--> statement-breakpoint
CREATE INDEX "work_plan_updates_plan_idx" ON "work_plan_updates" USING btree ("work_plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_plans_body_period_key" ON "work_plans" USING btree ("body_id","start_year","end_year");--> statement-breakpoint
CREATE INDEX "work_plans_period_idx" ON "work_plans" USING btree ("start_year","end_year");