import { readFile } from 'node:fs/promises';
import type { TextSink } from './text-sink.ts';
import { ExtractionError } from './types.ts';

/** The text of a PDF, page by page, with PDF.js (through unpdf, which needs no canvas for text). */
export async function extractPdf(path: string, sink: TextSink): Promise<void> {
  // Loaded here so that office and text extraction do not pay for parsing PDF.js in every worker.
  const { getDocumentProxy } = await import('unpdf');
  const data = new Uint8Array(await readFile(path));
  // verbosity 0: PDF.js's warnings about a damaged file would otherwise go to the server's stdout.
  const pdf = await getDocumentProxy(data, { isEvalSupported: false, verbosity: 0 }).catch((error) => {
    throw error instanceof Error && error.name === 'PasswordException'
      ? new ExtractionError('encrypted')
      : error;
  });
  try {
    for (let number = 1; number <= pdf.numPages && !sink.full; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue;
        sink.write(item.str);
        if (item.hasEOL) sink.newline();
      }
      sink.newline();
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
}
