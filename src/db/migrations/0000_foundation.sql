CREATE TYPE "public"."body_kind" AS ENUM('coordination_committee', 'working_group');--> statement-breakpoint
CREATE TYPE "public"."chair_seat" AS ENUM('chair', 'vice_chair');--> statement-breakpoint
CREATE TYPE "public"."entity_kind" AS ENUM('un', 'non_un');--> statement-breakpoint
CREATE TYPE "public"."participation" AS ENUM('member', 'observer');--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bodies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" "body_kind" NOT NULL,
	"short_name" text NOT NULL,
	"name" jsonb NOT NULL,
	"pillar" smallint,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bodies_pillar_matches_kind" CHECK (("bodies"."kind" = 'working_group' and "bodies"."pillar" between 1 and 4) or ("bodies"."kind" = 'coordination_committee' and "bodies"."pillar" is null))
);
--> statement-breakpoint
CREATE TABLE "body_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"role" "participation" NOT NULL,
	"since" date NOT NULL,
	"until" date,
	CONSTRAINT "body_memberships_until_after_since" CHECK ("body_memberships"."until" is null or "body_memberships"."until" >= "body_memberships"."since")
);
--> statement-breakpoint
CREATE TABLE "chair_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"seat" "chair_seat" NOT NULL,
	"since" date NOT NULL,
	"until" date,
	CONSTRAINT "chair_terms_until_after_since" CHECK ("chair_terms"."until" is null or "chair_terms"."until" >= "chair_terms"."since")
);
--> statement-breakpoint
CREATE TABLE "member_states" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"iso3" text NOT NULL,
	"iso2" text NOT NULL,
	"name" jsonb NOT NULL,
	"region" text NOT NULL,
	"subregion" text NOT NULL,
	"regional_group" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"acronym" text NOT NULL,
	"name" jsonb NOT NULL,
	"kind" "entity_kind" NOT NULL,
	"status" "participation" NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"website" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entities_left_after_joined" CHECK ("entities"."left_on" is null or "entities"."left_on" >= "entities"."joined_on")
);
--> statement-breakpoint
ALTER TABLE "body_memberships" ADD CONSTRAINT "body_memberships_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD CONSTRAINT "body_memberships_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chair_terms" ADD CONSTRAINT "chair_terms_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chair_terms" ADD CONSTRAINT "chair_terms_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bodies_slug_key" ON "bodies" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "body_memberships_body_idx" ON "body_memberships" USING btree ("body_id","since");--> statement-breakpoint
CREATE UNIQUE INDEX "body_memberships_natural_key" ON "body_memberships" USING btree ("body_id","entity_id","since");--> statement-breakpoint
CREATE INDEX "chair_terms_body_idx" ON "chair_terms" USING btree ("body_id","since");--> statement-breakpoint
CREATE UNIQUE INDEX "chair_terms_natural_key" ON "chair_terms" USING btree ("body_id","entity_id","seat","since");--> statement-breakpoint
CREATE UNIQUE INDEX "member_states_iso3_key" ON "member_states" USING btree ("iso3");--> statement-breakpoint
CREATE UNIQUE INDEX "entities_slug_key" ON "entities" USING btree ("slug");