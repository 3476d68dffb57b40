-- Every change to data that public pages show is announced on the `data_changed` channel, whichever
-- instance, script or SQL session made it, so that each app instance drops its cached pages (ADR 0009).
CREATE FUNCTION notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('data_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER entities_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON entities
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER bodies_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bodies
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER body_memberships_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON body_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER chair_terms_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON chair_terms
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER member_states_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON member_states
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
