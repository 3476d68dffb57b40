-- A snippet falls back on the other editions of a document in the order they were added; without an
-- index in that order, each of the 20 results of a search page sorted them, about a sixth of a
-- search's time in PostgreSQL on this machine (ADR 0030).
CREATE INDEX "document_editions_created_idx" ON "document_editions" USING btree ("document_id","created_at");