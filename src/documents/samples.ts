import { strToU8, zipSync } from 'fflate';
import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';

/**
 * Real files made from text, for the demo library and for tests: each is accepted by `fileTypeOf` under
 * its extension and gives its text back through `extractText`. Pure JavaScript, so the demo data can make
 * them at start-up on any machine.
 */
export interface SampleText {
  title: string;
  paragraphs: readonly string[];
}

// The characters XML 1.0 cannot hold at all; a generator takes any string, so they are dropped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escapeXml(text: string): string {
  return text
    .replace(notXml, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// A fixed date keeps the same input giving the same bytes, hence the same blob.
const fixedDate = new Date('2022-12-31T00:00:00Z');

function zipOf(parts: Record<string, string>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xmlDeclaration + xml);
  return zipSync(files, { level: 6, mtime: fixedDate });
}

const relationshipTypes = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function relationships(targets: readonly [type: string, target: string][]): string {
  const items = targets.map(
    ([type, target], index) =>
      `<Relationship Id="rId${index + 1}" Type="${relationshipTypes}/${type}" Target="${target}"/>`,
  );
  return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

// [Content_Types].xml comes first in every package: file-type recognises the format from it.
function contentTypes(overrides: Record<string, string>): string {
  const items = Object.entries(overrides).map(
    ([part, type]) => `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-${type}"/>`,
  );
  return (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    `<Default Extension="xml" ContentType="application/xml"/>${items.join('')}</Types>`
  );
}

const pageWidth = 595.28;
const pageHeight = 841.89;
const margin = 56;

/** Lines of at most `width` points; a word longer than a line is cut. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    const longer = line === '' ? word : `${line} ${word}`;
    if (fits(longer)) {
      line = longer;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    while (!fits(line)) {
      let cut = line.length - 1;
      while (cut > 1 && !fits(line.slice(0, cut))) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** An A4 PDF in Helvetica, as many pages as the text needs. */
export async function pdfOf({ title, paragraphs }: SampleText): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setCreationDate(fixedDate);
  pdf.setModificationDate(fixedDate);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  // The standard fonts cover Latin-1 only (WinAnsi); other characters would make pdf-lib throw.
  const covered = new Set(regular.getCharacterSet());
  const encodable = (text: string) =>
    Array.from(text, (char) => (covered.has(char.codePointAt(0) ?? 0) ? char : '?')).join('');

  let page = pdf.addPage([pageWidth, pageHeight]);
  let y = pageHeight - margin;
  const draw = (text: string, font: PDFFont, size: number, gapAfter: number) => {
    const leading = size * 1.35;
    for (const line of wrap(encodable(text), font, size, pageWidth - 2 * margin)) {
      if (y - leading < margin) {
        page = pdf.addPage([pageWidth, pageHeight]);
        y = pageHeight - margin;
      }
      y -= leading;
      page.drawText(line, { x: margin, y, size, font });
    }
    y -= gapAfter;
  };
  draw(title, bold, 16, 12);
  for (const paragraph of paragraphs) draw(paragraph, regular, 11, 6);
  return pdf.save();
}

