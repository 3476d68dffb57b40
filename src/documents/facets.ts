import type { LocalizedText, UnLanguage } from '../web/i18n/locales.ts';

export type FacetName = 'type' | 'body' | 'country' | 'region' | 'year' | 'language' | 'pillar' | 'owner';

export interface FacetValue {
  value: string;
  label: LocalizedText | null;
  count: number;
}

export type Facets = Record<FacetName, FacetValue[]>;

/** What a key of a managed list's value (`t12`, `c45`) stands for: its value in addresses and its label. */
export interface FacetLabel {
  value: string;
  label: LocalizedText;
}

export type FacetLabels = ReadonlyMap<string, FacetLabel>;

/**
 * The facet each key's first letter names. Types, owners, bodies and countries are keyed by their
 * `short_id` and need a label; pillars and years are numbers too; regions and languages are text.
 */
const facetOfLetter: Record<string, FacetName> = {
  t: 'type',
  o: 'owner',
  b: 'body',
  c: 'country',
  p: 'pillar',
  y: 'year',
  r: 'region',
  l: 'language',
};
const labelled = new Set(['t', 'o', 'b', 'c']);
/** The letters of numbered keys, whose number and slot in this list make one number per key. */
const numbered = ['t', 'o', 'b', 'c', 'p', 'y'];
const slotOfCode = new Int8Array(128).fill(-1);
numbered.forEach((letter, slot) => {
  slotOfCode[letter.charCodeAt(0)] = slot;
});
const slots = numbered.length;
const newline = 10;
const zero = 48;

/**
 * Counts of numbered keys (a key's number times `slots`, plus its slot) below this many are kept in a
 * table rather than a Map, and the keys seen listed, so that counting thousands of keys allocates no
 * Map entries: a search's garbage is collected while other searches wait. The table belongs to the
 * module and is emptied before `countFacets` returns, whatever happens (counting is synchronous).
 */
const tableSize = 1 << 16;
const table = new Int32Array(tableSize);
const seen = new Int32Array(tableSize);

/** Each label set's labels by numbered key, so that labelling a count builds no string. */
const labelsByKey = new WeakMap<FacetLabels, Map<number, FacetLabel>>();

function numberedLabels(labels: FacetLabels): Map<number, FacetLabel> {
  let byKey = labelsByKey.get(labels);
  if (!byKey) {
    byKey = new Map();
    for (const [key, label] of labels) {
      const slot = slotOfCode[key.charCodeAt(0)] as number;
      const number = Number(key.slice(1));
      if (slot >= 0 && Number.isSafeInteger(number)) byKey.set(number * slots + slot, label);
    }
    labelsByKey.set(labels, byKey);
  }
  return byKey;
}

/**
 * The facets of a set of documents from their facet keys (`document_search.facet_keys`, one per line,
 * all the documents' keys in one text): how many documents have each value, most first, years newest first.
 * `unlabelled` counts the keys of a managed list that `labels` does not know (a value added since the
 * labels were read): their values are left out, and the caller may count again with fresh labels.
 *
 * A search counts thousands of keys: numbered keys are read digit by digit into one number each, and
 * the few distinct text keys (regions, languages) are told apart by a hash of their characters, compared
 * in place and cut into a string only the first time: cutting and hashing every key as a string took
 * most of a millisecond a search on this machine.
 */
