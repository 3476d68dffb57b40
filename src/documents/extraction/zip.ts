import { pipeline, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl, { type Entry } from 'yauzl';
import { ExtractionError, type ExtractionLimits } from './types.ts';

type ZipLimits = Pick<
  ExtractionLimits,
  'maxEntries' | 'maxUncompressedBytes' | 'maxCompressionRatio' | 'ratioCheckAfterBytes'
>;

/**
 * A name that would leave the folder it was unpacked into (zip slip). Nothing here is ever unpacked to disk,
 * but no office program writes such a name: a file that holds one was crafted, and is refused whole.
 */
export function isUnsafeEntryPath(name: string): boolean {
  return (
    name.includes('\0') ||
    name.includes('\\') ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').includes('..')
  );
}

export interface Archive {
  readonly names: ReadonlySet<string>;
  /** The inflated bytes of one part, counted against the limits as they arrive. */
  read(name: string): AsyncIterable<Uint8Array>;
  close(): void;
}

/**
 * Opens an office zip through its central directory, refusing it before any part is inflated when it has
 * too many entries or an unsafe name. Sizes the zip declares are never trusted: `read` counts what
 * actually comes out of the inflater, and stops at the limits.
 */
export async function openArchive(path: string, limits: ZipLimits): Promise<Archive> {
  // Names stay raw so yauzl neither rewrites backslashes nor hides an unsafe name behind its own error.
  const zip = await yauzl.openPromise(path, {
    lazyEntries: true,
    autoClose: false,
    decodeStrings: false,
    validateEntrySizes: false,
  });
  const entries = new Map<string, Entry>();
  try {
    if (zip.entryCount > limits.maxEntries) throw new ExtractionError('too_many_entries');
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        true,
      );
      // The raw name too: another unzip program may use it instead of the Unicode one yauzl prefers.
      if (isUnsafeEntryPath(name) || isUnsafeEntryPath(entry.fileNameRaw.toString('latin1'))) {
        throw new ExtractionError('unsafe_entry_path');
      }
      entries.set(name, entry);
    }
  } catch (error) {
    zip.close();
    throw error;
  }

  let inflatedInTotal = 0;
  async function* read(name: string): AsyncIterable<Uint8Array> {
    const entry = entries.get(name);
    if (entry === undefined) throw new ExtractionError('corrupt');
    if (entry.isEncrypted()) throw new ExtractionError('encrypted');
    if (!entry.canDecodeFileData()) throw new ExtractionError('corrupt');
    const raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
    const inflater = entry.compressionMethod === 8 ? createInflateRaw() : null;
    const source: Readable = inflater ? pipeline(raw, inflater, () => {}) : raw;
    let inflated = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        inflatedInTotal += chunk.length;
        // The ratio uses the compressed bytes the inflater has taken so far, not the declared size.
        const compressed = inflater ? inflater.bytesWritten : inflated;
        if (
          inflatedInTotal > limits.maxUncompressedBytes ||
          (inflated > limits.ratioCheckAfterBytes && inflated > limits.maxCompressionRatio * compressed)
        ) {
          throw new ExtractionError('archive_too_large');
        }
        yield chunk;
      }
    } finally {
      source.destroy();
      raw.destroy();
    }
  }

  return { names: new Set(entries.keys()), read, close: () => zip.close() };
}
