import { Readable } from 'node:stream';
import busboy from 'busboy';
import type { BlobStore, StoredBlob } from '../blobs/store.ts';
import { DomainError, type Problem } from '../errors.ts';
import type { UploadedFile } from './commands.ts';
import { type AcceptedExtension, displayFileName, fileTypeOf, headBytes } from './file-types.ts';

export type FormFields = Record<string, string | string[]>;

export interface ReceivedUpload {
  fields: FormFields;
  file: UploadedFile | null;
  problems: Problem[];
}

/** Form fields are short: metadata, never content. */
const fieldLimits = { fields: 200, fieldSize: 64 * 1024, parts: 210 };

/**
 * Reads a multipart upload (a browser form or an API call) as it arrives: the part named `file` streams
 * into the blob store, never whole in memory, while its first 64 KB are kept to decide its type; the
 * other parts are form fields. A file over `maxBytes`, an empty one or one of a type the library does not
 * accept becomes a problem on the `file` field, with the other fields kept for the form. Whatever was
 * stored for a refused file is left to the sweeper (ADR 0021).
 */
export async function receiveUpload(
  request: Request,
  store: BlobStore,
  maxBytes: number,
): Promise<ReceivedUpload> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data') || !request.body) {
    return { fields: {}, file: null, problems: [{ field: 'file', code: 'file_required' }] };
  }
  const fields: FormFields = Object.create(null);
  const problems: Problem[] = [];
  let stored: Promise<{ blob: StoredBlob; head: Uint8Array; fileName: string } | null> =
    Promise.resolve(null);
  let sawFile = false;

  await new Promise<void>((resolve, reject) => {
    const parser = busboy({
      headers: { 'content-type': contentType },
      limits: { ...fieldLimits, files: 1 },
      defParamCharset: 'utf8',
    });
    parser.on('field', (name, value) => {
      const existing = fields[name];
      fields[name] =
        existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    });
    parser.on('file', (name, stream, info) => {
      // A browser sends an empty part with no name when no file was chosen.
      if (name !== 'file' || sawFile || !info.filename) {
        stream.resume();
        return;
      }
      sawFile = true;
      const fileName = info.filename;
      stored = storeStream(stream, store, maxBytes).then(
        ({ blob, head }) => ({ blob, head, fileName }),
        (error: unknown) => {
          if (!(error instanceof DomainError)) throw error;
          problems.push(...error.problems);
          return null;
        },
      );
    });
    parser.on('close', resolve);
    parser.on('error', reject);
    Readable.fromWeb(request.body as import('node:stream/web').ReadableStream).pipe(parser);
  }).catch(() => {
    problems.push({ field: 'file', code: 'upload_interrupted' });
  });

  const received = await stored;
  if (!received) {
    if (problems.length === 0) problems.push({ field: 'file', code: 'file_required' });
    return { fields, file: null, problems: dedupe(problems) };
  }
  const verdict = await fileTypeOf(received.head, received.fileName);
  if (!verdict.ok) {
    return {
      fields,
      file: null,
      problems: [
        { field: 'file', code: verdict.code, ...(verdict.values ? { values: verdict.values } : {}) },
      ],
    };
  }
  return {
    fields,
    problems,
    file: {
      sha256: received.blob.sha256,
      size: received.blob.size,
      fileType: verdict.extension as AcceptedExtension,
      fileName: displayFileName(received.fileName),
    },
  };
}

/**
 * Streams a part into the store, keeping its first bytes. If the store stops early (over the limit), the
 * rest of the part is still read and dropped, so that the parser reaches the fields after it.
 */
async function storeStream(
  stream: Readable,
  store: BlobStore,
  maxBytes: number,
): Promise<{ blob: StoredBlob; head: Uint8Array }> {
  const head: Uint8Array[] = [];
  let headLength = 0;
  async function* tapped() {
    for await (const chunk of stream.iterator({ destroyOnReturn: false })) {
      const bytes = chunk as Uint8Array;
      if (headLength < headBytes) {
        head.push(bytes.subarray(0, headBytes - headLength));
        headLength += Math.min(bytes.byteLength, headBytes - headLength);
      }
      yield bytes;
    }
  }
  try {
    const blob = await store.put(tapped(), maxBytes);
    return { blob, head: Buffer.concat(head) };
  } finally {
    stream.resume();
  }
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.field}|${problem.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
