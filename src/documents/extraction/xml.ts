import { SaxesParser } from 'saxes';

/** Events of a streamed XML part, with prefixes dropped from element and attribute names. */
export interface XmlHandler {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  close?(name: string): void;
  text?(text: string): void;
}

// Producers choose their own prefixes (`w:`, `a:`, `text:`); the local names of the parts read here are
// distinct enough on their own.
function localName(qualified: string): string {
  return qualified.slice(qualified.indexOf(':') + 1);
}

/**
 * Parses an XML part as its chunks arrive, with saxes: entities are decoded, a DTD's own entities are never
 * expanded, and malformed XML or UTF-8 throws (the file is corrupt). Stops reading once `done()` holds,
 * which releases the part's stream.
 */
export async function parseXml(
  chunks: AsyncIterable<Uint8Array>,
  handler: XmlHandler,
  done: () => boolean,
): Promise<void> {
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (handler.open === undefined) return;
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attributes[localName(name)] = value;
    handler.open(localName(tag.name), attributes);
  });
  parser.on('closetag', (tag) => handler.close?.(localName(tag.name)));
  parser.on('text', (text) => handler.text?.(text));
  parser.on('cdata', (text) => handler.text?.(text));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of chunks) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (done()) return;
  }
  parser.write(decoder.decode());
  parser.close();
}
