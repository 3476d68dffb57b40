import { fileTypeFromBuffer } from 'file-type';

/**
 * What the document library accepts (issue 5): a file is taken only when its content (magic bytes, read
 * by `file-type`) and its extension agree on one of these types. Text files have no magic bytes: they are
 * taken as text when they decode as UTF-8 and hold no NUL byte.
 */
export const acceptedTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  txt: 'text/plain',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
} as const;

export type AcceptedExtension = keyof typeof acceptedTypes;

/** How many bytes of the start of a file the check needs: enough for the entries of an office zip. */
export const headBytes = 64 * 1024;

export type TypeVerdict =
  | { ok: true; extension: AcceptedExtension; mediaType: string }
  | { ok: false; code: 'type_not_accepted' | 'type_mismatch'; values: Record<string, string> };

const aliases: Record<string, AcceptedExtension> = { jpeg: 'jpg' };
const textExtensions = new Set<AcceptedExtension>(['txt', 'csv']);

function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  const extension = (match?.[1] ?? '').toLowerCase();
  return aliases[extension] ?? extension;
}

function isAccepted(extension: string): extension is AcceptedExtension {
  return Object.hasOwn(acceptedTypes, extension);
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    // A file cut mid-character at the end of the head is still text: only the last 3 bytes may be partial.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides a file's type from its first bytes and its name together. A renamed executable, a PDF that is
 * really HTML, or an SVG called logo.png are refused with the reason.
 */
export async function fileTypeOf(head: Uint8Array, fileName: string): Promise<TypeVerdict> {
  const claimed = extensionOf(fileName);
  const detected = await fileTypeFromBuffer(head);
  const found = detected ? (aliases[detected.ext] ?? detected.ext) : null;
  if (found === null) {
    if (isAccepted(claimed) && textExtensions.has(claimed) && looksLikeText(head)) {
      return { ok: true, extension: claimed, mediaType: acceptedTypes[claimed] };
    }
    return { ok: false, code: 'type_not_accepted', values: { extension: claimed || '—' } };
  }
  if (!isAccepted(found)) return { ok: false, code: 'type_not_accepted', values: { extension: found } };
  if (found !== claimed)
    return { ok: false, code: 'type_mismatch', values: { extension: claimed || '—', found } };
  return { ok: true, extension: found, mediaType: acceptedTypes[found] };
}

// Control characters are what this removes, so the pattern has to name them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const unsafeCharacters = /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name fit to show and to offer for download: no directories, no control characters, no
 * right-to-left overrides that disguise an extension, at most 200 characters with the extension kept.
 * It is never used as a path: blobs are stored under their hash.
 */
export function displayFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(unsafeCharacters, '').trim().replace(/^\.+/, '');
  if (clean === '') return 'file';
  if (clean.length <= 200) return clean;
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(clean)?.[0] ?? '';
  return clean.slice(0, 200 - extension.length) + extension;
}
