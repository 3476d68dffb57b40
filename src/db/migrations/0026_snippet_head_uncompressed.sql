-- A snippet looks for the searched words in `search_head` (ADR 0028) on each of the 20 results of a
-- page: kept uncompressed, it is read without being decompressed each time, about 0.2 ms less a
-- search on this machine (ADR 0029). It only affects versions written from now on; older ones stay
-- compressed and give the same snippets.
ALTER TABLE "document_versions" ALTER COLUMN "search_head" SET STORAGE EXTERNAL;
