/**
 * Collects extracted text up to a number of characters. Extractors check `full` to stop reading early, so
 * a huge document costs no more than its first `maxChars` characters.
 */
export class TextSink {
  readonly #parts: string[] = [];
  readonly #maxChars: number;
  #length = 0;
  #endsWithNewline = true;
  #truncated = false;

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  get full(): boolean {
    return this.#truncated;
  }

  write(text: string): void {
    if (this.#truncated || text === '') return;
    const room = this.#maxChars - this.#length;
    const kept = text.length > room ? text.slice(0, room) : text;
    if (kept.length < text.length) this.#truncated = true;
    if (kept === '') return;
    this.#parts.push(kept);
    this.#length += kept.length;
    this.#endsWithNewline = kept.endsWith('\n');
  }

  /** Ends a paragraph or a row; empty ones leave no blank lines, which would only pad the search index. */
  newline(): void {
    // A document that ends exactly at the limit is not truncated by its last line end.
    if (!this.#endsWithNewline && this.#length < this.#maxChars) this.write('\n');
  }

  result(): { text: string; truncated: boolean } {
    return { text: this.#parts.join('').replace(/\n+$/, ''), truncated: this.#truncated };
  }
}
