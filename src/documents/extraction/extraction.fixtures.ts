import { constants, crc32, deflateRawSync } from 'node:zlib';
import { PDFDocument, PDFHexString } from 'pdf-lib';

/** One entry of a hand-made zip: `data` is written as it is, already deflated when `method` is 8. */
interface RawEntry {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  size: number;
}

function deflated(name: string, content: string | Uint8Array): RawEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return {
    name,
    data: deflateRawSync(bytes, { level: 1 }),
    method: 8,
    crc: crc32(bytes),
    size: bytes.length,
  };
}

function stored(name: string, content: string): RawEntry {
  const bytes = Buffer.from(content);
  return { name, data: bytes, method: 0, crc: crc32(bytes), size: bytes.length };
}

/** A zip written by hand, so that names and sizes no zip library would write can be tried. */
function zipOf(entries: readonly RawEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, entry.data);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(entry.method, 10);
    header.writeUInt32LE(entry.crc, 16);
    header.writeUInt32LE(entry.data.length, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

const wordNamespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const documentStart = `<?xml version="1.0" encoding="UTF-8"?><w:document ${wordNamespace}><w:body>`;
const documentEnd = '</w:body></w:document>';

// What file-type reads to call a zip a DOCX, so every fixture passes the upload check.
const docxHead = [
  deflated(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ),
];

function paragraphs(texts: readonly string[]): string {
  return texts.map((text) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`).join('');
}

/**
 * A DOCX whose word/document.xml inflates to `megabytes` MB of spaces from about 1 KB per MB. Made
 * without holding the inflated text: one megabyte of spaces is deflated once, ending on a sync flush so
 * the block is byte-aligned and not final, and that piece is repeated (each copy only refers back to
 * spaces); an empty final block closes the stream.
 */
export function zipBombDocx(megabytes: number): Uint8Array {
  const megabyte = Buffer.alloc(1024 * 1024, ' ');
  const sync = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const piece = deflateRawSync(megabyte, sync);
  const head = Buffer.from(documentStart);
  const tail = Buffer.from(documentEnd);
  let crc = crc32(head);
  for (let i = 0; i < megabytes; i++) crc = crc32(megabyte, crc);
  crc = crc32(tail, crc);
  const data = Buffer.concat([
    deflateRawSync(head, sync),
    ...Array.from({ length: megabytes }, () => piece),
    deflateRawSync(tail),
  ]);
  const size = head.length + megabytes * megabyte.length + tail.length;
  return zipOf([...docxHead, { name: 'word/document.xml', data, method: 8, crc, size }]);
}

export function docxWith(texts: readonly string[], extraEntries: readonly string[] = []): Uint8Array {
  return zipOf([
    ...docxHead,
    deflated('word/document.xml', documentStart + paragraphs(texts) + documentEnd),
    ...extraEntries.map((name) => stored(name, 'x')),
  ]);
}

/**
 * A DOCX of `characters` characters of words in random order: about a third of its size once deflated, as
 * ordinary text compresses, so only its size can make it too large. Seeded, so every run sees the same.
 */
export function hugeXmlDocx(characters: number): Uint8Array {
  const words =
    'coordination compact member observer entity committee working group report counter terrorism prevention capacity building human rights border management financing victims youth gender dialogue'.split(
      ' ',
    );
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  const parts: string[] = [];
  let length = 0;
  while (length < characters) {
    const sentence = Array.from({ length: 12 }, () => words[next() % words.length]).join(' ');
    parts.push(`<w:p><w:r><w:t>${sentence} ${next()}.</w:t></w:r></w:p>`);
    length += sentence.length + 12;
  }
  return zipOf([...docxHead, deflated('word/document.xml', documentStart + parts.join('') + documentEnd)]);
}

const odfManifest = (mediaType: string) =>
  '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">' +
  `<manifest:file-entry manifest:full-path="/" manifest:media-type="${mediaType}"/>` +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>';

const odfNamespaces =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"';

/** An ODF package: `mimetype` first and stored, as the format (and file-type) require. */
function odfOf(mediaType: string, body: string): Uint8Array {
  return zipOf([
    stored('mimetype', mediaType),
    deflated(
      'content.xml',
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${odfNamespaces}><office:body>${body}</office:body></office:document-content>`,
    ),
    deflated('META-INF/manifest.xml', odfManifest(mediaType)),
  ]);
}

export function odtOf(body: string): Uint8Array {
  return odfOf('application/vnd.oasis.opendocument.text', `<office:text>${body}</office:text>`);
}

export function odsOf(rows: readonly (readonly string[])[]): Uint8Array {
  const xml = rows.map(
    (cells) =>
      `<table:table-row>${cells.map((cell) => `<table:table-cell><text:p>${cell}</text:p></table:table-cell>`).join('')}</table:table-row>`,
  );
  return odfOf(
    'application/vnd.oasis.opendocument.spreadsheet',
    `<office:spreadsheet><table:table table:name="Sheet1">${xml.join('')}</table:table></office:spreadsheet>`,
  );
}

/** A PDF protected by a user password (the standard handler, RC4 40-bit), which no empty password opens. */
export async function encryptedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  const hex32 = PDFHexString.of('ab'.repeat(32));
  pdf.context.trailerInfo.Encrypt = pdf.context.register(
    pdf.context.obj({ Filter: 'Standard', V: 1, R: 2, O: hex32, U: hex32, P: -44 }),
  );
  pdf.context.trailerInfo.ID = pdf.context.obj([
    PDFHexString.of('cd'.repeat(16)),
    PDFHexString.of('cd'.repeat(16)),
  ]);
  return pdf.save({ useObjectStreams: false });
}

/** A workbook whose cells hold inline strings and numbers, as some generators write them, without shared strings. */
export function xlsxWithInlineStrings(
  rows: readonly (readonly string[])[],
  /** The `r` attribute of each row, when a test needs rows numbered with gaps. */
  rowNumbers?: readonly number[],
): Uint8Array {
  const main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const cell = (text: string) =>
    /^\d+$/.test(text) ? `<c><v>${text}</v></c>` : `<c t="inlineStr"><is><t>${text}</t></is></c>`;
  const sheet = rows
    .map((cells, index) => {
      const number = rowNumbers?.[index];
      return `<row${number ? ` r="${number}"` : ''}>${cells.map(cell).join('')}</row>`;
    })
    .join('');
  return zipOf([
    deflated(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
    deflated('xl/workbook.xml', `<workbook ${main}><sheets/></workbook>`),
    deflated('xl/worksheets/sheet1.xml', `<worksheet ${main}><sheetData>${sheet}</sheetData></worksheet>`),
  ]);
}
