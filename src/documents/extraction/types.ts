import type { AcceptedExtension } from '../file-types.ts';

/** The accepted types whose text can be read for search; images have none. */
export type ExtractableKind = Exclude<AcceptedExtension, 'png' | 'jpg'>;

const extractableKinds: ReadonlySet<string> = new Set<ExtractableKind>([
  'pdf',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'txt',
  'csv',
]);

export function isExtractable(extension: string): extension is ExtractableKind {
  return extractableKinds.has(extension);
}

/**
 * Why a file gave no text. The caller stores the code and shows `extraction.<code>` in the reader's
 * language; the set is closed so every code has a message.
 */
export type ExtractionFailure =
  | 'timeout'
  | 'out_of_memory'
  | 'archive_too_large'
  | 'too_many_entries'
  | 'unsafe_entry_path'
  | 'encrypted'
  | 'corrupt';

export type ExtractionResult =
  | { ok: true; text: string; truncated: boolean }
  | { ok: false; reason: ExtractionFailure };

export interface ExtractionLimits {
  /** Wall-clock time after which the worker is terminated. */
  timeMs: number;
  /** The worker's old-generation heap; passing it is `out_of_memory`. */
  memoryMb: number;
  /** Entries in a zip's central directory, counted before any is read. */
  maxEntries: number;
  /** Bytes actually inflated from the parts read, all parts together. */
  maxUncompressedBytes: number;
  /** Inflated bytes per compressed byte of one part, once it has inflated `ratioCheckAfterBytes`. */
  maxCompressionRatio: number;
  ratioCheckAfterBytes: number;
  /** Characters of text kept; past them the result is `truncated`. */
  maxChars: number;
}

export const defaultLimits: ExtractionLimits = {
  timeMs: 30_000,
  memoryMb: 256,
  maxEntries: 10_000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioCheckAfterBytes: 1024 * 1024,
  maxChars: 1_000_000,
};

/** What `extractText` hands its worker. */
export interface WorkerInput {
  filePath: string;
  kind: ExtractableKind;
  limits: ExtractionLimits;
}

/** Thrown inside the worker when a file is refused for a known reason; anything else thrown is `corrupt`. */
export class ExtractionError extends Error {
  readonly reason: ExtractionFailure;
  constructor(reason: ExtractionFailure) {
    super(reason);
    this.reason = reason;
  }
}
