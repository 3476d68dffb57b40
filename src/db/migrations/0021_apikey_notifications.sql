-- Instances trust a verified API key for a minute (ADR 0015 addendum, issue 5): a key revoked, disabled,
-- re-scoped or expired early, anywhere, must reach every instance's cache at once. Better Auth writes
-- `last_request` (and may write `request_count` and `updated_at`) on every verification: those updates
-- alone are bookkeeping and announce nothing, or every verification would empty every cache.
CREATE TRIGGER apikey_changed AFTER UPDATE ON apikey FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_request' - 'request_count' - 'updated_at')
    IS DISTINCT FROM (to_jsonb(NEW) - 'last_request' - 'request_count' - 'updated_at'))
  EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER apikey_removed AFTER DELETE OR TRUNCATE ON apikey
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
