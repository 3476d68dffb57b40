import { open } from 'node:fs/promises';
import type { TextSink } from './text-sink.ts';
import { type ExtractableKind, ExtractionError, type ExtractionLimits } from './types.ts';
import { parseXml, type XmlHandler } from './xml.ts';
import { type Archive, openArchive } from './zip.ts';

export type OfficeKind = Exclude<ExtractableKind, 'pdf' | 'txt' | 'csv'>;

// Word, Excel and PowerPoint save a password-protected file as an OLE compound file around the encrypted zip.
const compoundFileMagic = Buffer.from('d0cf11e0a1b11ae1', 'hex');

async function isCompoundFile(path: string): Promise<boolean> {
  const file = await open(path);
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(8), 0, 8, 0);
    return bytesRead === 8 && buffer.equals(compoundFileMagic);
  } finally {
    await file.close();
  }
}

function readPart(archive: Archive, name: string, handler: XmlHandler, sink: TextSink): Promise<void> {
  if (!archive.names.has(name)) throw new ExtractionError('corrupt');
  return parseXml(archive.read(name), handler, () => sink.full);
}

/** Parts named `<prefix><n>.xml`, in the order of n (slide2 before slide10). */
function numbered(archive: Archive, prefix: string): string[] {
  const pattern = new RegExp(`^${prefix}(\\d+)\\.xml$`);
  return [...archive.names]
    .map((name) => ({ name, n: Number(pattern.exec(name)?.[1] ?? Number.NaN) }))
    .filter(({ n }) => !Number.isNaN(n))
    .sort((a, b) => a.n - b.n)
    .map(({ name }) => name);
}

/** WordprocessingML and DrawingML text: runs of `t`, a line per paragraph `p`. */
function ooxmlText(sink: TextSink): XmlHandler {
  let inText = 0;
  let inRun = 0;
  return {
    open(name) {
      if (name === 't') inText++;
      else if (name === 'r') inRun++;
      else if (name === 'br' || name === 'cr') sink.write('\n');
      // Outside a run, `tab` is a tab stop of the paragraph's style, not a character.
      else if (name === 'tab' && inRun > 0) sink.write('\t');
    },
    close(name) {
      if (name === 't') inText--;
      else if (name === 'r') inRun--;
      else if (name === 'p') sink.newline();
    },
    text(text) {
      if (inText > 0) sink.write(text);
    },
  };
}

/** The shared strings of a workbook; phonetic guides (`rPh`) are not part of the text. */
function sharedStrings(strings: string[]): XmlHandler {
  let current: string[] | null = null;
  let inText = 0;
  let inPhonetic = 0;
  return {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 't') inText++;
      else if (name === 'rPh') inPhonetic++;
    },
    close(name) {
      if (name === 'si' && current !== null) {
        strings.push(current.join(''));
        current = null;
      } else if (name === 't') inText--;
      else if (name === 'rPh') inPhonetic--;
    },
    text(text) {
      if (current !== null && inText > 0 && inPhonetic === 0) current.push(text);
    },
  };
}

function writeRow(sink: TextSink, cells: string[]): void {
  while (cells.length > 0 && cells.at(-1) === '') cells.pop();
  if (cells.length === 0) return;
  sink.write(cells.join('\t'));
  sink.newline();
}

// Excel's last column, XFD: a crafted reference cannot make a row of a billion empty cells.
const maxColumns = 16_384;

/** The column of a cell reference such as `C7` (2), when the cell has one: empty cells are left out. */
function columnOf(reference: string | undefined): number | null {
  const letters = /^[A-Z]+/.exec(reference ?? '')?.[0];
  if (letters === undefined) return null;
  let column = 0;
  for (const letter of letters) column = column * 26 + letter.charCodeAt(0) - 64;
  return Math.min(column - 1, maxColumns);
}

/** A worksheet: a line per row, cells apart by tabs; shared, inline and plain values, not formulas. */
function worksheet(sink: TextSink, strings: readonly string[]): XmlHandler {
  let cells: string[] = [];
  let column: number | null = null;
  let type = 'n';
  let value = '';
  let inValue = false;
  return {
    open(name, attributes) {
      if (name === 'row') cells = [];
      else if (name === 'c') {
        column = columnOf(attributes.r);
        type = attributes.t ?? 'n';
        value = '';
      } else if (name === 'v' || name === 't') inValue = true;
    },
    close(name) {
      if (name === 'v' || name === 't') inValue = false;
      else if (name === 'c') {
        while (column !== null && cells.length < column) cells.push('');
        if (type === 's') cells.push(strings[Number(value)] ?? '');
        else if (type === 'b' || type === 'e') cells.push('');
        else cells.push(value);
      } else if (name === 'row') writeRow(sink, cells);
    },
    text(text) {
      if (inValue) value += text;
    },
  };
}

