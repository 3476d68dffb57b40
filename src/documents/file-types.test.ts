import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { displayFileName, fileTypeOf } from './file-types.ts';

/** A minimal zip (stored entries) with the given files: enough to be an office document to a reader. */
function zip(files: Record<string, string>): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    parts.push(local, fileName, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

const docx = zip({
  '[Content_Types].xml':
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  'word/document.xml': '<w:document/>',
});
const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f00000000049454e44ae426082',
  'hex',
);
const text = (value: string) => new TextEncoder().encode(value);

describe('the type of an uploaded file', () => {
  it('accepts a PDF, a DOCX, a PNG, UTF-8 text and CSV whose content and name agree', async () => {
    expect(await fileTypeOf(pdf, 'Guidelines.PDF')).toMatchObject({ ok: true, extension: 'pdf' });
    expect(await fileTypeOf(docx, 'compendium.docx')).toMatchObject({ ok: true, extension: 'docx' });
    expect(await fileTypeOf(png, 'infographic.png')).toMatchObject({ ok: true, mediaType: 'image/png' });
    expect(await fileTypeOf(text('Réunion du groupe de travail'), 'minutes.txt')).toMatchObject({
      ok: true,
      mediaType: 'text/plain',
    });
    expect(await fileTypeOf(text('entity,pillar\nUNODC,2\n'), 'members.csv')).toMatchObject({ ok: true });
  });

  it('refuses a renamed executable, a PDF that is really HTML and an SVG called a PNG', async () => {
    const executable = new Uint8Array(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]));
    expect(await fileTypeOf(executable, 'report.pdf')).toMatchObject({ ok: false });
    expect(await fileTypeOf(text('<html><script>alert(1)</script></html>'), 'report.pdf')).toMatchObject({
      ok: false,
      code: 'type_not_accepted',
    });
    expect(
      await fileTypeOf(text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.png'),
    ).toMatchObject({ ok: false });
  });

  it('refuses content and name that disagree, naming what the content is', async () => {
    expect(await fileTypeOf(docx, 'budget.xlsx')).toEqual({
      ok: false,
      code: 'type_mismatch',
      values: { extension: 'xlsx', found: 'docx' },
    });
    expect(await fileTypeOf(pdf, 'notes.txt')).toMatchObject({ ok: false, code: 'type_mismatch' });
  });

  it('refuses binary content called text', async () => {
    expect(await fileTypeOf(new Uint8Array([0x41, 0x00, 0x42, 0x43]), 'notes.txt')).toMatchObject({
      ok: false,
    });
    expect(await fileTypeOf(new Uint8Array([0xc3, 0x28, 0x41, 0x41, 0x41, 0x41]), 'notes.csv')).toMatchObject(
      {
        ok: false,
      },
    );
  });
});

describe('the name a file is shown and offered under', () => {
  it('drops directories, control characters and right-to-left overrides', () => {
    expect(displayFileName('../../etc/passwd')).toBe('passwd');
    expect(displayFileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(displayFileName('report\u0000.pdf')).toBe('report.pdf');
    expect(displayFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(displayFileName('...')).toBe('file');
    expect(displayFileName('')).toBe('file');
  });

  it('keeps the extension when it shortens a long name to 200 characters', () => {
    const shown = displayFileName(`${'a'.repeat(300)}.docx`);
    expect(shown).toHaveLength(200);
    expect(shown.endsWith('.docx')).toBe(true);
  });
});
