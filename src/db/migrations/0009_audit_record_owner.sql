ALTER TABLE "audit_events" ADD COLUMN "subject_owner_entity_id" text;--> statement-breakpoint
CREATE INDEX "audit_events_owner_idx" ON "audit_events" USING btree ("subject_owner_entity_id","id");