/** The text inside an ODF paragraph: spaces (`s`, counted), tabs and line breaks are elements. */
function odfInline(name: string, attributes: Readonly<Record<string, string>>): string {
  if (name === 's') return ' '.repeat(Math.min(Number(attributes.c ?? 1) || 1, 100));
  if (name === 'tab') return '\t';
  if (name === 'line-break') return '\n';
  return '';
}

function odfText(sink: TextSink): XmlHandler {
  let inParagraph = 0;
  return {
    open(name, attributes) {
      if (name === 'p' || name === 'h') inParagraph++;
      else if (inParagraph > 0) sink.write(odfInline(name, attributes));
    },
    close(name) {
      if (name === 'p' || name === 'h') {
        inParagraph--;
        sink.newline();
      }
    },
    text(text) {
      if (inParagraph > 0) sink.write(text);
    },
  };
}

/** An ODF spreadsheet: a line per row, cells apart by tabs, a cell's paragraphs joined by spaces. */
function odfSheet(sink: TextSink): XmlHandler {
  let cells: string[] = [];
  let cell: string[] = [];
  let inParagraph = 0;
  return {
    open(name, attributes) {
      if (name === 'table-row') cells = [];
      else if (name === 'table-cell' || name === 'covered-table-cell') cell = [];
      else if (name === 'p' || name === 'h') {
        if (cell.length > 0) cell.push(' ');
        inParagraph++;
      } else if (inParagraph > 0) cell.push(odfInline(name, attributes));
    },
    close(name) {
      if (name === 'p' || name === 'h') inParagraph--;
      else if (name === 'table-cell' || name === 'covered-table-cell') cells.push(cell.join(''));
      else if (name === 'table-row') writeRow(sink, cells);
    },
    text(text) {
      if (inParagraph > 0) cell.push(text);
    },
  };
}

/** An ODF package encrypts its parts in place and says so in its manifest. */
async function isEncryptedOdf(archive: Archive): Promise<boolean> {
  const manifest = 'META-INF/manifest.xml';
  if (!archive.names.has(manifest)) return false;
  let encrypted = false;
  const handler: XmlHandler = {
    open(name) {
      if (name === 'encryption-data') encrypted = true;
    },
  };
  await parseXml(archive.read(manifest), handler, () => encrypted);
  return encrypted;
}

const extractors: Record<OfficeKind, (archive: Archive, sink: TextSink) => Promise<void>> = {
  async docx(archive, sink) {
    await readPart(archive, 'word/document.xml', ooxmlText(sink), sink);
    for (const part of ['word/footnotes.xml', 'word/endnotes.xml']) {
      if (archive.names.has(part)) await readPart(archive, part, ooxmlText(sink), sink);
    }
  },
  async pptx(archive, sink) {
    const slides = numbered(archive, 'ppt/slides/slide');
    if (slides.length === 0) throw new ExtractionError('corrupt');
    for (const slide of slides) await readPart(archive, slide, ooxmlText(sink), sink);
  },
  async xlsx(archive, sink) {
    const sheets = numbered(archive, 'xl/worksheets/sheet');
    if (sheets.length === 0) throw new ExtractionError('corrupt');
    const strings: string[] = [];
    const stringsPart = 'xl/sharedStrings.xml';
    if (archive.names.has(stringsPart)) {
      await parseXml(archive.read(stringsPart), sharedStrings(strings), () => false);
    }
    for (const sheet of sheets) await readPart(archive, sheet, worksheet(sink, strings), sink);
  },
  async odt(archive, sink) {
    if (await isEncryptedOdf(archive)) throw new ExtractionError('encrypted');
    await readPart(archive, 'content.xml', odfText(sink), sink);
  },
  async ods(archive, sink) {
    if (await isEncryptedOdf(archive)) throw new ExtractionError('encrypted');
    await readPart(archive, 'content.xml', odfSheet(sink), sink);
  },
};

/** The text of an office document, reading only the parts that hold it. */
export async function extractOffice(
  path: string,
  kind: OfficeKind,
  limits: ExtractionLimits,
  sink: TextSink,
): Promise<void> {
  if (await isCompoundFile(path)) throw new ExtractionError('encrypted');
  const archive = await openArchive(path, limits);
  try {
    await extractors[kind](archive, sink);
  } finally {
    archive.close();
  }
}
