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
/** The letters of numbered keys, each counted in its own array indexed by the number. */
const numbered = ['t', 'o', 'b', 'c', 'p', 'y'];
const slotOfCode = new Int8Array(128).fill(-1);
numbered.forEach((letter, slot) => {
  slotOfCode[letter.charCodeAt(0)] = slot;
});
const slots = numbered.length;
const newline = 10;
const zero = 48;

/**
 * The facets of a set of documents from their facet keys (`documents.facet_keys`, one per line, all the
 * documents' keys in one text): how many documents have each value, most first, years newest first.
 * `unlabelled` counts the keys of a managed list that `labels` does not know (a value added since the
 * labels were read): their values are left out, and the caller may count again with fresh labels.
 *
 * A search counts thousands of keys: numbered keys are read digit by digit into one number each rather
 * than cut into strings and hashed as strings, which took most of a millisecond a search on this machine.
 */
export function countFacets(
  keys: string | null,
  labels: FacetLabels,
): { facets: Facets; unlabelled: number } {
  const counts = new Map<number, number>();
  const texts = new Map<string, number>();
  const text = keys ?? '';
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const code = text.charCodeAt(at);
    const slot = code < 128 ? (slotOfCode[code] as number) : -1;
    if (slot >= 0) {
      let number = 0;
      for (let digit = at + 1; digit < end; digit++) number = number * 10 + text.charCodeAt(digit) - zero;
      // One number per key: the slot in the low bits, so that small numbers stay small integers.
      const key = number * slots + slot;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } else if (end > at && code !== newline) {
      const key = text.slice(at, end);
      texts.set(key, (texts.get(key) ?? 0) + 1);
    }
    at = end + 1;
  }
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
  let unlabelled = 0;
  for (const [key, count] of counts) {
    const letter = numbered[key % slots] as string;
    const number = Math.floor(key / slots);
    const facet = facetOfLetter[letter] as FacetName;
    if (!labelled.has(letter)) {
      facets[facet].push({ value: String(number), label: null, count });
      continue;
    }
    const known = labels.get(`${letter}${number}`);
    if (known) facets[facet].push({ value: known.value, label: known.label, count });
    else unlabelled++;
  }
  for (const [key, count] of texts) {
    const facet = facetOfLetter[key[0] as string];
    if (facet) facets[facet].push({ value: key.slice(1), label: null, count });
  }
  const byValue = (a: FacetValue, b: FacetValue) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  for (const values of Object.values(facets)) values.sort((a, b) => b.count - a.count || byValue(a, b));
  facets.year.sort((a, b) => byValue(b, a));
  return { facets, unlabelled };
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
