import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type BlobStore, sweepBlobs } from '../blobs/store.ts';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { today } from '../web/i18n/format.ts';
import { declassifyDue } from './commands.ts';
import { type ExtractableKind, isExtractable } from './extraction/index.ts';
import { blobIsReferenced } from './queries.ts';
import { documentEditions, documentVersions } from './schema.ts';
import { refreshSearchIndex } from './search-index.ts';

export type ExtractionOutcome =
  | { ok: true; text: string; truncated: boolean }
  | { ok: false; reason: string };

/** Reads the text of a file on disk; never throws for a bad file (see `documents/extraction`). */
export type Extractor = (filePath: string, fileType: ExtractableKind) => Promise<ExtractionOutcome>;

/** A job that has been running this long was cut off by a crash or a restart: it is run again. */
const staleAfterMs = 15 * 60 * 1000;
const hourMs = 60 * 60 * 1000;

/**
 * The document library's background work, in the platform's own process (ADR 0022): text extraction of
 * new versions, one at a time (each in a worker with its own limits), the hourly declassification and
 * the hourly sweep of orphan blobs. The queue is the `extraction_status` column itself, claimed with
 * `FOR UPDATE SKIP LOCKED`, so several instances share it and a crash loses no job.
 */
export class DocumentJobs {
  #current: Promise<void> | null = null;
  #again = false;
  #timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly deps: {
      db: Db;
      blobs: BlobStore;
      extract: Extractor;
      log: Logger;
      /** How old an unreferenced blob must be before the sweeper removes it. */
      sweepGraceMs?: number;
    },
  ) {}

  /** Starts the timers: extraction every minute (and whenever `kick` is called), the rest every hour. */
  start(): void {
    const every = (ms: number, work: () => void) => {
      const timer = setInterval(work, ms);
      timer.unref();
      this.#timers.push(timer);
    };
    every(60_000, () => this.kick());
    every(hourMs, () => void this.hourly());
    void this.hourly();
    this.kick();
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    await this.#current;
  }

  /** Asks for the pending extractions to run now; returns at once. */
  kick(): void {
    if (this.#current) {
      this.#again = true;
      return;
    }
    this.#current = (async () => {
      do {
        this.#again = false;
        await this.runExtractions().catch((error: unknown) =>
          this.deps.log.error({ err: error }, 'text extraction run failed'),
        );
      } while (this.#again);
    })().finally(() => {
      this.#current = null;
    });
  }

  /** Resolves once no extraction run is going on (tests wait on it). */
  async idle(): Promise<void> {
    while (this.#current) await this.#current;
  }

  /** Extracts every pending version's text; answers how many were processed. */
  async runExtractions(): Promise<number> {
    const { db } = this.deps;
    await db
      .update(documentVersions)
      .set({ extractionStatus: 'pending', extractionStartedAt: null })
      .where(
        and(
          eq(documentVersions.extractionStatus, 'running'),
          lt(documentVersions.extractionStartedAt, new Date(Date.now() - staleAfterMs)),
        ),
      );
    let processed = 0;
    for (;;) {
      const job = await this.#claim();
      if (!job) return processed;
      await this.#extract(job);
      processed++;
    }
  }

  async #claim() {
    const result: unknown = await this.deps.db.execute(sql`
      update document_versions set extraction_status = 'running', extraction_started_at = now()
      where id = (
        select id from document_versions where extraction_status = 'pending'
        order by uploaded_at limit 1 for update skip locked
      )
      returning id, sha256, file_type`);
    return rowsOf<{ id: string; sha256: string; file_type: string }>(result)[0] ?? null;
  }

  async #extract(job: { id: string; sha256: string; file_type: string }): Promise<void> {
    const { db, blobs, extract, log } = this.deps;
    const file = path.join(tmpdir(), `ccp-extract-${randomUUID()}`);
    let outcome: ExtractionOutcome;
    try {
      const source = await blobs.open(job.sha256);
      if (!source) {
        outcome = { ok: false, reason: 'missing_file' };
      } else {
        await pipeline(source, createWriteStream(file, { mode: 0o600 }));
        outcome = isExtractable(job.file_type)
          ? await extract(file, job.file_type)
          : { ok: false, reason: 'corrupt' };
      }
    } catch (error) {
      log.error({ err: error, versionId: job.id }, 'text extraction failed unexpectedly');
      outcome = { ok: false, reason: 'corrupt' };
    } finally {
      await rm(file, { force: true });
    }
    await db.transaction(async (tx) => {
      await tx
        .update(documentVersions)
        .set(
          outcome.ok
            ? {
                extractionStatus: 'done',
                extractedText: outcome.text,
                textTruncated: outcome.truncated,
                extractionError: null,
              }
            : { extractionStatus: 'failed', extractionError: outcome.reason, extractedText: null },
        )
        .where(eq(documentVersions.id, job.id));
      const [edition] = await tx
        .select({ documentId: documentEditions.documentId })
        .from(documentVersions)
        .innerJoin(documentEditions, eq(documentEditions.id, documentVersions.editionId))
        .where(eq(documentVersions.id, job.id));
      if (edition) await refreshSearchIndex(tx, edition.documentId);
    });
    log.info({ versionId: job.id, ok: outcome.ok }, 'text extracted');
  }

  /** Declassifies what is due, then sweeps blobs no version points to. */
  async hourly(): Promise<void> {
    const { db, blobs, log } = this.deps;
    try {
      const declassified = await declassifyDue(db, today());
      if (declassified > 0) log.info({ declassified }, 'documents declassified');
      const swept = await sweepBlobs(
        blobs,
        (sha256) => blobIsReferenced(db, sha256),
        this.deps.sweepGraceMs ?? hourMs,
      );
      if (swept.orphansRemoved + swept.partialsRemoved > 0) log.info({ swept }, 'blob store swept');
    } catch (error) {
      log.error({ err: error }, 'hourly document jobs failed');
    }
  }
}
