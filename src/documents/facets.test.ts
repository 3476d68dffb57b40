import { describe, expect, it } from 'vitest';
import { countFacets, type FacetLabels, facetsInLanguage, facetTotalsOf } from './facets.ts';

const labels: FacetLabels = new Map([
  ['t1', { value: 'report', label: { en: 'Report', fr: 'Rapport', ar: 'تقرير' } }],
  ['t2', { value: 'newsletter', label: { en: 'Newsletter', fr: 'Lettre d’information' } }],
  ['o7', { value: 'unodc', label: { en: 'UNODC' } }],
  ['b3', { value: 'etcip', label: { en: 'ETCIP' } }],
  ['c12', { value: 'KEN', label: { en: 'Kenya', fr: 'Kenya' } }],
  ['c120', { value: 'UGA', label: { en: 'Uganda', fr: 'Ouganda' } }],
]);

/** The keys of three documents, as the database joins them. */
const keys = [
  ['t1', 'o7', 'b3', 'c12', 'c120', 'rEast Africa', 'len', 'lfr', 'p2', 'y2021'],
  ['t1', 'c120', 'rEast Africa', 'len', 'p2', 'p4', 'y2019'],
  ['t2', 'o7', 'len', 'y2021'],
]
  .map((document) => document.join('\n'))
  .join('\n');

describe('facets counted from facet keys', () => {
  it('counts each value over the documents, labelled from the managed lists, most first', () => {
    const { facets, unlabelled } = countFacets(keys, labels);
    expect(unlabelled).toBe(0);
    expect(facets.type).toEqual([
      { value: 'report', label: labels.get('t1')?.label, count: 2 },
      { value: 'newsletter', label: labels.get('t2')?.label, count: 1 },
    ]);
    expect(facets.owner).toEqual([{ value: 'unodc', label: { en: 'UNODC' }, count: 2 }]);
    expect(facets.body).toEqual([{ value: 'etcip', label: { en: 'ETCIP' }, count: 1 }]);
    expect(facets.country.map((value) => [value.value, value.count])).toEqual([
      ['UGA', 2],
      ['KEN', 1],
    ]);
    expect(facets.region).toEqual([{ value: 'East Africa', label: null, count: 2 }]);
    expect(facets.language.map((value) => [value.value, value.count])).toEqual([
      ['en', 3],
      ['fr', 1],
    ]);
    expect(facets.pillar.map((value) => [value.value, value.count])).toEqual([
      ['2', 2],
      ['4', 1],
    ]);
  });

  it('lists years newest first, whatever their counts', () => {
    expect(countFacets(keys, labels).facets.year).toEqual([
      { value: '2021', label: null, count: 2 },
      { value: '2019', label: null, count: 1 },
    ]);
  });

  it('leaves out and counts the keys the labels do not know, for the caller to read them again', () => {
    const { facets, unlabelled } = countFacets(`${keys}\nt9\nc12\nc300`, labels);
    expect(unlabelled).toBe(2);
    expect(facets.type.map((value) => value.value)).toEqual(['report', 'newsletter']);
    expect(facets.country.find((value) => value.value === 'KEN')?.count).toBe(2);
  });

  it('counts the same again and again, large numbers, blank lines and many regions included', () => {
    const regions = Array.from({ length: 300 }, (_, index) => `rRegion ${index}`);
    const many = `${keys}\n\nt1\no70000\no70000\ny10950\n${regions.join('\n')}\n${regions[7]}`;
    const bigLabels: FacetLabels = new Map([...labels, ['o70000', { value: 'far', label: { en: 'Far' } }]]);
    const first = countFacets(many, bigLabels);
    expect(countFacets(many, bigLabels)).toEqual(first);
    expect(first.unlabelled).toBe(0);
    expect(first.facets.type.map((value) => [value.value, value.count])).toEqual([
      ['report', 3],
      ['newsletter', 1],
    ]);
    expect(first.facets.owner.map((value) => [value.value, value.count])).toEqual([
      ['far', 2],
      ['unodc', 2],
    ]);
    expect(first.facets.year).toContainEqual({ value: '10950', label: null, count: 1 });
    expect(first.facets.region).toHaveLength(301);
    expect(first.facets.region.slice(0, 2)).toEqual([
      { value: 'East Africa', label: null, count: 2 },
      { value: 'Region 7', label: null, count: 2 },
    ]);
    // A count leaves nothing behind for the next one.
    expect(countFacets(keys, labels).facets.type.map((value) => value.count)).toEqual([2, 1]);
  });

  it('tells apart text keys whose hashes collide', () => {
    // Two regions whose characters hash alike in `countFacets`.
    const colliding = ['rXRJxsXY', 'rRWnMEtY', 'rXRJxsXY', 'rRWnMEtY', 'rRWnMEtY'].join('\n');
    expect(countFacets(colliding, labels).facets.region).toEqual([
      { value: 'RWnMEtY', label: null, count: 3 },
      { value: 'XRJxsXY', label: null, count: 2 },
    ]);
  });

  it('gives empty facets for no documents', () => {
    for (const none of [null, '']) {
      const { facets, unlabelled } = countFacets(none, labels);
      expect(unlabelled).toBe(0);
      expect(Object.values(facets).every((values) => values.length === 0)).toBe(true);
    }
  });
});

describe('facets in the reader’s language', () => {
  it('keeps each label in that language and English only', () => {
    const { facets } = countFacets(keys, labels);
    const french = facetsInLanguage(facets, 'fr');
    expect(french.type[0]?.label).toEqual({ en: 'Report', fr: 'Rapport' });
    expect(french.owner[0]?.label).toEqual({ en: 'UNODC' });
    expect(facetsInLanguage(facets, 'en').type[0]?.label).toEqual({ en: 'Report' });
    expect(french.region[0]?.label).toBeNull();
    expect(french.country.map((value) => value.count)).toEqual(facets.country.map((value) => value.count));
  });
});

describe('facets listed up to a limit', () => {
  it('keeps the first values of each facet, most documents first and years newest first, and says how many there are', () => {
    const { facets } = countFacets(keys, labels);
    const limited = facetsInLanguage(facets, 'en', 1);
    expect(limited.country).toEqual([{ value: 'UGA', label: { en: 'Uganda' }, count: 2 }]);
    expect(limited.year.map((value) => value.value)).toEqual(['2021']);
    expect(limited.pillar.map((value) => value.value)).toEqual(['2']);
    expect(facetTotalsOf(facets)).toEqual({
      type: 2,
      body: 1,
      country: 2,
      region: 1,
      year: 2,
      language: 2,
      pillar: 2,
      owner: 1,
    });
    expect(facetsInLanguage(facets, 'en').country).toHaveLength(2);
  });
});