export function countFacets(
  keys: string | null,
  labels: FacetLabels,
): { facets: Facets; unlabelled: number } {
  const beyondTable = new Map<number, number>();
  const texts: string[] = [];
  const textCounts: number[] = [];
  const textByHash = new Map<number, number>();
  const text = keys ?? '';
  const counts: [number, number][] = [];
  let distinct = 0;
  let at = 0;
  try {
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === newline) {
        at++;
        continue;
      }
      const slot = code < 128 ? (slotOfCode[code] as number) : -1;
      let end = at + 1;
      if (slot >= 0) {
        let number = 0;
        for (
          let next = text.charCodeAt(end);
          end < text.length && next !== newline;
          next = text.charCodeAt(++end)
        )
          number = number * 10 + next - zero;
        // One number per key: the slot in the low bits, so that small numbers stay small integers.
        const key = number * slots + slot;
        if (key < tableSize) {
          if (table[key] === 0) seen[distinct++] = key;
          table[key] = (table[key] as number) + 1;
        } else beyondTable.set(key, (beyondTable.get(key) ?? 0) + 1);
      } else {
        let hash = code;
        for (
          let next = text.charCodeAt(end);
          end < text.length && next !== newline;
          next = text.charCodeAt(++end)
        )
          hash = Math.imul(hash ^ next, 16777619);
        let index = textByHash.get(hash);
        if (index === undefined || !sameKey(text, at, end, texts[index] as string)) {
          const key = text.slice(at, end);
          index = texts.indexOf(key);
          if (index === -1) {
            index = texts.push(key) - 1;
            textCounts.push(0);
          }
          textByHash.set(hash, index);
        }
        textCounts[index] = (textCounts[index] as number) + 1;
      }
      at = end + 1;
    }
  } finally {
    for (let index = 0; index < distinct; index++) {
      const key = seen[index] as number;
      counts.push([key, table[key] as number]);
      table[key] = 0;
    }
  }
  counts.push(...beyondTable);
  const facets: Facets = {
    type: [],
    body: [],
    country: [],
    region: [],
    year: [],
    language: [],
    pillar: [],
    owner: [],
  };
  const byKey = numberedLabels(labels);
  let unlabelled = 0;
  for (const [key, count] of counts) {
    const letter = numbered[key % slots] as string;
    const facet = facetOfLetter[letter] as FacetName;
    if (!labelled.has(letter)) {
      facets[facet].push({ value: String(Math.floor(key / slots)), label: null, count });
      continue;
    }
    const known = byKey.get(key);
    if (known) facets[facet].push({ value: known.value, label: known.label, count });
    else unlabelled++;
  }
  for (const [index, key] of texts.entries()) {
    const facet = facetOfLetter[key[0] as string];
    if (facet) facets[facet].push({ value: key.slice(1), label: null, count: textCounts[index] as number });
  }
  const byValue = (a: FacetValue, b: FacetValue) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  for (const values of Object.values(facets)) values.sort((a, b) => b.count - a.count || byValue(a, b));
  facets.year.sort((a, b) => byValue(b, a));
  return { facets, unlabelled };
}

/** Whether `text` from `at` to `end` is `key`. */
function sameKey(text: string, at: number, end: number, key: string): boolean {
  return end - at === key.length && text.startsWith(key, at);
}

/**
 * The facets with at most `limit` values each (the first in `countFacets`'s order: most documents first,
 * years newest first), each label in the reader's language and English only: a search's facets name up
 * to every country and entity, and their names made most of the answer (ADR 0028, 0029).
 */
export function facetsInLanguage(
  facets: Facets,
  locale: UnLanguage,
  limit = Number.POSITIVE_INFINITY,
): Facets {
  const trimmed = {} as Facets;
  for (const [name, values] of Object.entries(facets) as [FacetName, FacetValue[]][])
    trimmed[name] = values.slice(0, limit).map((value) => ({
      ...value,
      label: value.label && labelIn(value.label, locale),
    }));
  return trimmed;
}

/** How many values each facet has, however many of them an answer lists. */
export function facetTotalsOf(facets: Facets): Record<FacetName, number> {
  return Object.fromEntries(Object.entries(facets).map(([name, values]) => [name, values.length])) as Record<
    FacetName,
    number
  >;
}

function labelIn(label: LocalizedText, locale: UnLanguage): LocalizedText {
  const own = label[locale];
  return locale === 'en' || own === undefined ? { en: label.en } : { en: label.en, [locale]: own };
}
