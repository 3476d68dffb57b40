import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileTypeOf, headBytes } from '../file-types.ts';
import { docxOf, pdfOf } from '../samples.ts';
import { docxWith, encryptedPdf, hugeXmlDocx, zipBombDocx } from './extraction.fixtures.ts';
import { type ExtractableKind, type ExtractionLimits, extractText } from './index.ts';
import { isUnsafeEntryPath } from './zip.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'extraction-limits-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let count = 0;
async function saved(kind: ExtractableKind, content: Uint8Array | string): Promise<string> {
  const path = join(folder, `${count++}.${kind}`);
  await writeFile(path, content);
  return path;
}

async function extracted(
  kind: ExtractableKind,
  content: Uint8Array | string,
  limits?: Partial<ExtractionLimits>,
) {
  return extractText(await saved(kind, content), kind, limits);
}

describe('a zip bomb', () => {
  it('passes the upload check as a DOCX, and is refused after inflating little of it', async () => {
    const before = process.memoryUsage().rss;
    const bomb = zipBombDocx(512);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await fileTypeOf(bomb.subarray(0, headBytes), 'budget.docx')).toMatchObject({
      ok: true,
      extension: 'docx',
    });
    const started = performance.now();
    expect(await extracted('docx', bomb)).toEqual({ ok: false, reason: 'archive_too_large' });
    expect(performance.now() - started).toBeLessThan(5_000);
    // The worker shares this process: 512 MB inflated into memory, or the 100 MB limit of it, would show.
    expect(process.memoryUsage().rss - before).toBeLessThan(80 * 1024 * 1024);
  });

  it('is refused by its ratio alone, however large a total is allowed', async () => {
    const limits = { maxUncompressedBytes: Number.POSITIVE_INFINITY };
    expect(await extracted('docx', zipBombDocx(64), limits)).toEqual({
      ok: false,
      reason: 'archive_too_large',
    });
  });

  it('is refused by the total it inflates when its ratio is allowed', async () => {
    const limits = { maxCompressionRatio: Number.POSITIVE_INFINITY, maxUncompressedBytes: 8 * 1024 * 1024 };
    expect(await extracted('docx', zipBombDocx(16), limits)).toEqual({
      ok: false,
      reason: 'archive_too_large',
    });
  });
});

describe('a large document that compresses as text does', () => {
  const huge = hugeXmlDocx(12_000_000);

  it('gives its first million characters, marked as truncated', async () => {
    const result = await extracted('docx', huge);
    expect(result).toMatchObject({ ok: true, truncated: true });
    expect(result.ok && result.text.length).toBe(1_000_000);
  });

  it('is refused when what it inflates passes the total', async () => {
    const limits = { maxUncompressedBytes: 4 * 1024 * 1024, maxChars: 100_000_000 };
    expect(await extracted('docx', huge, limits)).toEqual({ ok: false, reason: 'archive_too_large' });
  });

  it('runs out of a small heap, and the worker with it, not the server', async () => {
    const limits = { memoryMb: 16, maxChars: 100_000_000 };
    expect(await extracted('docx', docxOf({ title: 'Small', paragraphs: ['fits'] }), limits)).toMatchObject({
      ok: true,
    });
    expect(await extracted('docx', huge, limits)).toEqual({ ok: false, reason: 'out_of_memory' });
  });
});

describe('entry names and counts', () => {
  it.each([
    '../../evil',
    'word/../../evil.sh',
    '/etc/cron.d/evil',
    'C:/evil.bat',
    'word\\..\\evil',
    'word/a\0.xml',
  ])('refuses a name that would leave the folder: %j', (name) => {
    expect(isUnsafeEntryPath(name)).toBe(true);
  });

  it('accepts the names office programs write', () => {
    for (const name of [
      'word/document.xml',
      '[Content_Types].xml',
      'ppt/slides/_rels/slide1.xml.rels',
      'a..b/c',
    ])
      expect(isUnsafeEntryPath(name)).toBe(false);
  });

  it('refuses a whole DOCX that holds a zip-slip entry, though the entry is never read', async () => {
    expect(await extracted('docx', docxWith(['Fine'], ['../../evil']))).toEqual({
      ok: false,
      reason: 'unsafe_entry_path',
    });
    expect(await extracted('docx', docxWith(['Fine'], ['word\\..\\..\\evil']))).toEqual({
      ok: false,
      reason: 'unsafe_entry_path',
    });
  });

  it('refuses a zip of more entries than the limit before reading any', async () => {
    // With [Content_Types].xml and word/document.xml, 100 entries.
    const entries = Array.from({ length: 98 }, (_, i) => `customXml/item${i}.xml`);
    const file = docxWith(['Fine'], entries);
    expect(await extracted('docx', file, { maxEntries: 99 })).toEqual({
      ok: false,
      reason: 'too_many_entries',
    });
    expect(await extracted('docx', file, { maxEntries: 100 })).toMatchObject({ ok: true, text: 'Fine' });
  });
});

describe('damaged and protected files', () => {
  it('calls a PDF that is not one, and a cut DOCX, corrupt', async () => {
    expect(await extracted('pdf', '%PDF-1.7\nthis is not really a PDF\n%%EOF\n')).toEqual({
      ok: false,
      reason: 'corrupt',
    });
    const docx = docxOf({ title: 'Cut short', paragraphs: ['somewhere'] });
    expect(await extracted('docx', docx.subarray(0, docx.length / 2))).toEqual({
      ok: false,
      reason: 'corrupt',
    });
  });

  it('calls a DOCX whose XML is malformed corrupt', async () => {
    expect(await extracted('docx', docxWith(['<w:unclosed>']))).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('calls a password-protected PDF or Office file encrypted', async () => {
    expect(await extracted('pdf', await encryptedPdf())).toEqual({ ok: false, reason: 'encrypted' });
    const compoundFile = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    expect(await extracted('xlsx', compoundFile)).toEqual({ ok: false, reason: 'encrypted' });
  });
});

describe('time and length', () => {
  it('stops a worker that takes longer than its time', async () => {
    const path = await saved('pdf', await pdfOf({ title: 'Slow enough', paragraphs: ['text'] }));
    expect(await extractText(path, 'pdf', { timeMs: 1 })).toEqual({ ok: false, reason: 'timeout' });
    expect(await extractText(path, 'pdf')).toMatchObject({ ok: true, text: 'Slow enough\ntext' });
  });

  it('keeps the first characters of a long text and says it was truncated', async () => {
    expect(await extracted('txt', 'abcdefghij', { maxChars: 4 })).toEqual({
      ok: true,
      text: 'abcd',
      truncated: true,
    });
    expect(await extracted('txt', 'abcd', { maxChars: 4 })).toEqual({
      ok: true,
      text: 'abcd',
      truncated: false,
    });
    const docx = docxOf({ title: 'Title', paragraphs: ['First paragraph', 'Second'] });
    expect(await extracted('docx', docx, { maxChars: 12 })).toEqual({
      ok: true,
      text: 'Title\nFirst ',
      truncated: true,
    });
  });
});
