import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxOf, pdfOf, pptxOf, xlsxOf } from '../samples.ts';
import { odsOf, odtOf, xlsxWithInlineStrings } from './extraction.fixtures.ts';
import { type ExtractableKind, extractText, isExtractable } from './index.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'extraction-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let count = 0;
async function extracted(kind: ExtractableKind, content: Uint8Array | string) {
  const path = join(folder, `${count++}.${kind}`);
  await writeFile(path, content);
  return extractText(path, kind);
}

describe('the text of each kind of document', () => {
  it('reads a PDF page by page, its wrapped lines in order', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `Sentence ${i} on prevention.`).join(' ');
    const result = await extracted(
      'pdf',
      await pdfOf({ title: 'Annual report 2022', paragraphs: ['Café & co.', long] }),
    );
    expect(result).toMatchObject({ ok: true, truncated: false });
    if (!result.ok) return;
    const lines = result.text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['Annual report 2022', 'Café & co.']);
    expect(lines.slice(2).join(' ')).toBe(long);
  });

  it('reads a DOCX paragraph by paragraph, with XML entities decoded', async () => {
    const result = await extracted(
      'docx',
      docxOf({ title: 'Working group <3> & "friends"', paragraphs: ['  First  ', 'Second'] }),
    );
    expect(result).toEqual({
      ok: true,
      text: 'Working group <3> & "friends"\n  First  \nSecond',
      truncated: false,
    });
  });

  it('reads an XLSX row by row from its shared strings, keeping empty cells in between', async () => {
    const rows = [
      ['Entity', 'Status', 'Joined'],
      ['UNODC', '', '2018'],
    ];
    expect(await extracted('xlsx', xlsxOf(rows))).toEqual({
      ok: true,
      text: 'Entity\tStatus\tJoined\nUNODC\t\t2018',
      truncated: false,
    });
  });

  it('reads an XLSX whose cells are inline strings and numbers', async () => {
    expect(
      await extracted('xlsx', xlsxWithInlineStrings([['Pillar', '4'], ['Human rights &amp; rule of law']])),
    ).toEqual({
      ok: true,
      text: 'Pillar\t4\nHuman rights & rule of law',
      truncated: false,
    });
  });

  it('reads a PPTX in slide order, slide 10 after slide 9', async () => {
    const slides = Array.from({ length: 11 }, (_, i) => [`Slide ${i + 1}`, `Point ${i + 1}`]);
    const result = await extracted('pptx', pptxOf(slides));
    expect(result).toEqual({ ok: true, text: slides.flat().join('\n'), truncated: false });
  });

  it('reads an ODT with its headings, counted spaces, tabs and spans', async () => {
    const body =
      '<text:h>Mandate</text:h><text:p>One<text:s text:c="3"/>two<text:tab/><text:span>three</text:span> &amp; four</text:p>';
    expect(await extracted('odt', odtOf(body))).toEqual({
      ok: true,
      text: 'Mandate\nOne   two\tthree & four',
      truncated: false,
    });
  });

  it('reads an ODS row by row', async () => {
    expect(
      await extracted(
        'ods',
        odsOf([
          ['Region', 'States'],
          ['Africa', '54'],
        ]),
      ),
    ).toEqual({
      ok: true,
      text: 'Region\tStates\nAfrica\t54',
      truncated: false,
    });
  });

  it('reads TXT and CSV as UTF-8 without the byte order mark', async () => {
    expect(await extracted('txt', '\uFEFFMarhaba مرحبا\n')).toEqual({
      ok: true,
      text: 'Marhaba مرحبا',
      truncated: false,
    });
    expect(await extracted('csv', 'a,b\n"c, d",e\n')).toEqual({
      ok: true,
      text: 'a,b\n"c, d",e',
      truncated: false,
    });
  });

  it('knows which accepted types have text', () => {
    expect(['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'txt', 'csv'].every(isExtractable)).toBe(true);
    expect(isExtractable('png')).toBe(false);
    expect(isExtractable('jpg')).toBe(false);
    expect(isExtractable('exe')).toBe(false);
  });
});
