-- Facet keys (ADR 0028) computed by the database on every write of a document's row, whatever code
-- writes it: an instance still on older code during a rolling upgrade cannot leave them missing or
-- stale (ADR 0029). The languages come from `documents.languages`, which every change to an edition
-- recomputes on the same row.
CREATE FUNCTION ccp_document_facet_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.facet_keys := concat_ws(E'\n',
    (SELECT 't' || t.short_id FROM document_types t WHERE t.id = NEW.type_id),
    (SELECT 'o' || o.short_id FROM entities o WHERE o.id = NEW.owner_entity_id),
    (SELECT string_agg('b' || b.short_id, E'\n') FROM bodies b WHERE b.id = ANY (NEW.body_ids)),
    (SELECT string_agg('c' || m.short_id, E'\n') FROM member_states m WHERE m.id = ANY (NEW.country_ids)),
    (SELECT string_agg(DISTINCT 'r' || translate(r, E'\n\r', '  '), E'\n') FROM unnest(NEW.regions) r),
    (SELECT string_agg('l' || l, E'\n' ORDER BY l) FROM unnest(NEW.languages) l),
    (SELECT string_agg(DISTINCT 'p' || p, E'\n') FROM unnest(NEW.pillars) p),
    'y' || extract(year FROM NEW.published_on)::int);
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER documents_facet_keys BEFORE INSERT OR UPDATE OF type_id, owner_entity_id, body_ids,
  country_ids, regions, languages, pillars, published_on, facet_keys ON documents
  FOR EACH ROW EXECUTE FUNCTION ccp_document_facet_keys();