const wordMain = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function wordParagraph(text: string, runProperties = ''): string {
  return `<w:p><w:r>${runProperties}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
}

/** A Word document: the title in large bold, then one paragraph each. */
export function docxOf({ title, paragraphs }: SampleText): Uint8Array {
  const body = [
    wordParagraph(title, '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>'),
    ...paragraphs.map((paragraph) => wordParagraph(paragraph)),
  ];
  return zipOf({
    '[Content_Types].xml': contentTypes({
      'word/document.xml': 'officedocument.wordprocessingml.document.main+xml',
    }),
    '_rels/.rels': relationships([['officeDocument', 'word/document.xml']]),
    'word/document.xml': `<w:document ${wordMain}><w:body>${body.join('')}<w:sectPr/></w:body></w:document>`,
  });
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

const sheetMain = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** A workbook of one sheet, every cell a shared string as Excel writes text; empty cells are left out. */
export function xlsxOf(rows: readonly (readonly string[])[]): Uint8Array {
  const strings = new Map<string, number>();
  const indexOf = (text: string) => {
    if (!strings.has(text)) strings.set(text, strings.size);
    return strings.get(text);
  };
  const sheetRows = rows.map((cells, r) => {
    const xml = cells.map((text, c) =>
      text === '' ? '' : `<c r="${columnName(c)}${r + 1}" t="s"><v>${indexOf(text)}</v></c>`,
    );
    return `<row r="${r + 1}">${xml.join('')}</row>`;
  });
  const shared = [...strings.keys()].map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`);
  return zipOf({
    '[Content_Types].xml': contentTypes({
      'xl/workbook.xml': 'officedocument.spreadsheetml.sheet.main+xml',
      'xl/worksheets/sheet1.xml': 'officedocument.spreadsheetml.worksheet+xml',
      'xl/sharedStrings.xml': 'officedocument.spreadsheetml.sharedStrings+xml',
    }),
    '_rels/.rels': relationships([['officeDocument', 'xl/workbook.xml']]),
    'xl/workbook.xml': `<workbook ${sheetMain} xmlns:r="${relationshipTypes}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': relationships([
      ['worksheet', 'worksheets/sheet1.xml'],
      ['sharedStrings', 'sharedStrings.xml'],
    ]),
    'xl/worksheets/sheet1.xml': `<worksheet ${sheetMain}><sheetData>${sheetRows.join('')}</sheetData></worksheet>`,
    'xl/sharedStrings.xml': `<sst ${sheetMain} count="${strings.size}" uniqueCount="${strings.size}">${shared.join('')}</sst>`,
  });
}

const drawingNamespaces =
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" ' +
  `xmlns:r="${relationshipTypes}"`;
const emptyShapeTree =
  '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>';

function slideXml(paragraphs: readonly string[]): string {
  const text = paragraphs.map(
    (line) => `<a:p><a:r><a:rPr lang="en-GB"/><a:t>${escapeXml(line)}</a:t></a:r></a:p>`,
  );
  const box =
    '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Text"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>' +
    '<p:spPr><a:xfrm><a:off x="457200" y="457200"/><a:ext cx="8229600" cy="5943600"/></a:xfrm>' +
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>' +
    `<p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>${text.join('')}</p:txBody></p:sp>`;
  return `<p:sld ${drawingNamespaces}><p:cSld><p:spTree>${emptyShapeTree}${box}</p:spTree></p:cSld></p:sld>`;
}

const colorNames = [
  'dk1',
  'lt1',
  'dk2',
  'lt2',
  'accent1',
  'accent2',
  'accent3',
  'accent4',
  'accent5',
  'accent6',
];
const colorOf = (name: string) =>
  name.startsWith('dk') ? '1F3864' : name.startsWith('lt') ? 'FFFFFF' : '4472C4';
const fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
const line = `<a:ln w="9525">${fill}</a:ln>`;
const themeXml =
  `<a:theme ${drawingNamespaces} name="Compact"><a:themeElements><a:clrScheme name="Compact">` +
  colorNames.map((name) => `<a:${name}><a:srgbClr val="${colorOf(name)}"/></a:${name}>`).join('') +
  '<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>' +
  '<a:fontScheme name="Compact">' +
  ['major', 'minor']
    .map(
      (kind) =>
        `<a:${kind}Font><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:${kind}Font>`,
    )
    .join('') +
  '</a:fontScheme><a:fmtScheme name="Compact">' +
  `<a:fillStyleLst>${fill.repeat(3)}</a:fillStyleLst><a:lnStyleLst>${line.repeat(3)}</a:lnStyleLst>` +
  `<a:effectStyleLst>${'<a:effectStyle><a:effectLst/></a:effectStyle>'.repeat(3)}</a:effectStyleLst>` +
  `<a:bgFillStyleLst>${fill.repeat(3)}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>`;
const colorMap =
  '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" ' +
  'accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>';

/** A presentation with a slide per entry, each holding its lines as paragraphs of one text box. */
export function pptxOf(slides: readonly (readonly string[])[]): Uint8Array {
  const parts: Record<string, string> = {};
  const overrides: Record<string, string> = {
    'ppt/presentation.xml': 'officedocument.presentationml.presentation.main+xml',
    'ppt/slideMasters/slideMaster1.xml': 'officedocument.presentationml.slideMaster+xml',
    'ppt/slideLayouts/slideLayout1.xml': 'officedocument.presentationml.slideLayout+xml',
    'ppt/theme/theme1.xml': 'officedocument.theme+xml',
  };
  slides.forEach((_, i) => {
    overrides[`ppt/slides/slide${i + 1}.xml`] = 'officedocument.presentationml.slide+xml';
  });
  parts['[Content_Types].xml'] = contentTypes(overrides);
  parts['_rels/.rels'] = relationships([['officeDocument', 'ppt/presentation.xml']]);
  // rId1 is the master, rId2 the theme, the slides follow.
  const slideIds = slides.map((_, i) => `<p:sldId id="${256 + i}" r:id="rId${i + 3}"/>`);
  parts['ppt/presentation.xml'] =
    `<p:presentation ${drawingNamespaces}><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>` +
    `<p:sldIdLst>${slideIds.join('')}</p:sldIdLst><p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>`;
  parts['ppt/_rels/presentation.xml.rels'] = relationships([
    ['slideMaster', 'slideMasters/slideMaster1.xml'],
    ['theme', 'theme/theme1.xml'],
    ...slides.map((_, i): [string, string] => ['slide', `slides/slide${i + 1}.xml`]),
  ]);
  parts['ppt/slideMasters/slideMaster1.xml'] =
    `<p:sldMaster ${drawingNamespaces}><p:cSld><p:spTree>${emptyShapeTree}</p:spTree></p:cSld>${colorMap}` +
    '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>';
  parts['ppt/slideMasters/_rels/slideMaster1.xml.rels'] = relationships([
    ['slideLayout', '../slideLayouts/slideLayout1.xml'],
    ['theme', '../theme/theme1.xml'],
  ]);
  parts['ppt/slideLayouts/slideLayout1.xml'] =
    `<p:sldLayout ${drawingNamespaces} type="blank"><p:cSld name="Blank"><p:spTree>${emptyShapeTree}</p:spTree></p:cSld>` +
    '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>';
  parts['ppt/slideLayouts/_rels/slideLayout1.xml.rels'] = relationships([
    ['slideMaster', '../slideMasters/slideMaster1.xml'],
  ]);
  parts['ppt/theme/theme1.xml'] = themeXml;
  slides.forEach((paragraphs, i) => {
    parts[`ppt/slides/slide${i + 1}.xml`] = slideXml(paragraphs);
    parts[`ppt/slides/_rels/slide${i + 1}.xml.rels`] = relationships([
      ['slideLayout', '../slideLayouts/slideLayout1.xml'],
    ]);
  });
  return zipOf(parts);
}
