-- A snippet's window was cut from `extracted_text`, decompressing the start of the text for each of the
-- 20 results of a page. `text_head` holds the first 5,400 characters as written, uncompressed (storage
-- EXTERNAL, set in the same statement so that the rewrite of the table already stores them so): the
-- window is read without decompressing anything (ADR 0030). Like migration 0024, adding a stored generated
-- column rewrites `document_versions` under an exclusive lock: about 20 seconds for 100,000 versions.
ALTER TABLE "document_versions" ADD COLUMN "text_head" text GENERATED ALWAYS AS (left(extracted_text, 5400)) STORED, ALTER COLUMN "text_head" SET STORAGE EXTERNAL;
