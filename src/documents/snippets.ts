import { cjkTermsOf } from './rules.ts';

/**
 * Snippets of search results (ADR 0027). The database cuts a window of the text around the first place
 * where a searched word appears; the words are highlighted here. Stemming every window with
 * `ts_headline` cost a third of a search's time, for a highlight a reader takes in at a glance: here a
 * word of the text is highlighted when it begins with the first letters of a searched word (its stem,
 * near enough, in the languages the library holds), and Chinese terms wherever they appear.
 */

const wordPattern = /[\p{L}\p{M}\p{N}]+/gu;
const wordEnd = /[\p{L}\p{M}\p{N}]$/u;
const wordRest = /[\p{L}\p{M}\p{N}]*/uy;

/** How many letters of a searched word a word of the text must begin with to be highlighted. */
const probeLength = 6;

/**
 * The probes of a search box's words: websearch syntax aside (OR, excluded words, quotes), lower case,
 * split into words as the text is (`d'état` gives `d` and `état`); Chinese terms are kept whole.
 */
export function searchProbesOf(words: string): string[] {
  const probes = words
    .split(/\s+/)
    .filter((word) => word !== '' && !word.startsWith('-') && word.toLowerCase() !== 'or')
    .flatMap((word) => [...word.toLowerCase().matchAll(wordPattern)].map((match) => match[0]))
    .map((word) => (cjkTermsOf(word).length > 0 ? word : [...word].slice(0, probeLength).join('')))
    .filter((probe) => [...probe].length >= 2 || cjkTermsOf(probe).length > 0);
  return [...new Set(probes)].slice(0, 8);
}

/**
 * A window of text as alternating plain and highlighted parts (odd-numbered parts are highlighted). The
 * window's cut ends are trimmed to whole words and marked with an ellipsis.
 */
export function highlightWindow(
  window: string,
  options: { probes: readonly string[]; cutBefore: boolean; cutAfter: boolean },
): string[] {
  // A cut end drops the part of a word it split: up to 20 letters before a space, so that text without
  // spaces (Chinese) keeps what it has.
  let text = window;
  if (options.cutBefore) text = text.replace(/^[\p{L}\p{M}\p{N}]{1,20}(?=\s)/u, '');
  if (options.cutAfter) text = text.replace(/(?<=\s)[\p{L}\p{M}\p{N}]{1,20}$/u, '');
  text = text.replace(/\s+/g, ' ').trim();
  if (options.cutBefore) text = `… ${text}`;
  if (options.cutAfter) text = `${text} …`;
  const ranges: [number, number][] = [];
  const cjkProbes = options.probes.filter((probe) => cjkTermsOf(probe).length > 0);
  const wordProbes = options.probes.filter((probe) => cjkTermsOf(probe).length === 0);
  const lowered = text.toLowerCase();
  if (lowered.length === text.length) {
    // Each probe is looked for in the lowered text and kept where a word begins, to that word's end:
    // the same words as going through every word, at a fraction of the cost on this machine.
    for (const probe of wordProbes)
      for (let at = lowered.indexOf(probe); at !== -1; at = lowered.indexOf(probe, at + 1)) {
        if (wordEnd.test(text.slice(Math.max(0, at - 2), at))) continue;
        wordRest.lastIndex = at + probe.length;
        wordRest.exec(text);
        ranges.push([at, wordRest.lastIndex]);
      }
  } else {
    // A letter whose lower case is longer ('İ') would shift the lowered text's positions.
    for (const match of text.matchAll(wordPattern)) {
      const word = match[0].toLowerCase();
      if (wordProbes.some((probe) => word.startsWith(probe)))
        ranges.push([match.index, match.index + match[0].length]);
    }
  }
  for (const probe of cjkProbes)
    for (let at = text.indexOf(probe); at !== -1; at = text.indexOf(probe, at + probe.length))
      ranges.push([at, at + probe.length]);
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let from = 0;
  for (const [start, end] of ranges) {
    if (start < from) continue;
    parts.push(text.slice(from, start), text.slice(start, end));
    from = end;
  }
  parts.push(text.slice(from));
  return parts;
}

/**
 * The snippet of a window read as `length + 1` characters of the text: the extra character says that
 * the text goes on, without the database counting all of its characters; highlighted as above.
 */
export function snippetOfRead(
  read: string,
  options: { length: number; probes: readonly string[]; cutBefore: boolean },
): string[] {
  // The database counts characters, JavaScript UTF-16 units: they differ only with surrogate pairs.
  const characters = /[\uD800-\uDFFF]/.test(read) ? Array.from(read) : null;
  const cutAfter = (characters?.length ?? read.length) > options.length;
  const window = !cutAfter
    ? read
    : characters
      ? characters.slice(0, options.length).join('')
      : read.slice(0, options.length);
  return highlightWindow(window, { probes: options.probes, cutBefore: options.cutBefore, cutAfter });
}
