CREATE TYPE "public"."person_function_kind" AS ENUM('body_focal_point', 'topic_focal_point');--> statement-breakpoint
CREATE TABLE "entity_logos" (
	"entity_id" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entity_status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_id" uuid NOT NULL,
	"status" "participation" NOT NULL,
	"since" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"job_title" text,
	"email" text,
	"phone" text,
	"since" date NOT NULL,
	"left_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_left_after_since" CHECK ("people"."left_on" is null or "people"."left_on" >= "people"."since")
);
--> statement-breakpoint
CREATE TABLE "person_functions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "person_function_kind" NOT NULL,
	"body_id" uuid,
	"topic" text,
	CONSTRAINT "person_functions_target" CHECK (("person_functions"."kind" = 'body_focal_point' and "person_functions"."body_id" is not null and "person_functions"."topic" is null) or ("person_functions"."kind" = 'topic_focal_point' and "person_functions"."body_id" is null and "person_functions"."topic" is not null))
);
--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "mandate" jsonb;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "tor_reference" text;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "tor_version" text;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "tor_reviewed_on" date;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "chair_seats" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "vice_chair_seats" smallint DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "description" jsonb;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "acronyms" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "entity_logos" ADD CONSTRAINT "entity_logos_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_status_changes" ADD CONSTRAINT "entity_status_changes_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_functions" ADD CONSTRAINT "person_functions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_functions" ADD CONSTRAINT "person_functions_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entity_logos_sha_idx" ON "entity_logos" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "entity_status_changes_natural_key" ON "entity_status_changes" USING btree ("entity_id","since");--> statement-breakpoint
CREATE INDEX "people_entity_idx" ON "people" USING btree ("entity_id","name");--> statement-breakpoint
CREATE INDEX "person_functions_person_idx" ON "person_functions" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_seats_positive" CHECK ("bodies"."chair_seats" between 1 and 4 and "bodies"."vice_chair_seats" between 0 and 6);--> statement-breakpoint
-- Every entity already here gets the first line of its status history: its standing since it joined.
INSERT INTO "entity_status_changes" ("entity_id", "status", "since")
  SELECT "id", "status", "joined_on" FROM "entities"
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Pages show these too, so a change to them drops cached pages like the others (ADR 0009).
CREATE TRIGGER entity_status_changes_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON entity_status_changes
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER entity_logos_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON entity_logos
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER people_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER person_functions_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON person_functions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
