-- Country pages and CTED records (issue 7, ADR 0025): pages show them, so any change drops every
-- instance's page cache (ADR 0009).
CREATE TRIGGER country_sections_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON country_sections
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
CREATE TRIGGER country_section_versions_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON country_section_versions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
CREATE TRIGGER cted_assessments_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cted_assessments
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
CREATE TRIGGER cted_recommendations_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cted_recommendations
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
CREATE TRIGGER cted_uptakes_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cted_uptakes
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
-- Published versions of a State's sections are its record: never rewritten, never removed.
CREATE FUNCTION refuse_country_section_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published versions of country sections are kept as they were';
END;
$$;--> statement-breakpoint
CREATE TRIGGER country_section_versions_keep BEFORE UPDATE OR DELETE ON country_section_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_country_section_version_change();
