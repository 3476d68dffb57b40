-- Instances trust a checked session for a minute (ADR 0015 addendum): a session revoked, expired or
-- refreshed, or an account changed, anywhere, must reach every instance's cache at once.
CREATE TRIGGER session_changed AFTER UPDATE OR DELETE OR TRUNCATE ON session
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER user_changed AFTER UPDATE OR DELETE OR TRUNCATE ON "user"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
