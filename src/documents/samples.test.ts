import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractText } from './extraction/index.ts';
import { fileTypeOf, headBytes } from './file-types.ts';
import { docxOf, pdfOf, pptxOf, xlsxOf } from './samples.ts';

const text = { title: 'Annual report 2022', paragraphs: ['The Compact brings together 45 entities.'] };

describe('sample documents', () => {
  it.each([
    ['pdf', () => pdfOf(text)],
    ['docx', async () => docxOf(text)],
    ['xlsx', async () => xlsxOf([['Entity', 'Status']])],
    ['pptx', async () => pptxOf([['Working groups']])],
  ] as const)('are accepted as %s by the upload check, the same bytes each time', async (extension, make) => {
    const file = await make();
    expect(await fileTypeOf(file.subarray(0, headBytes), `sample.${extension}`)).toMatchObject({
      ok: true,
      extension,
    });
    expect(await make()).toEqual(file);
  });

  it('lays a long text over several PDF pages, its lines wrapped and every word kept', async () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) =>
      `Paragraph ${i}: the working group met ${i} times and reported on Member States' capacity.`.repeat(4),
    );
    const pdf = await pdfOf({ title: 'Long', paragraphs });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(3);
    const folder = await mkdtemp(join(tmpdir(), 'samples-'));
    try {
      await writeFile(join(folder, 'long.pdf'), pdf);
      const result = await extractText(join(folder, 'long.pdf'), 'pdf');
      expect(result.ok && result.text.replace(/\s+/g, ' ')).toBe(['Long', ...paragraphs].join(' '));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('puts a question mark in a PDF for what its standard font cannot show', async () => {
    const pdf = await pdfOf({ title: 'Arabic', paragraphs: ['مرحبا é'] });
    const folder = await mkdtemp(join(tmpdir(), 'samples-'));
    try {
      await writeFile(join(folder, 'arabic.pdf'), pdf);
      expect(await extractText(join(folder, 'arabic.pdf'), 'pdf')).toMatchObject({ text: 'Arabic\n????? é' });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
