import { extractOffice } from './office.ts';
import { extractPdf } from './pdf.ts';
import { extractPlain } from './plain.ts';
import { TextSink } from './text-sink.ts';
import type { ExtractableKind, ExtractionLimits } from './types.ts';

/** Runs in the worker: throws `ExtractionError` for a known refusal, anything else for a damaged file. */
export async function extract(
  path: string,
  kind: ExtractableKind,
  limits: ExtractionLimits,
): Promise<{ text: string; truncated: boolean }> {
  const sink = new TextSink(limits.maxChars);
  if (kind === 'pdf') await extractPdf(path, sink);
  else if (kind === 'txt' || kind === 'csv') await extractPlain(path, sink);
  else await extractOffice(path, kind, limits, sink);
  return sink.result();
}
