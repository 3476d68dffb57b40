import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { InvalidInput } from '../errors.ts';

/**
 * The blob store of the document library (issue 5, ADR 0021): files are kept under the SHA-256 of their
 * content, so a file name never reaches the disk and the same file uploaded twice is stored once.
 * A blob is written to `tmp/` while it streams in (hashed and counted on the way, never whole in memory),
 * flushed to disk, then renamed into place in one step: a blob that exists is complete, and a crash leaves
 * at most a file in `tmp/` that the sweeper removes.
 */
export interface StoredBlob {
  sha256: string;
  size: number;
}

const shaPattern = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return shaPattern.test(value);
}

/**
 * What the library needs of a blob store; the local store below and the S3-compatible one
 * (`s3-store.ts`) both provide it, so everything else is written once.
 */
export interface BlobStore {
  /**
   * Streams `source` in, refusing (InvalidInput `file_too_large` or `file_empty`) without leaving anything
   * behind. Storing content that is already there refreshes its time, so that the sweeper's grace covers
   * the upload that is about to point to it.
   */
  put(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredBlob>;
  has(sha256: string): Promise<boolean>;
  /** A stream of the blob's bytes, or null when there is no such blob. */
  open(sha256: string): Promise<Readable | null>;
  delete(sha256: string): Promise<void>;
  /** Every stored blob with when it was last written, for the sweeper. */
  list(): AsyncIterable<{ sha256: string; modifiedAt: Date }>;
  /** Removes uploads a crash left unfinished, last written before `cutoff`; answers how many. */
  removePartials(cutoff: Date): Promise<number>;
}

/**
 * Hashes and counts an upload as it streams through, for every backend alike: past `maxBytes` it refuses
 * (`file_too_large`) before reading on, and an upload that brought nothing is `file_empty`.
 */
export class UploadMeter {
  readonly #hash = createHash('sha256');
  #size = 0;

  constructor(readonly maxBytes: number) {}

  async *pass(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      this.#size += chunk.byteLength;
      if (this.#size > this.maxBytes) {
        throw new InvalidInput([
          { field: 'file', code: 'file_too_large', values: { mb: Math.floor(this.maxBytes / 1_000_000) } },
        ]);
      }
      this.#hash.update(chunk);
      yield chunk;
    }
  }

  /** The digest and size of everything passed, once the source has ended. */
  result(): StoredBlob {
    if (this.#size === 0) throw new InvalidInput([{ field: 'file', code: 'file_empty' }]);
    return { sha256: this.#hash.digest('hex'), size: this.#size };
  }
}

export class LocalBlobStore implements BlobStore {
  readonly #root: string;
  readonly #tmp: string;

  constructor(root: string) {
    this.#root = path.resolve(root);
    this.#tmp = path.join(this.#root, 'tmp');
  }

  /** Where a blob lives: two levels of fan-out keep directories small. Only a hex digest gets a path. */
  #pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error('not a SHA-256 digest');
    return path.join(this.#root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /**
   * Streams `source` into the store. Refuses (InvalidInput `file_too_large`, or `file_empty`) and leaves
   * nothing behind when the content is over `maxBytes` or empty; the source is not read further.
   */
  async put(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredBlob> {
    await mkdir(this.#tmp, { recursive: true });
    const temporary = path.join(this.#tmp, `${randomUUID()}.part`);
    const meter = new UploadMeter(maxBytes);
    let blob: StoredBlob;
    const file = await open(temporary, 'wx');
    try {
      for await (const chunk of meter.pass(source)) await file.write(chunk);
      blob = meter.result();
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await file.close();
    const target = this.#pathOf(blob.sha256);
    await mkdir(path.dirname(target), { recursive: true });
    if (await this.has(blob.sha256)) {
      await rm(temporary, { force: true });
      const now = new Date();
      await utimes(target, now, now);
    } else {
      await rename(temporary, target);
    }
    return blob;
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    return stat(this.#pathOf(sha256)).then(
      (info) => info.isFile(),
      () => false,
    );
  }

  async open(sha256: string): Promise<Readable | null> {
    if (!(await this.has(sha256))) return null;
    return createReadStream(this.#pathOf(sha256));
  }

  async delete(sha256: string): Promise<void> {
    if (isSha256(sha256)) await rm(this.#pathOf(sha256), { force: true });
  }

  async *list(): AsyncGenerator<{ sha256: string; modifiedAt: Date }> {
    for (const first of await readdirOrEmpty(this.#root)) {
      if (!/^[0-9a-f]{2}$/.test(first)) continue;
      for (const second of await readdirOrEmpty(path.join(this.#root, first))) {
        for (const name of await readdirOrEmpty(path.join(this.#root, first, second))) {
          if (!isSha256(name)) continue;
          const info = await stat(path.join(this.#root, first, second, name));
          yield { sha256: name, modifiedAt: info.mtime };
        }
      }
    }
  }

  /** Partial uploads left by a crash, with when they were last written. */
  async *partials(): AsyncGenerator<{ file: string; modifiedAt: Date }> {
    for (const name of await readdirOrEmpty(this.#tmp)) {
      const file = path.join(this.#tmp, name);
      yield { file, modifiedAt: (await stat(file)).mtime };
    }
  }

  async removePartials(cutoff: Date): Promise<number> {
    let removed = 0;
    for await (const partial of this.partials()) {
      if (partial.modifiedAt.getTime() > cutoff.getTime()) continue;
      await rm(partial.file, { force: true });
      removed++;
    }
    return removed;
  }
}

async function readdirOrEmpty(directory: string): Promise<string[]> {
  return readdir(directory).catch(() => []);
}

export interface SweepReport {
  orphansRemoved: number;
  partialsRemoved: number;
}

/**
 * Removes blobs no database row points to, and partial uploads, once they are older than `graceMs`: the
 * grace covers an upload whose blob is written but whose row is not committed yet.
 */
export async function sweepBlobs(
  store: BlobStore,
  isReferenced: (sha256: string) => Promise<boolean>,
  graceMs: number,
  now: Date = new Date(),
): Promise<SweepReport> {
  const report: SweepReport = { orphansRemoved: 0, partialsRemoved: 0 };
  const cutoff = now.getTime() - graceMs;
  for await (const blob of store.list()) {
    if (blob.modifiedAt.getTime() > cutoff) continue;
    if (await isReferenced(blob.sha256)) continue;
    await store.delete(blob.sha256);
    report.orphansRemoved++;
  }
  report.partialsRemoved = await store.removePartials(new Date(cutoff));
  return report;
}
