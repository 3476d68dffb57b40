-- Meetings, agendas, minutes and action items appear on cached pages: announce their changes (ADR 0009).
CREATE TRIGGER meetings_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meetings
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER agenda_items_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agenda_items
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER meeting_invitations_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meeting_invitations
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER meeting_minutes_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meeting_minutes
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER meeting_decisions_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meeting_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER action_items_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON action_items
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER meeting_attendance_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meeting_attendance
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
--> statement-breakpoint
CREATE TRIGGER meeting_registrations_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meeting_registrations
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
