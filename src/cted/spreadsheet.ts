import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ExtractionError } from '../documents/extraction/types.ts';
import { parseXml, type XmlHandler } from '../documents/extraction/xml.ts';
import { openArchive } from '../documents/extraction/zip.ts';

/** What an import reads from a file: its rows of cells, the first being the header. */
export type Table = string[][];

/** Import files are small: a few thousand recommendations at most (ADR 0025). */
export const maxImportBytes = 2 * 1024 * 1024;
export const maxImportRows = 5_000;

const zipLimits = {
  maxEntries: 200,
  maxUncompressedBytes: 40 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioCheckAfterBytes: 1024 * 1024,
};

/** Excel's day 0 is 30 December 1899; a date cell holds the days since then. */
export function excelSerialToDay(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** A workbook's shared strings, in order; phonetic guides are not part of the text. */
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

function columnOf(reference: string | undefined): number | null {
  const letters = /^[A-Z]+/.exec(reference ?? '')?.[0];
  if (letters === undefined) return null;
  let column = 0;
  for (const letter of letters) column = column * 26 + letter.charCodeAt(0) - 64;
  return Math.min(column - 1, 200);
}

/** The first worksheet as rows of cells, keeping row numbers (an empty row stays an empty row). */
function firstSheet(rows: Table, strings: readonly string[]): XmlHandler {
  let cells: string[] = [];
  let rowNumber = 0;
  let column: number | null = null;
  let type = 'n';
  let value = '';
  let inValue = false;
  return {
    open(name, attributes) {
      if (name === 'row') {
        cells = [];
        const number = Number(attributes.r);
        rowNumber = Number.isInteger(number) && number > 0 ? number : rowNumber + 1;
      } else if (name === 'c') {
        column = columnOf(attributes.r);
        type = attributes.t ?? 'n';
        value = '';
      } else if (name === 'v' || name === 't') inValue = true;
    },
    close(name) {
      if (name === 'v' || name === 't') inValue = false;
      else if (name === 'c') {
        while (column !== null && cells.length < column) cells.push('');
        cells.push(type === 's' ? (strings[Number(value)] ?? '') : type === 'b' || type === 'e' ? '' : value);
      } else if (name === 'row') {
        // A row far below the last (a sparse sheet) counts as too many rows, without filling the gap.
        while (rows.length < Math.min(rowNumber - 1, maxImportRows + 2)) rows.push([]);
        if (rows.length < maxImportRows + 2) rows.push(cells);
      }
    },
    text(text) {
      if (inValue) value += text;
    },
  };
}

/**
 * Reads an uploaded CSV or XLSX file into rows, or says why it cannot. XLSX is read with the library's own
 * guarded zip and XML readers (documents/extraction): entry count, inflated size and ratio are limited, so
 * a crafted workbook cannot exhaust the server.
 */
export async function readTable(
  fileName: string,
  bytes: Uint8Array,
): Promise<{ table: Table } | { problem: string }> {
  if (bytes.byteLength === 0) return { problem: 'file_empty' };
  if (bytes.byteLength > maxImportBytes) return { problem: 'cted_import_too_large' };
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(fileName) || isZip) {
    if (!isZip) return { problem: 'cted_import_unreadable' };
    return readXlsx(bytes);
  }
  if (!/\.(csv|txt)$/i.test(fileName)) return { problem: 'cted_import_type' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { problem: 'cted_import_unreadable' };
  }
  try {
    const delimiter =
      (text.split('\n', 1)[0] ?? '').includes(';') && !text.split('\n', 1)[0]?.includes(',') ? ';' : ',';
    const rows = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    }) as Table;
    return withinRowLimit(rows);
  } catch {
    return { problem: 'cted_import_unreadable' };
  }
}

/** The header and at most `maxImportRows` rows; more is refused whole, never cut silently (all or nothing). */
function withinRowLimit(rows: Table): { table: Table } | { problem: string } {
  return rows.length > maxImportRows + 1 ? { problem: 'cted_import_too_many_rows' } : { table: rows };
}

async function readXlsx(bytes: Uint8Array): Promise<{ table: Table } | { problem: string }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'cted-import-'));
  const file = path.join(folder, 'import.xlsx');
  try {
    await writeFile(file, bytes);
    const archive = await openArchive(file, zipLimits);
    try {
      const sheet = [...archive.names]
        .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
        .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))[0];
      if (!sheet) return { problem: 'cted_import_unreadable' };
      const strings: string[] = [];
      if (archive.names.has('xl/sharedStrings.xml')) {
        await parseXml(archive.read('xl/sharedStrings.xml'), sharedStrings(strings), () => false);
      }
      const rows: Table = [];
      await parseXml(archive.read(sheet), firstSheet(rows, strings), () => rows.length > maxImportRows + 1);
      return withinRowLimit(rows);
    } finally {
      archive.close();
    }
  } catch (error) {
    if (error instanceof ExtractionError || error instanceof Error)
      return { problem: 'cted_import_unreadable' };
    throw error;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The columns of the import template, in its order. */
export const templateColumns = [
  'country',
  'assessment_start',
  'theme',
  'priority',
  'status',
  'issued_on',
  'due_on',
  'text',
] as const;
export type TemplateColumn = (typeof templateColumns)[number];
