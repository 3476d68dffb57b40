import { createReadStream } from 'node:fs';
import type { TextSink } from './text-sink.ts';

/** TXT and CSV as UTF-8 (the upload check took them only as such); the decoder drops a BOM. */
export async function extractPlain(path: string, sink: TextSink): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    sink.write(decoder.decode(chunk, { stream: true }));
    if (sink.full) return;
  }
  sink.write(decoder.decode());
}
